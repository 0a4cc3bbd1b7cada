import { Router, type NextFunction, type Request, type Response } from 'express'
import { rm } from 'node:fs/promises'
import { csrfSync } from 'csrf-sync'
import { uploadedFiles } from '../uploads.js'

const uploadPaths: RegExp[] = []

/** Declares a path that takes file uploads; its route must run verifyCsrfAfterUpload after parsing. */
export function acceptUploadsAt(pattern: RegExp): void {
  uploadPaths.push(pattern)
}

const { csrfSynchronisedProtection, generateToken, isRequestValid, invalidCsrfTokenError } = csrfSync({
  getTokenFromRequest: req => (req.body as { _csrf?: string } | undefined)?._csrf,
  // Multipart bodies are parsed by the upload route itself, so on declared upload paths the token is
  // checked there, after parsing and before anything is kept (verifyCsrfAfterUpload). Anywhere else a
  // multipart request has no readable token and is refused.
  skipCsrfProtection: req =>
    Boolean(req.is('multipart/form-data')) && uploadPaths.some(pattern => pattern.test(req.path)),
})

/** Synchroniser tokens on every state-changing request, in every environment (tests included). */
export function setUpCsrf(): Router {
  const router = Router()
  router.use(csrfSynchronisedProtection)
  router.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') res.locals.csrfToken = generateToken(req)
    next()
  })
  return router
}

/** For upload routes: put it straight after the multipart parser (multer), before any work. */
export function verifyCsrfAfterUpload(req: Request, _res: Response, next: NextFunction): void {
  if (!isRequestValid(req)) {
    // The files are already on disk and the route (whose `finally` deletes them) will not run: delete them here.
    const discarded = uploadedFiles(req).map(file => rm(file.path, { force: true }))
    void Promise.allSettled(discarded).then(() => next(invalidCsrfTokenError))
    return
  }
  next()
}
