import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { errorList } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors } from '../../../validation.js'
import { compareVersions } from './compare.js'
import { compareQuerySchema } from './schemas.js'

/** Two versions of a self-evaluation side by side, chosen with a GET form (works without JavaScript). */
export function sefCompareRoutes(services: Services): Router {
  const router = Router()

  router.get('/self-evaluation/:sefId/compare', async (req, res) => {
    const context = requireContext(req)
    const sefs = services.workspace.selfEvaluations
    const sefId = String(req.params.sefId)
    const latest = await sefs.get(context, sefId)
    const numbers = latest.versions.map(version => version.versionNumber)
    const query = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined)
    const parsed = compareQuerySchema.safeParse({ from: query('from'), to: query('to') })
    const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error)
    const newest = numbers[0]!
    let from = (parsed.success ? parsed.data.from : undefined) ?? numbers[1] ?? newest
    let to = (parsed.success ? parsed.data.to : undefined) ?? newest
    if (!errors.from && !numbers.includes(from)) errors.from = 'Select a version from the list'
    if (!errors.to && !numbers.includes(to)) errors.to = 'Select a version from the list'
    if (Object.keys(errors).length === 0 && from === to && numbers.length > 1)
      errors.to = 'Select two different versions to compare'
    if (Object.keys(errors).length > 0) {
      res.status(400)
      from = numbers[1] ?? newest
      to = newest
    }
    // Earlier on the left, later on the right, whichever way round they were chosen.
    const [left, right] = from <= to ? [from, to] : [to, from]
    const before = await sefs.get(context, sefId, left)
    const after = left === right ? before : await sefs.get(context, sefId, right)
    const versionItems = (selected: number) =>
      latest.versions.map(version => ({
        value: String(version.versionNumber),
        text: `Version ${version.versionNumber} (${version.status})`,
        selected: version.versionNumber === selected,
      }))
    res.render('workspace/sefCompare/view.njk', {
      pageTitle: `Compare versions: ${latest.title}`,
      sef: latest,
      onlyOne: numbers.length === 1,
      before: { number: left, version: latest.versions.find(version => version.versionNumber === left)! },
      after: { number: right, version: latest.versions.find(version => version.versionNumber === right)! },
      comparison: compareVersions(before, after),
      fromItems: versionItems(left),
      toItems: versionItems(right),
      errors,
      errorSummary: errorList(errors),
    })
  })

  return router
}
