import { Router } from 'express'
import session from 'express-session'
import type { Config } from '../../config.js'
import type { Db } from '../../db/connect.js'
import { PgSessionStore } from './pgSessionStore.js'

export const SESSION_COOKIE = 'readiness.sid'

/**
 * Sessions in PostgreSQL. The idle timeout rolls with each request; the absolute timeout ends a
 * session a fixed time after sign-in, however active it was.
 */
export function setUpSession(
  db: Db,
  config: Pick<Config, 'sessionSecret' | 'secureCookies' | 'sessionIdleMinutes' | 'sessionAbsoluteHours'>,
) {
  const idleMilliseconds = config.sessionIdleMinutes * 60_000
  const store = new PgSessionStore(db, idleMilliseconds)
  const router = Router()
  router.use(
    session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: idleMilliseconds },
    }),
  )
  router.use((req, res, next) => {
    // express-session sends a response's headers before its store has saved the session, so a browser
    // can follow a redirect and read the session before (say) a form's errors are in it. Post/Redirect/Get
    // depends on that state, so every redirect waits for the save.
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void
    res.redirect = ((...args: unknown[]) => {
      if (!req.session) return redirect(...args)
      req.session.save(error => (error ? next(error) : redirect(...args)))
    }) as typeof res.redirect
    next()
  })
  router.use((req, res, next) => {
    const signedInAt = req.session?.signedInAt
    if (signedInAt && Date.now() - signedInAt > config.sessionAbsoluteHours * 3_600_000) {
      req.session.destroy(() => {
        res.clearCookie(SESSION_COOKIE)
        res.redirect('/sign-in?timedOut=1')
      })
      return
    }
    next()
  })
  return { router, store }
}
