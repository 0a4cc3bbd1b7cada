import fc from 'fast-check'
import { generateAnnexA, LIST_NUMBERS, validateWorkbook, type ListNumber } from '../../../src/domain/annex-a/index.js'
import type { PopulationRow } from '../../../src/domain/sampling/index.js'

export const REFERENCE_DATE = '2024-03-31'

/** A realistic population: a synthetic Annex A workbook (fictional children), cleaned as an import would. */
export function syntheticPopulation(children: number, seed = 11): PopulationRow[] {
  const generated = generateAnnexA({ seed, children, referenceDate: REFERENCE_DATE })
  const { rows } = validateWorkbook(generated.sheets, { referenceDate: REFERENCE_DATE, keepRows: true })
  const population: PopulationRow[] = []
  for (const list of LIST_NUMBERS) {
    ;(rows.get(list) ?? []).forEach((data, index) => {
      const childId = data.childId ?? data.adopterId
      // The generator writes a title row and a header row, so data starts on sheet row 3.
      if (childId !== null && childId !== undefined)
        population.push({ childId: String(childId), list, row: index + 3, data })
    })
  }
  return population
}

const TEAMS = ['Duty', 'North', 'South', 'Leaving care']
const WORKERS = ['A. Worker', 'B. Worker', 'C. Worker']

/** Small random populations whose values hit every filter kind, so properties meet both sides of each test. */
export const populationArbitrary = fc
  .array(
    fc.record({
      child: fc.integer({ min: 1, max: 40 }),
      list: fc.constantFrom<ListNumber>(1, 3, 4, 5, 6, 8),
      team: fc.option(fc.constantFrom(...TEAMS), { nil: null }),
      worker: fc.constantFrom(...WORKERS),
      nfa: fc.constantFrom('a) Yes', 'b) No', null),
      count: fc.integer({ min: 0, max: 3 }),
      closed: fc.option(fc.constantFrom('2023-01-15', '2023-06-30', '2024-02-01'), { nil: null }),
    }),
    { maxLength: 120 },
  )
  .map(rows =>
    rows.map((item, index): PopulationRow => ({
      childId: `C${String(item.child).padStart(3, '0')}`,
      list: item.list,
      row: index + 3,
      data: {
        allocatedTeam: item.team,
        allocatedWorker: item.worker,
        referralNfa: item.nfa,
        referralsInLast12Months: item.count,
        cinClosureDate: item.closed,
      },
    })),
  )
