import type { Request } from 'express'
import type { RequestContext } from '../services/context.js'
import { ForbiddenError } from '../services/errors.js'

/** The signed-in person's context; routes behind requireSignIn always have one. */
export function requireContext(req: Request): RequestContext {
  if (!req.context) throw new ForbiddenError('Sign in to continue')
  return req.context
}
