import ExcelJS from 'exceljs'
import { DFE_INDICATORS, type LocalAuthority } from '../../domain/intelligence/index.js'
import type { RequestContext } from '../context.js'
import type { IntelligenceService } from './intelligenceService.js'

const COLUMNS = [
  { header: 'Indicator', width: 44 },
  { header: 'Year', width: 8 },
  { header: 'Value', width: 10 },
  { header: 'SN mean', width: 10 },
  { header: 'SN median', width: 10 },
  { header: 'Neighbours with data', width: 12 },
  { header: 'Region', width: 10 },
  { header: 'England', width: 10 },
  { header: 'Rank', width: 8 },
  { header: 'Of', width: 8 },
  { header: 'Quartile band', width: 10 },
  { header: 'Change', width: 10 },
  { header: 'Polarity', width: 10 },
  { header: 'Definition', width: 60 },
  { header: 'Source', width: 60 },
]

/**
 * Every indicator and year for one authority as an .xlsx workbook, LAIT's columns. Values are written as numbers
 * and text, never formulas. The export is recorded in the audit trail (published data, so not child-data access).
 */
export async function exportBenchmarkXlsx(
  intelligence: IntelligenceService,
  context: RequestContext,
  authorityText: string,
): Promise<{ content: Buffer; authority: LocalAuthority }> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Inspection Readiness'
  const sheet = workbook.addWorksheet('Benchmarking', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map(column => ({ header: column.header, width: column.width }))
  sheet.getRow(1).font = { bold: true }
  let authority: LocalAuthority | undefined
  for (const definition of DFE_INDICATORS) {
    const benchmark = await intelligence.benchmark(context, definition.id, authorityText)
    authority = benchmark.authority
    for (const year of benchmark.years) {
      sheet.addRow([
        definition.label,
        year.year,
        year.value,
        year.neighbourMean,
        year.neighbourMedian,
        year.neighboursWithData,
        year.region,
        year.england,
        year.rank,
        year.rankedAuthorities,
        year.band,
        year.trend?.change ?? null,
        definition.polarity ?? 'none',
        definition.definition,
        definition.source,
      ])
    }
  }
  await intelligence.recordExport(context, authority!)
  return { content: Buffer.from(await workbook.xlsx.writeBuffer()), authority: authority! }
}
