import type { NextFunction, Request, Response } from 'express'
import type { Services } from '../../services/index.js'

/** Loads the signed-in person on each request, so a disabled account or a role change applies at once. */
export function loadCurrentUser(services: Services) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const { userId, organisationId } = req.session ?? {}
    if (userId && organisationId) {
      const user = await services.users.findForSession(organisationId, userId)
      if (user) {
        req.user = user
        req.context = {
          actor: {
            kind: 'user',
            userId: user.userId,
            organisationId: user.organisationId,
            role: user.role,
            label: user.email,
          },
          correlationId: req.id,
        }
        res.locals.user = user
      } else {
        delete req.session.userId
        delete req.session.organisationId
      }
    }
    next()
  }
}

const PUBLIC_PATHS = new Set(['/sign-in'])

/** Everything except sign-in, health and assets needs a session. */
export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (req.user) {
    if (req.user.mustChangePassword && req.path !== '/change-password' && req.path !== '/sign-out') {
      res.redirect('/change-password')
      return
    }
    next()
    return
  }
  if (PUBLIC_PATHS.has(req.path)) {
    next()
    return
  }
  // Programs calling the JSON API get a status they can act on, not a sign-in page.
  if (req.path.startsWith('/api/')) {
    res.status(401).json({ error: 'Sign in first: the API uses the same session as the web pages' })
    return
  }
  if (req.method === 'GET' && req.session) req.session.returnTo = req.originalUrl
  res.redirect('/sign-in')
}
