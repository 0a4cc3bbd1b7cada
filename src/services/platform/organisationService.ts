import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/connect.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { RequestContext } from '../context.js'
import type { AuditService } from './auditService.js'

export interface OrganisationSummary {
  organisationId: string
  name: string
  laCode: string | null
}

export function createOrganisationService({ db, audit }: { db: Db; audit: AuditService }) {
  return {
    /** Only the server's operator creates organisations (tenants), from the command line. */
    async create(
      input: { name: string; laCode?: string | undefined },
      label = 'command line',
    ): Promise<OrganisationSummary> {
      const name = input.name.trim()
      if (name.length === 0 || name.length > 200)
        throw new ValidationError({ name: 'Enter an organisation name of 200 characters or fewer' })
      const organisationId = randomUUID()
      await db.transaction().execute(async trx => {
        await trx
          .insertInto('organisation')
          .values({ organisation_id: organisationId, name, la_code: input.laCode ?? null })
          .execute()
        await audit.record(
          trx,
          { actor: { kind: 'system', organisationId, label } },
          {
            action: 'organisation.created',
            subjectType: 'organisation',
            subjectId: organisationId,
            details: { name },
          },
        )
      })
      return { organisationId, name, laCode: input.laCode ?? null }
    },

    async findByName(name: string): Promise<OrganisationSummary | undefined> {
      const row = await db.selectFrom('organisation').selectAll().where('name', '=', name).executeTakeFirst()
      return row && { organisationId: row.organisation_id, name: row.name, laCode: row.la_code }
    },

    async listAll(): Promise<OrganisationSummary[]> {
      const rows = await db.selectFrom('organisation').selectAll().orderBy('name').execute()
      return rows.map(row => ({ organisationId: row.organisation_id, name: row.name, laCode: row.la_code }))
    },

    async get(context: RequestContext): Promise<OrganisationSummary> {
      const row = await db
        .selectFrom('organisation')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .executeTakeFirst()
      if (!row) throw new NotFoundError('Organisation not found')
      return { organisationId: row.organisation_id, name: row.name, laCode: row.la_code }
    },
  }
}

export type OrganisationService = ReturnType<typeof createOrganisationService>
