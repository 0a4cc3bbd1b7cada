import session, { type SessionData } from 'express-session'
import type { Db } from '../../db/connect.js'

type Callback<T = void> = (error?: unknown, value?: T) => void

/**
 * express-session store on our own `web_session` table, so sessions live in PostgreSQL with the rest
 * of the data, carry the organisation id, and survive restarts. Expired rows are purged on a timer.
 */
export class PgSessionStore extends session.Store {
  constructor(
    private readonly db: Db,
    private readonly idleMilliseconds: number,
  ) {
    super()
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.db
      .selectFrom('web_session')
      .select('data')
      .where('session_id', '=', sid)
      .where('expires_at', '>', new Date())
      .executeTakeFirst()
      .then(row => callback(undefined, (row?.data as SessionData | undefined) ?? null), callback)
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    const expiresAt = this.expiryOf(data)
    this.db
      .insertInto('web_session')
      .values({
        session_id: sid,
        organisation_id: data.organisationId ?? null,
        data: JSON.stringify(data),
        expires_at: expiresAt,
      })
      .onConflict(conflict =>
        conflict.column('session_id').doUpdateSet({
          organisation_id: data.organisationId ?? null,
          data: JSON.stringify(data),
          expires_at: expiresAt,
          updated_at: new Date(),
        }),
      )
      .execute()
      .then(
        () => callback?.(),
        error => callback?.(error),
      )
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    this.db
      .updateTable('web_session')
      .set({ expires_at: this.expiryOf(data), updated_at: new Date() })
      .where('session_id', '=', sid)
      .execute()
      .then(
        () => callback?.(),
        error => callback?.(error),
      )
  }

  override destroy(sid: string, callback?: Callback): void {
    this.db
      .deleteFrom('web_session')
      .where('session_id', '=', sid)
      .execute()
      .then(
        () => callback?.(),
        error => callback?.(error),
      )
  }

  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('web_session').where('expires_at', '<=', new Date()).executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  private expiryOf(data: SessionData): Date {
    const cookieExpiry = data.cookie?.expires ? new Date(data.cookie.expires) : undefined
    return cookieExpiry ?? new Date(Date.now() + this.idleMilliseconds)
  }
}
