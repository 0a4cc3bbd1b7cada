import { can, type Permission, type Role } from '../domain/platform/roles.js'
import { ForbiddenError } from './errors.js'

/** Who is acting. A person signed in to the web, or the operator at the server's command line. */
export type Actor =
  | { kind: 'user'; userId: string; organisationId: string; role: Role; label: string }
  | { kind: 'system'; organisationId: string; label: string }

export interface RequestContext {
  actor: Actor
  correlationId?: string | undefined
}

/** Every service call checks permission here, so no edge (web, CLI) can forget to. */
export function authorise(context: RequestContext, permission: Permission): void {
  const { actor } = context
  if (actor.kind === 'system') return
  if (!can(actor.role, permission)) throw new ForbiddenError()
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null
}

export function systemContext(organisationId: string, label = 'command line'): RequestContext {
  return { actor: { kind: 'system', organisationId, label } }
}
