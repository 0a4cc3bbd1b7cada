import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import { passwordProblem } from '../../domain/platform/passwordPolicy.js'
import { ROLES, type Role } from '../../domain/platform/roles.js'
import { decideSignIn, THROTTLE_RULES } from '../../domain/platform/signInThrottle.js'
import { authorise, type RequestContext } from '../context.js'
import { ValidationError } from '../errors.js'
import type { AuditService } from './auditService.js'
import { dummyPasswordHash, generateOneTimePassword, hashPassword, verifyPassword } from './passwords.js'

export interface UserSummary {
  userId: string
  organisationId: string
  email: string
  displayName: string
  role: Role
  mustChangePassword: boolean
  disabled: boolean
  lastSignedInAt: Date | null
}

export const newUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter an email address')
    .max(320, 'Email address must be 320 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.gov.uk'),
  displayName: z.string().trim().min(1, 'Enter the person’s name').max(200, 'Name must be 200 characters or fewer'),
  role: z.enum(ROLES, { message: 'Select a role' }),
})
export type NewUserInput = z.input<typeof newUserSchema> & { password?: string | undefined }

export type SignInResult =
  | { outcome: 'signed-in'; user: UserSummary }
  | { outcome: 'invalid' }
  | { outcome: 'throttled'; retryAfterMinutes: number }

export function createUserService({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  function toSummary(row: {
    user_id: string
    organisation_id: string
    email: string
    display_name: string
    role: string
    must_change_password: boolean
    disabled_at: Date | null
    last_signed_in_at: Date | null
  }): UserSummary {
    return {
      userId: row.user_id,
      organisationId: row.organisation_id,
      email: row.email,
      displayName: row.display_name,
      role: row.role as Role,
      mustChangePassword: row.must_change_password,
      disabled: row.disabled_at !== null,
      lastSignedInAt: row.last_signed_in_at,
    }
  }

  async function recentFailures(email: string, ipAddress: string) {
    const since = new Date(clock().getTime() - THROTTLE_RULES.windowMinutes * 60_000)
    const row = await db
      .selectFrom('sign_in_attempt')
      .select([
        sql<number>`count(*) FILTER (WHERE email = ${email} AND NOT succeeded)`.as('for_account'),
        sql<number>`count(*) FILTER (WHERE ip_address = ${ipAddress} AND NOT succeeded)`.as('from_address'),
      ])
      .where('attempted_at', '>', since)
      .where(eb => eb.or([eb('email', '=', email), eb('ip_address', '=', ipAddress)]))
      .executeTakeFirstOrThrow()
    return { forAccount: Number(row.for_account), fromAddress: Number(row.from_address) }
  }

  return {
    /**
     * Adds a person to the caller's organisation. With no password given, a one-time password is
     * generated and returned once; the person must change it when they first sign in.
     */
    async create(
      context: RequestContext,
      input: NewUserInput,
    ): Promise<{ user: UserSummary; oneTimePassword?: string }> {
      authorise(context, 'users:manage')
      const parsed = newUserSchema.safeParse(input)
      if (!parsed.success) {
        throw new ValidationError(
          Object.fromEntries(parsed.error.issues.map(issue => [String(issue.path[0]), issue.message])),
        )
      }
      const { email, displayName, role } = parsed.data
      const oneTimePassword = input.password === undefined ? generateOneTimePassword() : undefined
      const password = input.password ?? (oneTimePassword as string)
      const problem = passwordProblem(password, { email })
      if (problem) throw new ValidationError({ password: problem })
      const existing = await db.selectFrom('app_user').select('user_id').where('email', '=', email).executeTakeFirst()
      if (existing) throw new ValidationError({ email: 'A person with this email address already has an account' })

      const userId = randomUUID()
      const passwordHash = await hashPassword(password)
      const row = await db.transaction().execute(async trx => {
        const inserted = await trx
          .insertInto('app_user')
          .values({
            organisation_id: context.actor.organisationId,
            user_id: userId,
            email,
            display_name: displayName,
            role,
            password_hash: passwordHash,
            must_change_password: oneTimePassword !== undefined,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await audit.record(trx, context, {
          action: 'user.created',
          subjectType: 'user',
          subjectId: userId,
          details: { role },
        })
        return inserted
      })
      return { user: toSummary(row), ...(oneTimePassword ? { oneTimePassword } : {}) }
    },

    async list(context: RequestContext): Promise<UserSummary[]> {
      authorise(context, 'users:manage')
      const rows = await db
        .selectFrom('app_user')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .orderBy('display_name')
        .execute()
      return rows.map(toSummary)
    },

    async findForSession(organisationId: string, userId: string): Promise<UserSummary | undefined> {
      const row = await db
        .selectFrom('app_user')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('user_id', '=', userId)
        .where('disabled_at', 'is', null)
        .executeTakeFirst()
      return row && toSummary(row)
    },

    /** Checks a password with throttling per account and per address; every attempt is recorded. */
    async signIn(input: {
      email: string
      password: string
      ipAddress: string
      correlationId?: string
    }): Promise<SignInResult> {
      const email = input.email.trim().toLowerCase().slice(0, 320)
      const decision = decideSignIn(await recentFailures(email, input.ipAddress))
      if (!decision.allowed) return { outcome: 'throttled', retryAfterMinutes: decision.retryAfterMinutes }

      const row = await db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
      const passwordMatches = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), input.password)
      const succeeded = Boolean(row && passwordMatches && row.disabled_at === null)

      await db.transaction().execute(async trx => {
        await trx
          .insertInto('sign_in_attempt')
          .values({
            organisation_id: row?.organisation_id ?? null,
            email,
            ip_address: input.ipAddress,
            succeeded,
            attempted_at: clock(),
          })
          .execute()
        if (row) {
          const context: RequestContext = {
            actor: {
              kind: 'user',
              userId: row.user_id,
              organisationId: row.organisation_id,
              role: row.role as Role,
              label: row.email,
            },
            correlationId: input.correlationId,
          }
          await audit.record(trx, context, {
            action: succeeded ? 'user.signed-in' : 'user.sign-in-failed',
            subjectType: 'user',
            subjectId: row.user_id,
          })
          if (succeeded) {
            await trx
              .updateTable('app_user')
              .set({ last_signed_in_at: clock() })
              .where('organisation_id', '=', row.organisation_id)
              .where('user_id', '=', row.user_id)
              .execute()
          }
        }
      })
      return succeeded && row ? { outcome: 'signed-in', user: toSummary(row) } : { outcome: 'invalid' }
    },

    async changePassword(
      context: RequestContext,
      input: { currentPassword: string; newPassword: string },
    ): Promise<void> {
      if (context.actor.kind !== 'user')
        throw new ValidationError({ currentPassword: 'Only a signed-in person can change their password' })
      const { organisationId, userId } = context.actor
      const row = await db
        .selectFrom('app_user')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
      if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
        throw new ValidationError({ currentPassword: 'Your current password is not right' })
      }
      const problem = passwordProblem(input.newPassword, { email: row.email })
      if (problem) throw new ValidationError({ newPassword: problem })
      if (input.newPassword === input.currentPassword)
        throw new ValidationError({ newPassword: 'Choose a password you have not used here before' })
      const passwordHash = await hashPassword(input.newPassword)
      await db.transaction().execute(async trx => {
        await trx
          .updateTable('app_user')
          .set({ password_hash: passwordHash, must_change_password: false })
          .where('organisation_id', '=', organisationId)
          .where('user_id', '=', userId)
          .execute()
        await audit.record(trx, context, { action: 'user.password-changed', subjectType: 'user', subjectId: userId })
      })
    },
  }
}

export type UserService = ReturnType<typeof createUserService>
