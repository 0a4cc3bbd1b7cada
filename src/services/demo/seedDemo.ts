import { ROLES, type Role } from '../../domain/platform/roles.js'
import { seedDemoAnnexA } from '../annex-a/seedDemoAnnexA.js'
import { seedDemoAudits } from '../audits/seedDemoAudits.js'
import { systemContext } from '../context.js'
import { seedDemoIntelligence } from '../intelligence/seedDemoIntelligence.js'
import { seedDemoEvidence } from '../workspace/evidenceDemo.js'
import { seedDemoWorkspace } from '../workspace/seedDemoWorkspace.js'
import type { Services } from '../index.js'

export const DEMO_ORGANISATION_NAME = 'Demo Borough Council'
export const DEMO_EMAIL_DOMAIN = 'demo.example.gov.uk'

export interface DemoCredentials {
  organisationName: string
  accounts: { email: string; role: Role; password: string }[]
}

/**
 * A fictional authority with one person per role. Runs once: when the demo organisation already
 * exists it does nothing and returns undefined, so passwords are printed only the first time.
 */
export async function seedDemo(services: Services): Promise<DemoCredentials | undefined> {
  if (await services.organisations.findByName(DEMO_ORGANISATION_NAME)) return undefined
  const organisation = await services.organisations.create(
    { name: DEMO_ORGANISATION_NAME, laCode: 'E09999999' },
    'demo seed',
  )
  const context = systemContext(organisation.organisationId, 'demo seed')
  const accounts: DemoCredentials['accounts'] = []
  for (const role of ROLES) {
    const email = `${role}@${DEMO_EMAIL_DOMAIN}`
    const { oneTimePassword } = await services.users.create(context, {
      email,
      displayName: `Demo ${role}`,
      role,
    })
    accounts.push({ email, role, password: oneTimePassword as string })
  }
  await seedDemoAnnexA(services.annexA, organisation.organisationId)
  await seedDemoWorkspace(services.workspace, organisation.organisationId)
  await seedDemoEvidence(services.workspace, organisation.organisationId)
  await seedDemoIntelligence(services.intelligence, organisation.organisationId)
  await seedDemoAudits(services, organisation.organisationId)
  return { organisationName: organisation.name, accounts }
}

export function formatDemoCredentials(credentials: DemoCredentials): string {
  const lines = credentials.accounts.map(
    account => `  ${account.role.padEnd(8)} ${account.email.padEnd(34)} ${account.password}`,
  )
  return [
    `Demo authority "${credentials.organisationName}" created. These one-time passwords are shown once:`,
    ...lines,
    'Each person chooses their own password at first sign-in.',
  ].join('\n')
}
