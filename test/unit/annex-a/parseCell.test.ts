import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CellValue, ColumnSpec, ValueMapping } from '../../../src/domain/annex-a/index.js'
import { createValueMappingTable, getSchema, parseCell } from '../../../src/domain/annex-a/index.js'

const column = (list: 1 | 3 | 8 | 11, key: string): ColumnSpec => {
  const found = getSchema('2019').lists[list].columns.find(candidate => candidate.key === key)
  if (found === undefined) throw new Error(key)
  return found
}
const context = (mappings: ValueMapping[] = []) => ({
  list: 1 as const,
  header: 'Header',
  valueMappings: createValueMappingTable(mappings),
  strictVersion: null,
  pivotYear: 2024,
})
const parse = (value: CellValue, spec: ColumnSpec, mappings: ValueMapping[] = []) => {
  const parsed = parseCell(value, spec, context(mappings))
  return { value: parsed.value, codes: parsed.problems.map(problem => problem.code) }
}

describe('parseCell', () => {
  const cases: [string, CellValue, ColumnSpec, { value: unknown; codes: string[] }][] = [
    ['keeps leading zeros in IDs', '000123', column(1, 'childId'), { value: '000123', codes: [] }],
    ['trims IDs', ' 123 ', column(1, 'childId'), { value: '123', codes: [] }],
    ['keeps a numeric ID as its digits', 123, column(1, 'childId'), { value: '123', codes: [] }],
    ['accepts an exact code', 'b) Female', column(1, 'gender'), { value: 'b) Female', codes: [] }],
    ['ignores case and spacing in a code', ' B)  female ', column(1, 'gender'), { value: 'b) Female', codes: [] }],
    [
      'maps Female to b) Female with a warning',
      'Female',
      column(1, 'gender'),
      { value: 'b) Female', codes: ['code-mapped'] },
    ],
    ['maps a bare code', 'WBRI', column(1, 'ethnicity'), { value: 'a) WBRI', codes: ['code-mapped'] }],
    ['accepts the SSD spelling t) NOBT', 't) NOBT', column(1, 'ethnicity'), { value: 's) NOBT', codes: [] }],
    [
      'maps a different separator',
      'e) PR4 - Private provision',
      column(8, 'placementProvider'),
      { value: 'e) PR4: Private provision', codes: ['code-mapped'] },
    ],
    ['maps Yes', 'Yes', column(3, 'referralNfa'), { value: 'a) Yes', codes: ['code-mapped'] }],
    [
      'accepts curly quotes in codes',
      'N2 - Child\u2019s disability',
      column(8, 'categoryOfNeed'),
      { value: 'N2 - Child’s disability', codes: [] },
    ],
    [
      'refuses an ambiguous label',
      'Individual',
      column(1, 'contactSource'),
      { value: null, codes: ['code-ambiguous'] },
    ],
    ['refuses an unknown code', 'PSRMEM', column(1, 'contactSource'), { value: null, codes: ['code-invalid'] }],
    ['reports a blank required cell', '  ', column(1, 'ethnicity'), { value: null, codes: ['value-required'] }],
    ['accepts a blank optional cell', null, column(1, 'dateOfBirth'), { value: null, codes: [] }],
    ['reports #N/A', '#N/A', column(3, 'allocatedTeam'), { value: null, codes: ['cell-formula-error'] }],
    [
      'cleans non-breaking spaces',
      'Dustin\u00a0Hazlett ',
      column(3, 'allocatedWorker'),
      { value: 'Dustin Hazlett', codes: [] },
    ],
    [
      'truncates a fractional age with a warning',
      6.138,
      column(1, 'ageYears'),
      { value: 6, codes: ['integer-not-whole'] },
    ],
    ['accepts unborn as -1', '-1', column(1, 'ageYears'), { value: -1, codes: [] }],
    ['refuses an age below -1', -2, column(1, 'ageYears'), { value: null, codes: ['age-invalid'] }],
    [
      'refuses a negative count',
      '-1',
      column(3, 'referralsInLast12Months'),
      { value: null, codes: ['integer-below-minimum'] },
    ],
    [
      'refuses text in a count',
      'two',
      column(3, 'referralsInLast12Months'),
      { value: null, codes: ['integer-invalid'] },
    ],
    ['normalises a postcode', 'ab1  2cd', column(8, 'placementPostcode'), { value: 'AB1 2CD', codes: [] }],
    ['refuses a non-postcode', 'nope', column(8, 'placementPostcode'), { value: null, codes: ['postcode-invalid'] }],
    ['reads an Excel date', 44090, column(1, 'dateOfContact'), { value: '2020-09-16', codes: [] }],
    [
      'warns on a two-digit year',
      '16/9/20',
      column(1, 'dateOfContact'),
      { value: '2020-09-16', codes: ['date-two-digit-year'] },
    ],
    [
      'refuses month-first dates',
      '09/16/2020',
      column(1, 'dateOfContact'),
      { value: null, codes: ['date-month-first'] },
    ],
    ['reads List 11 plain Yes', 'Yes', column(11, 'fosteringForAdoption'), { value: 'Yes', codes: [] }],
  ]
  for (const [name, input, spec, expected] of cases) it(name, () => assert.deepEqual(parse(input, spec), expected))

  it('applies the organisation’s mapping first, and reports it', () => {
    const mappings = [{ column: 'contactSource', from: 'MASH', to: 'n) 5A: LA services' }]
    assert.deepEqual(parse('mash', column(1, 'contactSource'), mappings), {
      value: 'n) 5A: LA services',
      codes: ['code-mapped'],
    })
  })

  it('reports a mapping that points at no code', () => {
    const mappings = [{ column: 'contactSource', from: 'MASH', to: 'Hub' }]
    assert.deepEqual(parse('MASH', column(1, 'contactSource'), mappings), { value: null, codes: ['code-invalid'] })
  })

  it('flags newer codes only when a version was chosen', () => {
    const spec = column(1, 'contactSource')
    const strict = parseCell('p1) 5D: LA services', spec, { ...context(), strictVersion: '2019' })
    assert.deepEqual(
      strict.problems.map(problem => problem.code),
      ['code-newer-version'],
    )
    assert.deepEqual(parseCell('p1) 5D: LA services', spec, context()).problems, [])
  })
})
