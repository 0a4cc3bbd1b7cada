import path from 'node:path'
import type express from 'express'
import nunjucks from 'nunjucks'
import { govukDate, govukDateTime } from './filters/dates.js'
import { navigationFor } from './navigation.js'
import { govukFrontendDist, webSourceDir } from './paths.js'

export const SERVICE_NAME = 'Inspection Readiness'

export function setUpNunjucks(app: express.Express, options: { watch: boolean }): nunjucks.Environment {
  const env = nunjucks.configure(
    [govukFrontendDist, path.join(webSourceDir, 'views'), path.join(webSourceDir, 'routes')],
    { autoescape: true, express: app, noCache: options.watch, throwOnUndefined: false },
  )
  app.set('view engine', 'njk')
  env.addGlobal('serviceName', SERVICE_NAME)
  env.addFilter('govukDate', govukDate)
  env.addFilter('govukDateTime', govukDateTime)
  app.use((req, res, next) => {
    res.locals.navigation = navigationFor(req.user?.role, req.path)
    res.locals.currentPath = req.path
    next()
  })
  return env
}
