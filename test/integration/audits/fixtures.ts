import { generateAnnexA } from '../../../src/domain/annex-a/index.js'
import type { Role } from '../../../src/domain/platform/roles.js'
import { generatedEvents } from '../../../src/services/annex-a/generatedEvents.js'
import type { RequestContext } from '../../../src/services/context.js'
import type { TestApp } from '../../support/testApp.js'

export const REFERENCE_DATE = '2024-03-31'

export function contextOf(t: TestApp, org: 'orgA' | 'orgB', role: Role): RequestContext {
  const user = t[org].users[role]
  return { actor: { kind: 'user', userId: user.userId, organisationId: user.organisationId, role, label: user.email } }
}

/** A synthetic Annex A test run (fictional children) stored through the Annex A import service. */
export async function importSyntheticRun(t: TestApp, org: 'orgA' | 'orgB', children = 300): Promise<string> {
  const generated = generateAnnexA({ seed: 21, children, referenceDate: REFERENCE_DATE })
  const result = await t.services.annexA.importRun(contextOf(t, org, 'analyst'), {
    events: generatedEvents(generated),
    sourceName: 'synthetic.xlsx',
    sourceKind: 'xlsx',
    referenceDate: REFERENCE_DATE,
  })
  return result.runId
}

export async function auditActions(t: TestApp, organisationId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_event')
    .select('action')
    .where('organisation_id', '=', organisationId)
    .orderBy('occurred_at')
    .execute()
  return rows.map(row => row.action)
}
