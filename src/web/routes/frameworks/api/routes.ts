import { Router, type NextFunction, type Request, type Response } from 'express'
import type { z } from 'zod'
import type { Services } from '../../../../services/index.js'
import { ForbiddenError } from '../../../../services/errors.js'
import { inputProblem } from '../../../../services/frameworks/inputProblems.js'
import { requireContext } from '../../../requestContext.js'
import {
  addWorkingDaysQuerySchema,
  betweenQuerySchema,
  firstIssue,
  judgeQuerySchema,
  timelineQuerySchema,
} from './schemas.js'

class BadRequest extends Error {}

function parse<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query)
  if (!parsed.success) throw new BadRequest(firstIssue(parsed.error))
  return parsed.data
}

/**
 * The JSON API for frameworks, judgements, timelines, working days and the inspection history. It sits
 * behind the same session sign-in as the pages and is read-only (GET), so it needs no CSRF token.
 * Errors are JSON with a one-line message, never a stack trace.
 */
export function frameworksApiRoutes(services: Services): Router {
  const router = Router()

  router.get('/api/v1/frameworks', (req, res) => {
    res.json({ frameworks: services.frameworks.list(requireContext(req)) })
  })

  router.get('/api/v1/frameworks/history', async (req, res) => {
    const context = requireContext(req)
    const [entries, forecast] = await Promise.all([
      services.inspectionHistory.list(context),
      services.inspectionHistory.forecast(context),
    ])
    res.json({ entries, forecast: forecast ?? null })
  })

  router.get('/api/v1/frameworks/:frameworkId', (req, res) => {
    res.json(services.frameworks.get(requireContext(req), req.params.frameworkId))
  })

  router.get('/api/v1/frameworks/:frameworkId/judge', (req, res) => {
    const query = parse(judgeQuerySchema, req.query)
    const { result, explanation, whatIf } = services.frameworks.judge(
      requireContext(req),
      req.params.frameworkId,
      query.set,
      { whatIf: query['what-if'], ...(query.empirical ? { empirical: query.empirical } : {}) },
    )
    res.json({
      ...result,
      explanation,
      ...(whatIf ? { whatIf: { changes: whatIf.changes, after: whatIf.after.judgements } } : {}),
    })
  })

  router.get('/api/v1/frameworks/:frameworkId/timeline', (req, res) => {
    const query = parse(timelineQuerySchema, req.query)
    const at = query.anchor.indexOf('=')
    const anchor = { event: query.anchor.slice(0, at), date: query.anchor.slice(at + 1) }
    res.json(services.frameworks.timeline(requireContext(req), req.params.frameworkId, query.type, anchor))
  })

  router.get('/api/v1/working-days/add', (req, res) => {
    const query = parse(addWorkingDaysQuerySchema, req.query)
    res.json(services.frameworks.addWorkingDays(requireContext(req), query.date, query.n))
  })

  router.get('/api/v1/working-days/between', (req, res) => {
    const query = parse(betweenQuerySchema, req.query)
    res.json(services.frameworks.countWorkingDays(requireContext(req), query.from, query.to))
  })

  // Only our own prefixes: other modules add their own /api/v1 routes after these.
  router.use(['/api/v1/frameworks', '/api/v1/working-days'], (_req, res) => {
    res.status(404).json({ error: 'Not found' })
  })

  router.use(['/api/v1/frameworks', '/api/v1/working-days'], jsonErrors)
  return router
}

function jsonErrors(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const problem = error instanceof BadRequest ? error.message : inputProblem(error)
  if (problem !== undefined) {
    const status = /^Unknown framework/.test(problem) ? 404 : 400
    res.status(status).json({ error: problem })
    return
  }
  if (error instanceof ForbiddenError) {
    res.status(403).json({ error: error.message })
    return
  }
  // Unexpected: say so without detail; the request id ties the response to the server log.
  console.error(`Error ${req.id} ${req.method} ${req.path}: ${error instanceof Error ? error.stack : String(error)}`)
  res.status(500).json({ error: 'Something went wrong', requestId: req.id })
}
