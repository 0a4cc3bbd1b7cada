import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { computeIndicators, generateAnnexA, validateWorkbook } from '../../../src/domain/annex-a/index.js'

const REFERENCE = '2024-03-31'

describe('generateAnnexA', () => {
  it('gives the same workbook for the same seed, and a different one for another seed', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 0.05, noNaN: true }), (seed, errorRate) => {
        const options = { seed, children: 40, referenceDate: REFERENCE, errorRate }
        assert.deepEqual(generateAnnexA(options), generateAnnexA(options))
      }),
      { numRuns: 20 },
    )
    const a = generateAnnexA({ seed: 1, children: 40, referenceDate: REFERENCE })
    const b = generateAnnexA({ seed: 2, children: 40, referenceDate: REFERENCE })
    assert.notDeepEqual(a.sheets, b.sheets)
  })

  it('writes all eleven lists in the template layout, with leading zeros in IDs', () => {
    const { sheets } = generateAnnexA({ seed: 7, children: 100, referenceDate: REFERENCE })
    assert.deepEqual(
      sheets.map(sheet => sheet.name),
      Array.from({ length: 11 }, (_, index) => `List ${index + 1}`),
    )
    assert.equal(sheets[0]?.rows[0]?.[0], 'List 1: Contacts')
    assert.equal(sheets[0]?.rows[1]?.[0], 'Child Unique ID')
    assert.match(String(sheets[0]?.rows[2]?.[0]), /^0+\d+$/)
  })

  it('validates clean, with no issues at all, for any seed and either date style and version', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.constantFrom('uk-text' as const, 'excel-serial' as const),
        fc.constantFrom('2019' as const, '2023' as const, '2026' as const),
        (seed, dateStyle, version) => {
          const generated = generateAnnexA({ seed, children: 150, referenceDate: REFERENCE, dateStyle, version })
          const result = validateWorkbook(generated.sheets, { referenceDate: REFERENCE })
          assert.deepEqual(result.issues, [])
          assert.equal(result.schema.version, version)
        },
      ),
      { numRuns: 15 },
    )
  })

  it('has every planted error reported at its row with its code', () => {
    fc.assert(
      fc.property(fc.integer(), seed => {
        const generated = generateAnnexA({ seed, children: 300, referenceDate: REFERENCE, errorRate: 0.03 })
        assert.ok(generated.planted.length > 0)
        const { issues } = validateWorkbook(generated.sheets, { referenceDate: REFERENCE })
        for (const planted of generated.planted) {
          const found = issues.some(
            issue => issue.code === planted.expectedCode && issue.list === planted.list && issue.row === planted.row,
          )
          assert.ok(
            found,
            `missed ${planted.expectedCode} on List ${planted.list} row ${planted.row}: ${planted.description}`,
          )
        }
      }),
      { numRuns: 10 },
    )
  })

  it('feeds indicators through validation', () => {
    const generated = generateAnnexA({ seed: 3, children: 500, referenceDate: REFERENCE })
    const { rows } = validateWorkbook(generated.sheets, { referenceDate: REFERENCE, keepRows: true })
    const indicators = computeIndicators(rows, { referenceDate: REFERENCE, population: 50_000 })
    const contacts = indicators.find(indicator => indicator.id === 'contacts-per-10k')
    assert.equal(contacts?.numerator, rows.get(1)?.length)
    assert.ok(indicators.every(indicator => indicator.value === null || Number.isFinite(indicator.value)))
  })
})
