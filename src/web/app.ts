import express, { type Router } from 'express'
import type { Config } from '../config.js'
import type { Db } from '../db/connect.js'
import type { Services } from '../services/index.js'
import { setUpCsrf } from './middleware/csrf.js'
import { loadCurrentUser, requireSignIn } from './middleware/currentUser.js'
import { errorHandler } from './middleware/errorHandler.js'
import { requestId } from './middleware/requestId.js'
import { setUpSecurityHeaders } from './middleware/securityHeaders.js'
import { setUpSession } from './middleware/session.js'
import { setUpStaticAssets } from './middleware/staticAssets.js'
import { setUpNunjucks } from './nunjucksSetup.js'
import { healthRoutes } from './routes/health/routes.js'
import { signedInRoutes } from './routes/index.js'
import { signInRoutes } from './routes/signIn/routes.js'
import { statementRoutes } from './routes/statements/routes.js'

export type AppConfig = Pick<
  Config,
  'env' | 'sessionSecret' | 'secureCookies' | 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'trustProxy'
>

/** The composition root of the web edge. The order of the middleware is the security model: read it top to bottom. */
export function createApp({
  services,
  db,
  config,
  log,
  extraRoutes,
}: {
  services: Services
  db: Db
  config: AppConfig
  log: (message: string) => void
  /** For tests: routes mounted behind sign-in, after every module's. */
  extraRoutes?: Router
}) {
  const app = express()
  const production = config.env === 'production'
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy ? 1 : false)
  app.set('query parser', 'simple')

  app.use(requestId)
  app.use(healthRoutes(services))
  app.use(setUpSecurityHeaders())
  app.use(setUpStaticAssets())
  app.use((_req, res, next) => {
    // Pages can hold child-level data: never cache them.
    res.set('Cache-Control', 'no-store')
    next()
  })
  app.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }))
  const session = setUpSession(db, config)
  app.use(session.router)
  app.use(setUpCsrf())
  app.use(loadCurrentUser(services))
  // Templates are re-read on every request only in development, so edits show without a restart.
  setUpNunjucks(app, { watch: config.env === 'development' })
  app.use(statementRoutes())
  app.use(signInRoutes(services))
  app.use(requireSignIn)
  app.use(signedInRoutes(services))
  if (extraRoutes) app.use(extraRoutes)
  app.use((_req, _res, next) => next(Object.assign(new Error('Not found'), { status: 404 })))
  app.use(errorHandler(production, log))
  return { app, sessionStore: session.store }
}
