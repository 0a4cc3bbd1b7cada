import type { Kysely, Transaction } from 'kysely'
import type { Db } from '../../db/connect.js'
import type { Database } from '../../db/schema.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'

export type Executor = Kysely<Database> | Transaction<Database>

export interface AuditEvent {
  action: string
  subjectType?: string
  subjectId?: string
  /** Never child-level personal data: ids and counts only. */
  details?: Record<string, unknown>
}

export type ChildDataAccess = 'view' | 'export'

export interface AuditEntry {
  auditEventId: string
  occurredAt: Date
  actorLabel: string
  action: string
  subjectType: string | null
  subjectId: string | null
  details: Record<string, unknown>
}

/** The append-only audit trail. Write it inside the transaction of the change it records. */
export function createAuditService({ db }: { db: Db }) {
  async function record(executor: Executor, context: RequestContext, event: AuditEvent): Promise<void> {
    await executor
      .insertInto('audit_event')
      .values({
        organisation_id: context.actor.organisationId,
        actor_user_id: actorUserId(context.actor),
        actor_label: context.actor.label,
        action: event.action,
        subject_type: event.subjectType ?? null,
        subject_id: event.subjectId ?? null,
        correlation_id: context.correlationId ?? null,
        details: JSON.stringify(event.details ?? {}),
      })
      .execute()
  }

  return {
    record,

    /** For events with no other change to share a transaction with (sign-out, page views). */
    async log(context: RequestContext, event: AuditEvent): Promise<void> {
      await record(db, context, event)
    },

    /** Every view or export of child-level data leaves a trace, whether or not anything changed. */
    async recordChildDataAccess(
      context: RequestContext,
      access: ChildDataAccess,
      subject: { type: string; id: string; details?: Record<string, unknown> },
      executor: Executor = db,
    ): Promise<void> {
      await record(executor, context, {
        action: `child-data.${access}`,
        subjectType: subject.type,
        subjectId: subject.id,
        ...(subject.details ? { details: subject.details } : {}),
      })
    },

    async listRecent(context: RequestContext, options: { limit?: number } = {}): Promise<AuditEntry[]> {
      authorise(context, 'audit-log:read')
      const rows = await db
        .selectFrom('audit_event')
        .select(['audit_event_id', 'occurred_at', 'actor_label', 'action', 'subject_type', 'subject_id', 'details'])
        .where('organisation_id', '=', context.actor.organisationId)
        .orderBy('occurred_at', 'desc')
        .limit(Math.min(Math.max(options.limit ?? 100, 1), 500))
        .execute()
      return rows.map(row => ({
        auditEventId: row.audit_event_id,
        occurredAt: row.occurred_at,
        actorLabel: row.actor_label,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        details: row.details,
      }))
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
