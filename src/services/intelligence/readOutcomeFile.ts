import { parse } from 'csv-parse/sync'
import {
  guessTableFramework,
  markdownTables,
  matchOutcomeHeader,
  OUTCOME_SHEETS,
  recordsFromOdsRow,
  recordsFromTable,
  statedTotalsIn,
  type OutcomeRecord,
  type OutcomeWarning,
  type SheetTable,
  type StatedTotal,
} from '../../domain/intelligence/index.js'
import { OdsReadError, readOdsRows } from '../spreadsheets/readOds.js'

/**
 * Reads a published-outcomes file into records: Ofsted's ODS files, or a simple table (markdown, as a committee
 * paper's annex, or CSV) with cells like "Good (Adoption: Outstanding)". Nothing here touches the database.
 */

export class OutcomeFileError extends Error {}

export interface OutcomeFile {
  kind: 'ods' | 'table'
  records: OutcomeRecord[]
  warnings: OutcomeWarning[]
  stated: StatedTotal[]
  rowsRead: number
}

export const MAX_OUTCOME_FILE_BYTES = 50 * 1024 * 1024

export async function readOutcomeFile(content: Buffer, fileName: string, framework?: string): Promise<OutcomeFile> {
  if (content.length === 0) throw new OutcomeFileError(`${fileName} is empty`)
  if (content.subarray(0, 2).toString('latin1') === 'PK') return readOdsOutcomes(content, fileName)
  if (content.includes(0)) throw new OutcomeFileError(`${fileName} is neither an ODS spreadsheet nor a text table`)
  const text = content.toString('utf8').replace(/^\uFEFF/, '')
  return /\.csv$/i.test(fileName)
    ? readCsvTable(text, fileName, framework)
    : readMarkdownTables(text, fileName, framework)
}

async function readOdsOutcomes(content: Buffer, fileName: string): Promise<OutcomeFile> {
  const tables = new Map<string, SheetTable>()
  const records: OutcomeRecord[] = []
  const warnings: OutcomeWarning[] = []
  let rowsRead = 0
  try {
    for await (const row of readOdsRows(content, { sheets: OUTCOME_SHEETS })) {
      rowsRead += 1
      // A header row (re)starts a table: the 2023 sheet has a second table, of predecessor authorities, further down.
      const header = matchOutcomeHeader(row.sheet, row.cells)
      if (header) {
        tables.set(row.sheet, header)
        continue
      }
      const table = tables.get(row.sheet)
      if (!table) continue
      const found = recordsFromOdsRow(table, row.sheet, row.row, row.cells)
      records.push(...found.records)
      warnings.push(...found.warnings)
    }
  } catch (error) {
    if (error instanceof OdsReadError) throw new OutcomeFileError(`${fileName}: ${error.message}`)
    throw error
  }
  if (tables.size === 0) {
    throw new OutcomeFileError(
      `${fileName}: no published-outcomes table found (expected a sheet named ${OUTCOME_SHEETS.map(name => `'${name}'`).join(', ')} with Ofsted's column headers)`,
    )
  }
  return { kind: 'ods', records, warnings, stated: [], rowsRead }
}

function frameworkFor(header: readonly string[], fileName: string, framework: string | undefined): string {
  const chosen = framework ?? guessTableFramework(header)
  if (!chosen) throw new OutcomeFileError(`${fileName}: say which framework the table records (--framework ID)`)
  return chosen
}

function readMarkdownTables(text: string, fileName: string, framework: string | undefined): OutcomeFile {
  const tables = markdownTables(text)
  const records: OutcomeRecord[] = []
  const warnings: OutcomeWarning[] = []
  let rowsRead = 0
  for (const table of tables) {
    const id = framework ?? guessTableFramework(table.header.cells)
    if (!id) continue
    const found = recordsFromTable(table, id, fileName)
    if (found.records.length === 0) continue
    records.push(...found.records)
    warnings.push(...found.warnings)
    rowsRead += table.rows.length
  }
  if (records.length === 0) {
    throw new OutcomeFileError(
      tables.length === 0
        ? `${fileName}: no table found (expected a '| Local Authority | Overall Judgment | … |' table)`
        : `${fileName}: no outcomes table found; a table needs a 'Local Authority' column and judgement columns, and --framework ID unless it has an LSCB column`,
    )
  }
  return { kind: 'table', records, warnings, stated: statedTotalsIn(text), rowsRead }
}

function readCsvTable(text: string, fileName: string, framework: string | undefined): OutcomeFile {
  let rows: string[][]
  try {
    rows = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      max_record_size: 100_000,
    }) as string[][]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new OutcomeFileError(`${fileName}: not a readable CSV file${line ? ` (line ${line})` : ''}`)
  }
  const [header, ...body] = rows
  if (!header || body.length === 0) throw new OutcomeFileError(`${fileName}: the CSV has no data rows`)
  const id = frameworkFor(header, fileName, framework)
  const found = recordsFromTable(
    { header: { row: 1, cells: header }, rows: body.map((cells, index) => ({ row: index + 2, cells })) },
    id,
    fileName,
  )
  if (found.records.length === 0) {
    throw new OutcomeFileError(
      `${fileName}: no outcomes table found; it needs a 'Local Authority' column and judgement columns`,
    )
  }
  return { kind: 'table', records: found.records, warnings: found.warnings, stated: [], rowsRead: body.length }
}
