import ExcelJS from 'exceljs'
import { DFE_INDICATORS, ownSourceLabel, type LocalAuthority } from '../../domain/intelligence/index.js'
import type { RequestContext } from '../context.js'
import type { IntelligenceService, SnModel } from './intelligenceService.js'

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
  { header: 'SN model', width: 10 },
]

const OWN_COLUMNS = [
  { header: 'Indicator', width: 44 },
  { header: 'Year', width: 8 },
  { header: 'Our value', width: 10 },
  { header: 'Value source', width: 44 },
  { header: 'Compared with DfE year', width: 12 },
  { header: 'Published value', width: 10 },
  { header: 'SN mean', width: 10 },
  { header: 'SN median', width: 10 },
  { header: 'Region', width: 10 },
  { header: 'England', width: 10 },
  { header: 'Rank', width: 8 },
  { header: 'Of', width: 8 },
  { header: 'Quartile band', width: 10 },
  { header: 'SN model', width: 10 },
  { header: 'Note', width: 40 },
]

/**
 * Every indicator and year for one authority as an .xlsx workbook, LAIT's columns. Values are written as numbers
 * and text, never formulas. The export is recorded in the audit trail (published data, so not child-data access).
 */
export async function exportBenchmarkXlsx(
  intelligence: IntelligenceService,
  context: RequestContext,
  authorityText: string,
  snModel: SnModel = '2025',
): Promise<{ content: Buffer; authority: LocalAuthority }> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Inspection Readiness'
  const sheet = workbook.addWorksheet('Benchmarking', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map(column => ({ header: column.header, width: column.width }))
  sheet.getRow(1).font = { bold: true }
  // The organisation's own values (typed in or from Annex A), only when the authority is its own.
  const ownSheet = workbook.addWorksheet('Our values', { views: [{ state: 'frozen', ySplit: 1 }] })
  ownSheet.columns = OWN_COLUMNS.map(column => ({ header: column.header, width: column.width }))
  ownSheet.getRow(1).font = { bold: true }
  let authority: LocalAuthority | undefined
  for (const definition of DFE_INDICATORS) {
    const benchmark = await intelligence.benchmark(context, definition.id, authorityText, { snModel })
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
        snModel,
      ])
    }
    for (const item of benchmark.own) {
      ownSheet.addRow([
        definition.label,
        item.own.year,
        item.own.value,
        ownSourceLabel(item.own),
        item.comparedWithYear,
        item.published,
        item.result?.neighbourMean ?? null,
        item.result?.neighbourMedian ?? null,
        item.result?.region ?? null,
        item.result?.england ?? null,
        item.result?.rank ?? null,
        item.result?.rankedAuthorities ?? null,
        item.result?.band ?? null,
        snModel,
        item.own.note,
      ])
    }
  }
  await intelligence.recordExport(context, authority!)
  return { content: Buffer.from(await workbook.xlsx.writeBuffer()), authority: authority! }
}
