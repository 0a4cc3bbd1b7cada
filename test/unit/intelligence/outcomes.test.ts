import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  JUDGEMENT_ALIASES,
  markdownTables,
  monthsBetween,
  parseGradeLabel,
  parseOutcomeCell,
  recordsFromTable,
  statedTotalsIn,
  summariseOutcomes,
  transitions,
  cyclePace,
  consistencyOf,
  latestPerAuthority,
  viewOf,
  type OutcomeRecord,
} from '../../../src/domain/intelligence/index.js'

const SIF = JUDGEMENT_ALIASES['sif-2013']!

describe('intelligence: grade labels', () => {
  it('reads printed labels onto the framework scale and the common scale', () => {
    const cases: [string, string, string | undefined, string | undefined][] = [
      ['Requires Improvement', 'inspection-2013', 'requires-improvement', 'requires-improvement'],
      ['Requires improvement to be good', 'inspection-2013', 'requires-improvement', 'requires-improvement'],
      // Ofsted's data prints 2009–2012 "adequate" as RI: the framework version decides the original grade.
      ['Requires improvement to be good', 'inspection-2009', 'adequate', 'requires-improvement'],
      ['Adequate', 'inspection-2009', 'adequate', 'requires-improvement'],
      ['  OUTSTANDING ', 'inspection-2013', 'outstanding', 'outstanding'],
      ['Inadequate', 'inspection-2013', 'inadequate', 'inadequate'],
      ['Adequate', 'inspection-2013', undefined, undefined],
      ['Goodish', 'inspection-2013', undefined, undefined],
      ['<script>', 'inspection-2013', undefined, undefined],
    ]
    for (const [label, scale, original, common] of cases) {
      const parsed = parseGradeLabel(label, scale)
      assert.equal(parsed?.originalGrade, original, `${label} on ${scale}`)
      assert.equal(parsed?.grade, common, `${label} on ${scale}`)
    }
  })

  it('splits a cell into its main grade and bracketed exceptions', () => {
    const cell = parseOutcomeCell(
      'Requires Improvement (Adoption: Good; Care Leavers: Inadequate)',
      'inspection-2013',
      SIF,
    )
    assert.equal(cell.main?.grade, 'requires-improvement')
    assert.deepEqual(
      cell.exceptions.map(e => [e.judgement, e.grade.grade, e.label]),
      [
        ['adoption-performance', 'good', 'Good'],
        ['care-leavers', 'inadequate', 'Inadequate'],
      ],
    )
    assert.deepEqual(cell.problems, [])
  })

  it('shares one grade among several named judgements, including names with & and commas', () => {
    const cell = parseOutcomeCell(
      'Requires Improvement (Child Protection, Care Leavers, Leadership & Management: Good)',
      'inspection-2013',
      SIF,
    )
    assert.deepEqual(
      cell.exceptions.map(e => e.judgement),
      ['help-and-protection', 'care-leavers', 'leadership-management-governance'],
    )
  })

  it('names what it cannot read rather than guessing', () => {
    const trailing = parseOutcomeCell(
      'Requires Improvement (Children in Care, Leadership & Management: Good CIC)',
      'inspection-2013',
      SIF,
    )
    assert.equal(trailing.exceptions.length, 2)
    assert.match(trailing.problems[0]!, /'cic' after 'Good CIC' was ignored/)
    const unknown = parseOutcomeCell('Good (Fostering: Good; Adoption Brilliant)', 'inspection-2013', SIF)
    assert.ok(unknown.problems.some(p => /'fostering' is not a judgement we know/.test(p)))
    assert.ok(unknown.problems.some(p => /names no grade/.test(p)))
    const unclosed = parseOutcomeCell('Good (Adoption: Good', 'inspection-2013', SIF)
    assert.ok(unclosed.problems.some(p => /unclosed bracket/.test(p)))
  })

  it('never throws and never invents a grade on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), text => {
        const cell = parseOutcomeCell(text, 'inspection-2013', SIF)
        if (!cell.main) assert.ok(cell.problems.length > 0)
        for (const exception of cell.exceptions) assert.ok(Object.values(SIF).includes(exception.judgement))
      }),
    )
  })
})

const SEED_TABLE = `Some text.

| Local Authority    | Overall Judgment   | LCSB effectiveness   |
|--------------------|--|----------------------|
| Barnsley           | Requires Improvement (Care Leavers: Good)  | Requires Improvement |
| Birmingham         | Inadequate   | Inadequate           |
| East Sussex        | Good (Adoption: Outstanding; Care Leavers: Requires Improvement)                     | Good                 |
| Slough             | Inadequate (Adoption: Requires Improvement)  | Inadequate           |

- 1 local authorities have been rated 'Good'
- 1 local authorities have been rated 'Requires Improvement'
- 2 local authorities have been rated 'Inadequate'
- **This means that 80% of local authorities have been rated as failing to meet the required standards.**
- 1 LCSBs have been rated 'Inadequate'.
`

describe('intelligence: outcome tables and their stated totals', () => {
  const [table] = markdownTables(SEED_TABLE)
  const { records, warnings } = recordsFromTable(table!, 'sif-2013', 'annex.md')

  it('reads one record per authority with original labels beside normalised grades', () => {
    assert.equal(records.length, 4)
    assert.deepEqual(warnings, [])
    const eastSussex = records.find(r => r.authority === 'East Sussex')!
    assert.deepEqual(
      eastSussex.grades.map(g => [g.judgement, g.grade, g.originalLabel, g.originalGrade, g.scale]),
      [
        ['overall-effectiveness', 'good', 'Good', 'good', 'inspection-2013'],
        ['adoption-performance', 'outstanding', 'Outstanding', 'outstanding', 'inspection-2013'],
        ['care-leavers', 'requires-improvement', 'Requires Improvement', 'requires-improvement', 'inspection-2013'],
        ['lscb', 'good', 'Good', 'good', 'inspection-2013'],
      ],
    )
    assert.equal(eastSussex.origin.row, 7)
  })

  it('counts by judgement and grade, with the share not yet good, and says where the text disagrees with the rows', () => {
    const summary = summariseOutcomes(records, { stated: statedTotalsIn(SEED_TABLE) })
    assert.equal(summary.framework, 'sif-2013')
    assert.equal(summary.inspections, 4)
    assert.deepEqual(summary.judgements['overall-effectiveness'], {
      outstanding: 0,
      good: 1,
      'requires-improvement': 1,
      inadequate: 2,
    })
    assert.equal(summary.notYetGoodShare['overall-effectiveness'], 0.75)
    assert.equal(summary.notYetGoodShare.lscb, 0.75)
    // 80% stated, 75% counted; LSCB inadequate 1 stated, 2 counted. The three stated overall counts agree.
    assert.equal(summary.warnings.length, 2, summary.warnings.join('\n'))
    assert.match(summary.warnings[0]!, /says 80%.*75% \(3 of 4\)/)
    assert.match(summary.warnings[1]!, /says 1 lscb results were inadequate.*rows give 2/)
  })

  it('keeps counts consistent: every grade counted once and shares between 0 and 1', () => {
    const grade = fc.constantFrom('Outstanding', 'Good', 'Requires Improvement', 'Inadequate')
    fc.assert(
      fc.property(fc.array(fc.tuple(grade, grade), { minLength: 1, maxLength: 40 }), rows => {
        const text = [
          '| Local Authority | Overall | LSCB |',
          '|---|---|---|',
          ...rows.map(([a, b], i) => `| LA ${i} | ${a} | ${b} |`),
        ].join('\n')
        const parsed = recordsFromTable(markdownTables(text)[0]!, 'sif-2013', 't')
        const summary = summariseOutcomes(parsed.records)
        const overall = summary.judgements['overall-effectiveness']!
        assert.equal(
          overall.outstanding + overall.good + overall['requires-improvement'] + overall.inadequate,
          rows.length,
        )
        const share = summary.notYetGoodShare['overall-effectiveness']!
        assert.ok(share >= 0 && share <= 1)
      }),
    )
  })
})

const record = (
  authority: string,
  date: string,
  overall: OutcomeRecord['grades'][number]['grade'],
  framework = 'ilacs-2018',
): OutcomeRecord => ({
  authority,
  authorityCode: null,
  region: null,
  framework,
  type: null,
  inspectionDate: date,
  publicationDate: null,
  grades: [
    {
      judgement: 'overall-effectiveness',
      grade: overall,
      originalLabel: overall,
      originalGrade: overall,
      scale: 'inspection-2013',
    },
  ],
  theme: null,
  origin: { sheet: 's', row: 1 },
})

describe('intelligence: views over outcomes', () => {
  const records = [
    record('A', '2015-01-10', 'inadequate', 'sif-2013'),
    record('A', '2019-03-01', 'requires-improvement'),
    record('A', '2023-06-01', 'good', 'ilacs-2023'),
    record('B', '2019-05-01', 'good'),
    record('B', '2022-05-01', 'good'),
  ]
  const keyOf = (r: OutcomeRecord) => r.authority

  it('counts transitions from one inspection to the next across frameworks', () => {
    const matrix = transitions(records, keyOf)
    assert.equal(matrix.inadequate['requires-improvement'], 1)
    assert.equal(matrix['requires-improvement'].good, 1)
    assert.equal(matrix.good.good, 1)
    assert.equal(matrix.good.inadequate, 0)
  })

  it('takes each authority’s latest inspection for the national view', () => {
    const latest = latestPerAuthority(records, keyOf)
    assert.deepEqual(latest.map(r => r.inspectionDate).sort(), ['2022-05-01', '2023-06-01'])
    assert.deepEqual(viewOf('England', latest).counts, {
      outstanding: 0,
      good: 2,
      'requires-improvement': 0,
      inadequate: 0,
    })
    assert.equal(latestPerAuthority(records, keyOf, 'sif').length, 1)
  })

  it('counts whole months between dates', () => {
    assert.equal(monthsBetween('2023-06-15', '2025-06-14'), 23)
    assert.equal(monthsBetween('2023-06-15', '2025-06-15'), 24)
    assert.equal(monthsBetween('2024-01-31', '2024-02-29'), 0)
  })

  it('projects a cycle’s end from its pace, as seed 004 §5 does', () => {
    // 33 of 152 authorities in the 11 months from November 2013: about 4 years for the whole cycle.
    const pace = cyclePace(33, 152, '2013-11-01', '2014-10-01')
    assert.equal(pace.months, 11)
    assert.equal(pace.share, 0.2171)
    assert.ok(pace.projectedMonths! > 42 && pace.projectedMonths! < 54)
  })

  it('checks recorded grades against the framework rules', () => {
    const consistent = consistencyOf({
      ...record('C', '2016-01-01', 'good', 'sif-2013'),
      grades: [
        {
          judgement: 'overall-effectiveness',
          grade: 'good',
          originalLabel: 'Good',
          originalGrade: 'good',
          scale: 'inspection-2013',
        },
        {
          judgement: 'help-and-protection',
          grade: 'inadequate',
          originalLabel: 'Inadequate',
          originalGrade: 'inadequate',
          scale: 'inspection-2013',
        },
        {
          judgement: 'looked-after-and-permanence',
          grade: 'good',
          originalLabel: 'Good',
          originalGrade: 'good',
          scale: 'inspection-2013',
        },
        {
          judgement: 'leadership-management-governance',
          grade: 'good',
          originalLabel: 'Good',
          originalGrade: 'good',
          scale: 'inspection-2013',
        },
      ],
    })
    assert.equal(consistent?.consistent, false)
    assert.ok(consistent!.broken.includes('key-inadequate-makes-overall-inadequate'))
  })
})
