import type { NextFunction, Request, Response } from 'express'
import { ValidationError } from '../../services/errors.js'

interface HttpishError {
  status?: number
  statusCode?: number
  code?: string
  message?: string
  stack?: string
  type?: string
}

/** GOV.UK-style error pages. Details and stacks are shown only outside production, and never child data. */
export function errorHandler(production: boolean, log: (message: string) => void) {
  return (error: HttpishError, req: Request, res: Response, _next: NextFunction): void => {
    let status = error.status ?? error.statusCode ?? 500
    if (error instanceof ValidationError) status = 400
    if (error.code === 'EBADCSRFTOKEN' || error.message === 'invalid csrf token') status = 403
    if (status >= 500) log(`Error ${req.id} ${req.method} ${req.path}: ${error.stack ?? error.message}`)
    if (res.headersSent) return
    res.status(status)
    const template =
      status === 404
        ? 'pages/notFound.njk'
        : status === 403
          ? 'pages/forbidden.njk'
          : status === 413
            ? 'pages/tooLarge.njk'
            : status < 500
              ? 'pages/badRequest.njk'
              : 'pages/serverError.njk'
    res.render(template, {
      requestId: req.id,
      detail: production ? undefined : error.message,
      stack: production || status < 500 ? undefined : error.stack,
    })
  }
}
