import { randomUUID } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

/** A correlation id for every request, echoed in the response and written on audit events. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('X-Request-Id')
  req.id = incoming && /^[A-Za-z0-9._-]{8,100}$/.test(incoming) ? incoming : randomUUID()
  res.setHeader('X-Request-Id', req.id)
  next()
}
