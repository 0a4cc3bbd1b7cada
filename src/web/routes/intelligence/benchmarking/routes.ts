import { Router } from 'express'
import { DFE_INDICATORS, ownSourceLabel } from '../../../../domain/intelligence/index.js'
import { NotFoundError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import type { IndicatorBenchmark } from '../../../../services/intelligence/intelligenceService.js'
import { exportBenchmarkXlsx } from '../../../../services/intelligence/exportBenchmarkXlsx.js'
import { errorList } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors } from '../../../validation.js'
import { queryStrings } from '../outcomes/schemas.js'
import { BENCHMARK_CHART, comparisonBars, formatValue } from './chart.js'
import { benchmarkQuerySchema } from './schemas.js'

export function benchmarkingRoutes(services: Services): Router {
  const router = Router()

  router.get('/intelligence/benchmarking', async (req, res) => {
    const context = requireContext(req)
    const intelligence = services.intelligence.outcomes
    const values = queryStrings(req.query, ['indicator', 'authority', 'snModel'])
    const parsed = benchmarkQuerySchema.safeParse(values)
    const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error)
    const withData = await intelligence.indicatorsWithData(context)
    const indicatorId = (parsed.success && parsed.data.indicator) || withData[0] || DFE_INDICATORS[0]!.id
    const authorityText = (parsed.success && parsed.data.authority) || (await intelligence.ownAuthority(context))?.name
    const snModel = (parsed.success && parsed.data.snModel) || '2025'
    let benchmark: IndicatorBenchmark | undefined
    if (authorityText && !errors.authority) {
      try {
        benchmark = await intelligence.benchmark(context, indicatorId, authorityText, { snModel })
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error
        errors.authority = 'Enter the name or code of an English local authority, like Kent or E10000016'
      }
    }
    const latest = benchmark?.years.filter(year => year.value !== null).at(-1) ?? benchmark?.years.at(-1)
    const own = benchmark?.own.map(item => ({ ...item, sourceLabel: ownSourceLabel(item.own) })) ?? []
    res.render('intelligence/benchmarking/view.njk', {
      pageTitle: 'Benchmarking',
      errors,
      errorSummary: errorList(errors),
      values: { indicator: indicatorId, authority: values.authority ?? authorityText ?? '', snModel },
      own,
      latestOwn: own.find(item => item.own.year === latest?.year),
      indicators: DFE_INDICATORS.map(indicator => ({ ...indicator, hasData: withData.includes(indicator.id) })),
      hasData: withData.length > 0,
      benchmark,
      latest,
      chart:
        benchmark && latest ? comparisonBars(latest, benchmark.authority.name, benchmark.definition.unit) : undefined,
      chartSize: BENCHMARK_CHART,
      format: (value: number | null) => formatValue(value, benchmark?.definition.unit ?? 'number'),
    })
  })

  router.get('/intelligence/benchmarking/export.xlsx', async (req, res) => {
    const context = requireContext(req)
    const parsed = benchmarkQuerySchema.safeParse(queryStrings(req.query, ['authority', 'snModel']))
    const authorityText =
      (parsed.success && parsed.data.authority) || (await services.intelligence.outcomes.ownAuthority(context))?.name
    if (!authorityText) throw Object.assign(new NotFoundError('Choose an authority to export'), { status: 404 })
    const snModel = (parsed.success && parsed.data.snModel) || '2025'
    const workbook = await exportBenchmarkXlsx(services.intelligence.outcomes, context, authorityText, snModel)
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    res.setHeader('Content-Disposition', `attachment; filename="benchmarking-${workbook.authority.oldCode}.xlsx"`)
    res.send(workbook.content)
  })

  return router
}
