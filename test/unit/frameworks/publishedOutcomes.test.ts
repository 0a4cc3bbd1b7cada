import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  columnLetter,
  matchHeaderRow,
  outcomesFromRow,
  parsePublishedDate,
  parsePublishedGrade,
  replayPublishedOutcomes,
} from '../../../src/domain/frameworks/index.js'
import { ILACS_HISTORY_HEADERS } from '../../fixtures/frameworks/buildOds.js'

describe('published outcomes: reading grades and dates', () => {
  it('maps Ofsted’s grade labels to grade ids, blanks to null and anything else to undefined', () => {
    const cases: [unknown, string | null | undefined][] = [
      ['Outstanding', 'outstanding'],
      ['Good', 'good'],
      ['Requires improvement to be good', 'requires-improvement'],
      ['  requires   IMPROVEMENT to be good ', 'requires-improvement'],
      ['Inadequate', 'inadequate'],
      ['', null],
      [null, null],
      ['N/A', null],
      ['Adequate', undefined],
      ['<script>', undefined],
      [3, undefined],
    ]
    for (const [value, expected] of cases) assert.equal(parsePublishedGrade(value), expected, String(value))
  })

  it('reads typed and dd/mm/yyyy dates', () => {
    assert.equal(parsePublishedDate('2019-02-18'), '2019-02-18')
    assert.equal(parsePublishedDate('2019-02-18T09:30:00'), '2019-02-18')
    assert.equal(parsePublishedDate('8/2/2019'), '2019-02-08')
    assert.equal(parsePublishedDate('soon'), null)
    assert.equal(parsePublishedDate(43000), null)
  })

  it('names columns as a spreadsheet does', () => {
    assert.deepEqual([0, 10, 25, 26, 27, 701, 702].map(columnLetter), ['A', 'K', 'Z', 'AA', 'AB', 'ZZ', 'AAA'])
  })
})

describe('published outcomes: rows to inspections', () => {
  const header = matchHeaderRow('ILACS_inspection_history', ILACS_HISTORY_HEADERS)

  it('recognises the ILACS history header only on its own sheet', () => {
    assert.ok(header)
    assert.equal(header.layout.id, 'ods-2025-ilacs-history')
    assert.equal(matchHeaderRow('Some_other_sheet', ILACS_HISTORY_HEADERS), undefined)
    assert.equal(matchHeaderRow('ILACS_inspection_history', ILACS_HISTORY_HEADERS.slice(0, 8)), undefined)
  })

  const row = (grades: (string | null)[], type = 'ILACS Standard Inspection') => [
    'link',
    'E00000001',
    'Fictional Shire',
    'Current',
    'London',
    '2019-02-18',
    '2019-04-01',
    type,
    ...grades,
  ]

  it('reads a pre-2023 row as ILACS 2018, with "children in care" as the combined judgement', () => {
    const { outcomes, problems } = outcomesFromRow(
      header!.layout,
      header!.columns,
      'ILACS_inspection_history',
      4,
      row(['Good', 'Good', 'Requires improvement to be good', 'Outstanding', null]),
    )
    assert.deepEqual(problems, [])
    assert.deepEqual(outcomes, [
      {
        framework: 'ilacs-2018',
        group: 'ILACS inspection',
        row: 4,
        date: '2019-02-18',
        type: 'ILACS Standard Inspection',
        grades: {
          'overall-effectiveness': 'good',
          'impact-of-leaders': 'good',
          'help-and-protection': 'requires-improvement',
          'children-in-care-and-care-leavers': 'outstanding',
        },
      },
    ])
  })

  it('reads a row with a care leavers grade as ILACS 2023', () => {
    const { outcomes } = outcomesFromRow(
      header!.layout,
      header!.columns,
      'S',
      5,
      row(['Inadequate', 'Inadequate', 'Inadequate', 'Requires improvement to be good', 'Good']),
    )
    assert.equal(outcomes[0]?.framework, 'ilacs-2023')
    assert.equal(outcomes[0]?.grades['care-leavers'], 'good')
    assert.equal(outcomes[0]?.grades['children-in-care'], 'requires-improvement')
  })

  it('skips ungraded visits and reports cells that are not grades, keeping the rest of the row', () => {
    const visit = outcomesFromRow(
      header!.layout,
      header!.columns,
      'S',
      6,
      row([null, null, null, null, null], 'ILACS Focused Visit'),
    )
    assert.deepEqual(visit, { outcomes: [], problems: [] })
    const odd = outcomesFromRow(header!.layout, header!.columns, 'S', 7, row(['Good', 'Superb', 'Good', 'Good', null]))
    assert.equal(odd.outcomes.length, 1)
    assert.equal(odd.outcomes[0]?.grades['impact-of-leaders'], undefined)
    assert.equal(odd.problems.length, 1)
    assert.deepEqual(
      { ...odd.problems[0], message: undefined },
      { sheet: 'S', row: 7, column: 'J', value: 'Superb', message: undefined },
    )
  })

  it('replays outcomes per framework and counts where each rule applied and agreed', () => {
    const outcome = (grades: Record<string, string>) => ({
      framework: 'ilacs-2018',
      group: 'g',
      row: 1,
      date: null,
      type: null,
      grades,
    })
    const replay = replayPublishedOutcomes([
      outcome({
        'overall-effectiveness': 'inadequate',
        'help-and-protection': 'inadequate',
        'impact-of-leaders': 'inadequate',
        'children-in-care-and-care-leavers': 'inadequate',
      }),
      outcome({
        'overall-effectiveness': 'good',
        'help-and-protection': 'good',
        'impact-of-leaders': 'inadequate',
        'children-in-care-and-care-leavers': 'good',
      }),
    ])
    assert.equal(replay.length, 1)
    assert.equal(replay[0]?.inspections, 2)
    const leaders = replay[0]?.rules.find(rule => rule.rule === 'leaders-inadequate-overall-inadequate')
    assert.deepEqual([leaders?.applied, leaders?.agreed], [2, 1])
    const helpAndProtection = replay[0]?.rules.find(
      rule => rule.rule === 'help-and-protection-inadequate-overall-inadequate',
    )
    assert.deepEqual([helpAndProtection?.applied, helpAndProtection?.agreed], [1, 1])
  })
})
