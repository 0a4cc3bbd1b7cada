import { Router } from 'express'
import { ISSUE_CODES, LIST_NUMBERS } from '../../../../domain/annex-a/index.js'
import { can } from '../../../../domain/platform/roles.js'
import type { Services } from '../../../../services/index.js'
import { setNotice, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { paginationFor } from './pagination.js'
import { issueFilterSchema, type IssueFilterQuery } from './schemas.js'

const PAGE_SIZE = 50

/** A test run: counts for everyone who can read the workspace; the issues log only for child-data readers. */
export function runRoutes(services: Services): Router {
  const router = Router()

  router.get('/annex-a/runs/:runId', async (req, res) => {
    const context = requireContext(req)
    const run = await services.annexA.getRun(context, req.params.runId)
    const filter = issueFilterSchema.parse(req.query)
    const mayRead = req.user ? can(req.user.role, 'child-data:read') : false
    const issues =
      mayRead && !run.purged
        ? await services.annexA.listIssues(context, run.runId, {
            ...filter,
            childId: filter.child,
            pageSize: PAGE_SIZE,
          })
        : null
    const lastPage = issues ? Math.max(1, Math.ceil(issues.total / issues.pageSize)) : 1
    const otherRuns = (await services.annexA.listRuns(context, { limit: 50 })).filter(
      other => other.runId !== run.runId,
    )
    res.render('annexA/run/view.njk', {
      pageTitle: `Test run of ${run.sourceName}`,
      run,
      issues,
      filter,
      notice: takeNotice(req),
      compareOptions: otherRuns.map(other => ({
        value: other.runId,
        text: `${other.sourceName}, as at ${other.referenceDate}, imported ${other.createdAt.toISOString().slice(0, 16).replace('T', ' ')}`,
      })),
      listOptions: LIST_NUMBERS.map(list => ({
        value: String(list),
        text: `List ${list}`,
        selected: filter.list === list,
      })),
      codeOptions: run.issueCodes.map(entry => ({
        value: entry.code,
        text: entry.code,
        selected: filter.code === entry.code,
      })),
      codeMeanings: Object.fromEntries(Object.entries(ISSUE_CODES).map(([code, meaning]) => [code, meaning.means])),
      pagination: issues ? paginationFor(issues.page, lastPage, page => issuesHref(run.runId, filter, page)) : null,
    })
  })

  router.post('/annex-a/runs/:runId/reapply', async (req, res) => {
    const result = await services.annexA.reapplyMappings(requireContext(req), req.params.runId)
    setNotice(
      req,
      `Value mappings re-applied as a new test run: ${result.summary.errors} errors, ${result.summary.warnings} warnings, ${result.summary.queries} queries.`,
    )
    res.redirect(`/annex-a/runs/${result.runId}`)
  })

  return router
}

function issuesHref(runId: string, filter: IssueFilterQuery, page: number): string {
  const query = new URLSearchParams()
  if (filter.list) query.set('list', String(filter.list))
  if (filter.severity) query.set('severity', filter.severity)
  if (filter.code) query.set('code', filter.code)
  if (filter.child) query.set('child', filter.child)
  query.set('page', String(page))
  return `/annex-a/runs/${runId}?${query.toString()}#issues`
}
