import { Router } from 'express'
import { COMMON_GRADES, frameworkFamily } from '../../../../domain/intelligence/index.js'
import type { Services } from '../../../../services/index.js'
import { errorList, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors } from '../../../validation.js'
import { gradeLabel, judgementLabel, percent } from '../labels.js'
import { outcomesQuerySchema, queryStrings } from './schemas.js'

export function outcomesRoutes(services: Services): Router {
  const router = Router()
  router.get('/intelligence/outcomes', async (req, res) => {
    const context = requireContext(req)
    const intelligence = services.intelligence.outcomes
    const values = queryStrings(req.query, ['framework', 'judgement', 'authority'])
    const parsed = outcomesQuerySchema.safeParse(values)
    const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error)
    const query: { framework?: string; judgement?: string; authority?: string } = parsed.success ? parsed.data : {}
    const own = await intelligence.ownAuthority(context)
    const authorityText = query.authority ?? own?.name
    const { overview, authority } = await intelligence.outcomesOverview(context, { ...query, authority: authorityText })
    if (query.authority && !authority)
      errors.authority = 'Enter the name or code of an English local authority, like Kent or E10000016'
    const { records } = await intelligence.outcomes(context)
    const imports = await intelligence.listImports(context)
    res.render('intelligence/outcomes/view.njk', {
      pageTitle: 'Published outcomes',
      errors,
      errorSummary: errorList(errors),
      values: { ...values, authority: values.authority ?? authorityText ?? '' },
      overview,
      authority,
      hasRecords: records.length > 0,
      frameworks: [...new Set(records.map(record => frameworkFamily(record.framework)))].sort(),
      judgements: overview.rows.map(row => row.judgement),
      grades: COMMON_GRADES,
      warnings: imports
        .filter(item => item.kind === 'outcomes')
        .flatMap(item => item.warnings.map(text => ({ file: item.sourceName, text }))),
      gradeLabel,
      judgementLabel,
      percent,
      notice: takeNotice(req),
    })
  })
  return router
}
