import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  interpretPlanRows,
  mapPlanColumns,
  PlanImportError,
  readPlanDate,
  statusFromText,
  type SourceRow,
} from '../../../src/domain/workspace/index.js'

const SEED_001_HEADER = [
  'Ref no.',
  'ISSUES',
  'Area of Responsibility',
  'Lead Manager',
  'Lead Officer',
  'Action',
  'Milestone Date',
  'Progress Against Action',
  'Risk/ RAG',
  'Completion date',
]

function rows(...cells: unknown[][]): SourceRow[] {
  return cells.map((row, index) => ({ rowNumber: index + 1, cells: row }))
}

describe('mapPlanColumns', () => {
  it('maps every column of seed 001 action plan', () => {
    const { mapping, unmapped } = mapPlanColumns(SEED_001_HEADER)
    assert.deepEqual(mapping, {
      ref: 0,
      issue: 1,
      area: 2,
      leadManager: 3,
      leadOfficer: 4,
      action: 5,
      milestoneDate: 6,
      progress: 7,
      rag: 8,
      targetDate: 9,
    })
    assert.deepEqual(unmapped, [])
  })

  it('maps seed 003 work plan columns', () => {
    const { mapping } = mapPlanColumns(['No.', 'Key milestones', 'Lead person', 'Timescale'])
    assert.deepEqual(mapping, { ref: 0, leadOfficer: 2, action: 1, milestoneDate: 3 })
  })

  it('lets a chosen mapping win and reports what nobody claimed', () => {
    const { mapping, unmapped } = mapPlanColumns(['What', 'Who', 'Notes'], { action: 0, leadOfficer: 1 })
    assert.deepEqual(mapping, { action: 0, leadOfficer: 1 })
    assert.deepEqual(unmapped, [{ index: 2, header: 'Notes' }])
  })

  it('never gives one column to two fields', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...SEED_001_HEADER, 'Lead', 'Status', 'Due date'), fc.string()), {
          maxLength: 15,
        }),
        headers => {
          const indexes = Object.values(mapPlanColumns(headers).mapping)
          assert.equal(new Set(indexes).size, indexes.length)
        },
      ),
    )
  })
})

describe('readPlanDate', () => {
  const cases: [unknown, string | null, string][] = [
    ['01/06/09', '2009-06-01', 'date'],
    ['31.05.14', '2014-05-31', 'date'],
    ['2014-05-31', '2014-05-31', 'date'],
    ['Jan- 11', '2011-01-31', 'date'],
    ['February 2016', '2016-02-29', 'date'],
    ['31.09.14', null, 'unreadable'],
    ['lan 10', null, 'unreadable'],
    ['2nd week of each month', null, 'unreadable'],
    [45000, '2023-03-15', 'date'],
    [new Date(Date.UTC(2014, 6, 31)), '2014-07-31', 'date'],
    ['', null, 'blank'],
    [null, null, 'blank'],
  ]
  for (const [value, date, kind] of cases) {
    it(`reads ${JSON.stringify(value)} as ${kind}`, () => {
      const reading = readPlanDate(value)
      assert.equal(reading.kind, kind)
      if (reading.kind === 'date') assert.equal(reading.date, date)
    })
  }

  it('reads any dd/mm/yyyy it is given back to the same day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }), when => {
        const iso = when.toISOString().slice(0, 10)
        const [y, m, d] = iso.split('-')
        const reading = readPlanDate(`${d}/${m}/${y}`)
        assert.deepEqual(reading, { kind: 'date', date: iso })
      }),
    )
  })
})

describe('statusFromText', () => {
  const cases: [string, string | undefined][] = [
    ['On Target', 'on-track'],
    ['0 On Target', 'on-track'],
    ['Action Completed', 'complete'],
    ['Slipped to March', 'off-track'],
    ['At risk: no funding', 'at-risk'],
    ['', 'not-started'],
    ['Meeting held', undefined],
  ]
  for (const [text, status] of cases) it(`"${text}" → ${status}`, () => assert.equal(statusFromText(text), status))
})

describe('interpretPlanRows (seed 001 layout)', () => {
  const plan = rows(
    ['Safeguarding Action Plan'],
    SEED_001_HEADER,
    ['A', 'Effective Front Line support to Social workers (key Haringey finding and Laming Recommendation 11,15,16)'],
    [
      'A1',
      'Data and Information',
      '',
      'Director (JW)',
      'Head of Service (BH)',
      'Contribute to national debate',
      '01/06/09',
      'On Target',
      '',
      '01/09/09',
    ],
    [
      '',
      '',
      '-',
      'Head of Service (BH)',
      'Manager (RJ)',
      'Develop the system',
      '01/06/09',
      'On Target',
      '',
      '01/09/09',
    ],
    ['Page 21'],
    SEED_001_HEADER,
    [
      '',
      'Audit',
      'Assessment',
      'Manager (RJ)',
      'Principal Manager (SL)',
      'Audit of under-fives cases',
      '01/06/09',
      '',
      '',
      'Action Completed',
    ],
    ['B', 'Leadership (Laming recommendations 4,6)'],
    [
      'B1',
      'Business processes',
      "Children's Trust",
      'Chair (JW)',
      'Manager (RH)',
      'Needs analysis',
      'lan 10',
      '0 On Target',
      'R',
      '01/04/10',
    ],
  )

  it('finds sections with their source references, items, inherited refs and statuses', () => {
    const result = interpretPlanRows(plan)
    assert.equal(result.headerRowNumber, 2)
    assert.deepEqual(
      result.sections.map(s => [s.ref, s.title, s.sourceReference, s.items.length]),
      [
        [
          'A',
          'Effective Front Line support to Social workers',
          'key Haringey finding and Laming Recommendation 11,15,16',
          3,
        ],
        ['B', 'Leadership', 'Laming recommendations 4,6', 1],
      ],
    )
    const [first, second, third] = result.sections[0]!.items
    assert.equal(first!.ref, 'A1')
    assert.equal(second!.ref, 'A1.2')
    assert.equal(second!.issue, 'Data and Information', 'continuation rows keep the issue')
    assert.equal(second!.area, '', 'a dash is no area')
    assert.equal(third!.status, 'complete')
    assert.equal(third!.targetDate, null)
    const needs = result.sections[1]!.items[0]!
    assert.equal(needs.milestoneDate, null)
    assert.equal(needs.ragOverride, 'red')
    assert.ok(result.warnings.some(w => w.rowNumber === 10 && /milestone date "lan 10"/.test(w.message)))
    assert.ok(result.warnings.some(w => w.rowNumber === 6 && /only a ref/.test(w.message)))
  })

  it('refuses a file with no header row, or with no actions', () => {
    assert.throws(() => interpretPlanRows(rows(['a', 'b'], ['c', 'd'])), PlanImportError)
    assert.throws(() => interpretPlanRows(rows(SEED_001_HEADER)), /no actions/)
  })

  it('strips control characters and keeps hostile text as plain text', () => {
    const result = interpretPlanRows(
      rows(['Action', 'Lead officer', 'Timescale'], ['<script>alert(1)</script>\u0007', '=HYPERLINK("x")', '31.05.14']),
    )
    const item = result.sections[0]!.items[0]!
    assert.equal(item.action, '<script>alert(1)</script>')
    assert.equal(item.leadOfficer, '=HYPERLINK("x")')
  })

  it('never loses an action row, whatever else the rows hold', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ maxLength: 5 }),
            fc.string({ minLength: 1, maxLength: 20 }).filter(s => s.trim() !== '' && !/action/i.test(s)),
            fc.string({ maxLength: 10 }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        body => {
          const result = interpretPlanRows(
            rows(['Ref', 'Action', 'Lead officer'], ...body.map(([ref, action, lead]) => [ref, action, lead])),
          )
          const items = result.sections.flatMap(section => section.items)
          assert.equal(items.length, body.length)
        },
      ),
    )
  })
})
