import { parse } from 'csv-parse/sync'
import { DFE_INDICATORS, valuesFromRecord, type IndicatorValue } from '../../domain/intelligence/index.js'

/** A DfE statistics CSV (Explore Education Statistics' long format) as the indicator values it holds. */

export class IndicatorFileError extends Error {}

export const MAX_INDICATOR_FILE_BYTES = 20 * 1024 * 1024
const REQUIRED_COLUMNS = ['time_period', 'geographic_level', 'old_la_code', 'region_name']

export function readIndicatorCsv(content: Buffer, fileName: string): { values: IndicatorValue[]; rowsRead: number } {
  if (content.length === 0) throw new IndicatorFileError(`${fileName} is empty`)
  if (content.includes(0)) throw new IndicatorFileError(`${fileName} is not a CSV text file`)
  let records: Record<string, string>[]
  try {
    records = parse(content, {
      columns: true,
      bom: true,
      relax_column_count: true,
      max_record_size: 100_000,
    }) as Record<string, string>[]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new IndicatorFileError(`${fileName} is not a readable CSV file${line ? ` (line ${line})` : ''}`)
  }
  const header = Object.keys(records[0] ?? {})
  const missing = REQUIRED_COLUMNS.filter(column => !header.includes(column))
  if (records.length === 0 || missing.length > 0) {
    throw new IndicatorFileError(
      `${fileName} is not a DfE statistics file: it needs the columns ${REQUIRED_COLUMNS.join(', ')}${missing.length ? ` (missing ${missing.join(', ')})` : ''}`,
    )
  }
  // Only indicators whose value and filter columns this file has: the same column name means different things elsewhere.
  const definitions = DFE_INDICATORS.filter(
    definition => header.includes(definition.column) && Object.keys(definition.filter).every(c => header.includes(c)),
  )
  if (definitions.length === 0) {
    throw new IndicatorFileError(
      `${fileName} holds none of the indicators we benchmark (${DFE_INDICATORS.map(d => d.column).join(', ')})`,
    )
  }
  const values = records.flatMap(record => valuesFromRecord(definitions, record))
  if (values.length === 0) throw new IndicatorFileError(`${fileName} has no numeric values for its indicators`)
  return { values, rowsRead: records.length }
}
