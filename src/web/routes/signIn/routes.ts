import { Router, type Request } from 'express'
import type { Services } from '../../../services/index.js'
import { errorList, keepFormState, takeFormState } from '../../formState.js'
import { SESSION_COOKIE } from '../../middleware/session.js'
import { signInSchema } from './schemas.js'

const FORM = 'signIn'

export function signInRoutes(services: Services): Router {
  const router = Router()

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect('/')
    const { errors, values } = takeFormState(req, FORM)
    return res.render('signIn/view.njk', {
      pageTitle: 'Sign in',
      errors,
      errorSummary: errorList(errors),
      values,
      timedOut: req.query.timedOut === '1',
    })
  })

  router.post('/sign-in', async (req, res) => {
    const parsed = signInSchema.safeParse(req.body ?? {})
    const email = typeof req.body?.email === 'string' ? req.body.email.slice(0, 320) : ''
    if (!parsed.success) {
      const errors = Object.fromEntries(parsed.error.issues.map(issue => [String(issue.path[0]), issue.message]))
      keepFormState(req, FORM, { errors, values: { email } })
      return res.redirect('/sign-in')
    }
    const result = await services.users.signIn({
      ...parsed.data,
      ipAddress: req.ip ?? 'unknown',
      correlationId: req.id,
    })
    if (result.outcome !== 'signed-in') {
      const message =
        result.outcome === 'throttled'
          ? `There have been too many failed attempts to sign in. Wait ${result.retryAfterMinutes} minutes, then try again`
          : 'Enter a correct email address and password'
      keepFormState(req, FORM, { errors: { email: message }, values: { email } })
      return res.redirect('/sign-in')
    }
    const returnTo = safeReturnPath(req.session.returnTo)
    // A new session id at sign-in defeats session fixation.
    await regenerate(req)
    req.session.userId = result.user.userId
    req.session.organisationId = result.user.organisationId
    req.session.signedInAt = Date.now()
    await save(req)
    return res.redirect(result.user.mustChangePassword ? '/change-password' : returnTo)
  })

  router.post('/sign-out', async (req, res) => {
    if (req.context) await services.audit.log(req.context, { action: 'user.signed-out' })
    await new Promise<void>(resolve => req.session.destroy(() => resolve()))
    res.clearCookie(SESSION_COOKIE)
    return res.redirect('/sign-in')
  })

  return router
}

function safeReturnPath(path: string | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/'
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate(error => (error ? reject(error) : resolve())))
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save(error => (error ? reject(error) : resolve())))
}
