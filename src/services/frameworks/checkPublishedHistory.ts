import {
  matchHeaderRow,
  OUTCOME_LAYOUTS,
  outcomesFromRow,
  replayPublishedOutcomes,
  type CellProblem,
  type ColumnIndex,
  type FrameworkReplay,
  type OutcomeLayout,
  type PublishedOutcome,
} from '../../domain/frameworks/index.js'
import { readOdsRows } from '../spreadsheets/readOds.js'
import { FrameworksInputError } from './inputProblems.js'

export interface PublishedHistoryReport {
  /** Sheets whose layout we recognised, with the layout used. */
  sheets: { sheet: string; layout: string; source: string }[]
  rowsRead: number
  inspections: number
  frameworks: FrameworkReplay[]
  /** The first problems found (at most MAX_PROBLEMS_LISTED); problemCount says how many in all. */
  problems: CellProblem[]
  problemCount: number
}

const MAX_PROBLEMS_LISTED = 50

/**
 * Streams an Ofsted published-outcomes ODS file: finds each known sheet's header row, turns every data
 * row into the inspections it records, and replays them through each framework's rules. A cell that is
 * not a published grade is reported with its sheet, row and column and left out; it never sinks the file.
 */
export async function checkPublishedHistory(file: string | Buffer): Promise<PublishedHistoryReport> {
  const wanted = [...new Set(OUTCOME_LAYOUTS.map(layout => layout.sheet))]
  const headers = new Map<string, { layout: OutcomeLayout; columns: ColumnIndex }>()
  const outcomes: PublishedOutcome[] = []
  const problems: CellProblem[] = []
  let problemCount = 0
  let rowsRead = 0
  for await (const row of readOdsRows(file, { sheets: wanted })) {
    rowsRead += 1
    // A header row (re)starts a table: the 2023 file has a second table, with its own header, further down.
    const header = matchHeaderRow(row.sheet, row.cells)
    if (header) {
      headers.set(row.sheet, header)
      continue
    }
    const current = headers.get(row.sheet)
    if (!current) continue
    const found = outcomesFromRow(current.layout, current.columns, row.sheet, row.row, row.cells)
    outcomes.push(...found.outcomes)
    problemCount += found.problems.length
    problems.push(...found.problems.slice(0, Math.max(0, MAX_PROBLEMS_LISTED - problems.length)))
  }
  if (headers.size === 0) {
    throw new FrameworksInputError(
      `no published-outcomes table found: expected a sheet named ${wanted.map(name => `'${name}'`).join(' or ')} with Ofsted's column headers`,
    )
  }
  return {
    sheets: [...headers].map(([sheet, { layout }]) => ({ sheet, layout: layout.id, source: layout.source })),
    rowsRead,
    inspections: outcomes.length,
    frameworks: replayPublishedOutcomes(outcomes),
    problems,
    problemCount,
  }
}
