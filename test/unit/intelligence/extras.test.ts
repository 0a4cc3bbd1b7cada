import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  ANNEX_A_NOT_MAPPED,
  ANNEX_A_TO_DFE,
  DFE_INDICATORS,
  SEED_004_THEMES,
  activeThemeRules,
  benchmarkOwnValue,
  checkOwnValue,
  checkThemeRule,
  cycleFrameworks,
  dfeYearOf,
  effectiveThemeRules,
  findIndicator,
  inspectionCycle,
  ownSourceLabel,
  ownValuesFromAnnexA,
  phrasesFromText,
  previewThemeRule,
  seriesOf,
  type IndicatorValue,
  type OutcomeRecord,
  type OwnValue,
} from '../../../src/domain/intelligence/index.js'
import { INDICATORS as ANNEX_A_INDICATORS } from '../../../src/domain/annex-a/indicators/definitions.js'

const own = (value: number, year: number, extra: Partial<OwnValue> = {}): OwnValue => ({
  indicator: 'cpp-subsequent',
  year,
  value,
  source: 'typed',
  annexARunId: null,
  annexAIndicator: null,
  annexAReferenceDate: null,
  note: null,
  version: 1,
  updatedBy: 'test',
  updatedAt: new Date(0),
  ...extra,
})

describe('own indicator values', () => {
  it('maps reference dates to DfE reporting years ending 31 March', () => {
    const cases: [string, number][] = [
      ['2025-03-31', 2025],
      ['2025-01-01', 2025],
      ['2025-04-01', 2026],
      ['2025-09-30', 2026],
      ['2024-12-31', 2025],
    ]
    for (const [date, year] of cases) assert.equal(dfeYearOf(date), year, date)
  })

  it('maps only indicators that exist on both sides, and says why the rest are not mapped', () => {
    const annexIds = new Set(ANNEX_A_INDICATORS.map(indicator => indicator.id))
    for (const mapping of [...ANNEX_A_TO_DFE, ...ANNEX_A_NOT_MAPPED]) {
      assert.ok(annexIds.has(mapping.annexA), `${mapping.annexA} is an Annex A indicator`)
      assert.ok(findIndicator(mapping.dfe), `${mapping.dfe} is a DfE indicator`)
    }
    for (const mapping of ANNEX_A_TO_DFE) assert.ok(mapping.caveats.length > 0, `${mapping.dfe} has caveats`)
    assert.equal(new Set(ANNEX_A_TO_DFE.map(mapping => mapping.dfe)).size, ANNEX_A_TO_DFE.length)
  })

  it('takes mapped Annex A values and names the ones it cannot take', () => {
    const { values, skipped } = ownValuesFromAnnexA('2025-09-30', [
      { id: 'cp-plans-second-or-subsequent-rate', value: 22.5, numerator: 9, denominator: 40 },
      { id: 'cla-per-10k', value: null, numerator: 30, denominator: 0 },
      { id: 'contacts-per-10k', value: 400, numerator: 2000, denominator: 50000 },
    ])
    assert.deepEqual(values, [
      {
        indicator: 'cpp-subsequent',
        year: 2026,
        value: 22.5,
        annexAIndicator: 'cp-plans-second-or-subsequent-rate',
        numerator: 9,
        denominator: 40,
      },
    ])
    assert.equal(skipped.length, ANNEX_A_TO_DFE.length - 1)
    assert.ok(skipped.some(line => /^cla-per-10k: no value/.test(line)))
    assert.ok(skipped.some(line => /^cin-rereferrals|re-referrals-within-12-months-rate: not in this run/.test(line)))
  })

  it('checks typed values by unit', () => {
    const percent = findIndicator('cpp-subsequent')!
    const rate = findIndicator('cla-rate')!
    const cases: [typeof percent, number, RegExp | undefined][] = [
      [percent, 0, undefined],
      [percent, 100, undefined],
      [percent, 100.1, /between 0 and 100/],
      [percent, -1, /negative/],
      [rate, 250, undefined],
      [rate, Number.NaN, /number/],
      [rate, 2_000_000, /1,000,000 or less/],
    ]
    for (const [definition, value, expected] of cases) {
      const problem = checkOwnValue(definition, value)
      if (expected) assert.match(problem ?? '', expected, `${definition.id} ${value}`)
      else assert.equal(problem, undefined, `${definition.id} ${value}`)
    }
  })

  // Eight authorities, low polarity. Published 2024: A..H = 10..80; ours replaces C (30).
  const definition = findIndicator('cpp-subsequent')!
  const codes = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']
  const published: IndicatorValue[] = [
    ...codes.map((code, index) => ({
      indicator: definition.id,
      year: 2024,
      level: 'local' as const,
      area: code,
      value: (index + 1) * 10,
    })),
    { indicator: definition.id, year: 2024, level: 'national', area: 'E92000001', value: 45 },
    { indicator: definition.id, year: 2024, level: 'regional', area: 'North', value: 40 },
    { indicator: definition.id, year: 2023, level: 'local', area: 'C', value: 35 },
  ]
  const series = seriesOf(definition, published)
  const authority = { oldCode: 'C', region: 'North', neighbours: ['A', 'B', 'D'] }

  it('ranks and bands our value in place of the published one (hand-worked)', () => {
    // Values with ours (5) for C: 5,10,20,40,...,80. Sorted: 5,10,20,40,50,60,70,80 → Q1 (type 7) = 10 + 0.75*10 = 17.5.
    const result = benchmarkOwnValue(series, authority, own(5, 2024))
    assert.equal(result.comparedWithYear, 2024)
    assert.equal(result.published, 30)
    assert.equal(result.result!.value, 5)
    assert.equal(result.result!.rank, 1)
    assert.equal(result.result!.band, 'A')
    assert.equal(result.result!.quartiles!.q1, 17.5)
    assert.equal(result.result!.neighbourMean, (10 + 20 + 40) / 3)
    assert.equal(result.result!.england, 45)
    assert.equal(result.result!.region, 40)
    // Trend against the published 2023 value (35 → 5: down, improving for low polarity).
    assert.deepEqual(result.result!.trend, { change: -30, direction: 'down', improving: true })
    const worst = benchmarkOwnValue(series, authority, own(95, 2024))
    assert.equal(worst.result!.rank, 8)
    assert.equal(worst.result!.band, 'D')
  })

  it('compares a year not yet published with the latest published year, and says when there is none', () => {
    const later = benchmarkOwnValue(series, authority, own(25, 2026))
    assert.equal(later.comparedWithYear, 2024)
    assert.equal(later.result!.year, 2026)
    assert.equal(later.result!.trend, null)
    const earlier = benchmarkOwnValue(series, authority, own(25, 2020))
    assert.deepEqual([earlier.comparedWithYear, earlier.result], [null, null])
  })

  it('never changes the number of ranked authorities, wherever our value falls (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), value => {
        const result = benchmarkOwnValue(series, authority, own(value, 2024)).result!
        return result.rankedAuthorities === 8 && result.rank! >= 1 && result.rank! <= 8 && result.band !== null
      }),
    )
  })

  it('labels sources', () => {
    assert.equal(ownSourceLabel(own(1, 2024)), 'typed in')
    assert.equal(
      ownSourceLabel(
        own(1, 2024, {
          source: 'annex-a',
          annexARunId: '1a2b3c4d-0000-0000-0000-000000000000',
          annexAReferenceDate: '2025-09-30',
        }),
      ),
      'Annex A run 1a2b3c4d (reference date 2025-09-30)',
    )
  })
})

describe('theme rules per organisation', () => {
  it('starts from seed 004, lets stored rules override, add and switch off themes', () => {
    const first = SEED_004_THEMES[0]!
    const rules = effectiveThemeRules([
      {
        id: first.id,
        label: 'Partnerships',
        phrases: ['partner*'],
        enabled: false,
        source: 'seed 004, edited',
        version: 2,
      },
      {
        id: 'school-attendance',
        label: 'School attendance',
        phrases: ['attendance'],
        enabled: true,
        source: 'local rule',
        version: 1,
      },
    ])
    assert.equal(rules.length, SEED_004_THEMES.length + 1)
    assert.deepEqual(
      { ...rules[0], phrases: rules[0]!.phrases },
      {
        id: first.id,
        label: 'Partnerships',
        phrases: ['partner*'],
        enabled: false,
        source: 'seed 004, edited',
        version: 2,
        builtIn: true,
        edited: true,
      },
    )
    assert.equal(rules[1]!.version, 0)
    assert.equal(rules.at(-1)!.builtIn, false)
    const active = activeThemeRules(rules)
    assert.equal(active.length, SEED_004_THEMES.length)
    assert.ok(!active.some(rule => rule.id === first.id))
  })

  it('reads phrases one a line and checks rules', () => {
    assert.deepEqual(phrasesFromText('  MASH \n\nthresholds\nmash\r\nmulti   agency\n'), [
      'MASH',
      'thresholds',
      'multi agency',
    ])
    const cases: [{ id: string; label: string; phrases: string[] }, string[]][] = [
      [{ id: 'ok-id', label: 'Fine', phrases: ['a'] }, []],
      [{ id: 'Bad Id', label: 'Fine', phrases: ['a'] }, ['themeId']],
      [{ id: 'ok', label: ' ', phrases: [] }, ['label', 'phrases']],
      [{ id: 'ok', label: 'x', phrases: ['*wild'] }, ['phrases']],
      [{ id: 'ok', label: 'x', phrases: ['a'.repeat(81)] }, ['phrases']],
    ]
    for (const [rule, fields] of cases) assert.deepEqual(Object.keys(checkThemeRule(rule)).sort(), fields, rule.id)
  })

  it('previews what a rule matches, per phrase, before it is saved', () => {
    const reports = [
      {
        report: 'Kent (2022)',
        recommendations: ['Improve the MASH response.', 'Strengthen supervision of social workers.'],
      },
      { report: 'Derby (2022)', recommendations: ['Ensure thresholds are applied consistently.'] },
      { report: 'Medway (2019)', recommendations: ['Improve the quality of plans.'] },
    ]
    const preview = previewThemeRule({ id: 'x', label: 'X', phrases: ['MASH', 'threshold*', 'supervision'] }, reports)
    assert.equal(preview.reports, 2)
    assert.equal(preview.recommendations, 3)
    assert.deepEqual(preview.byPhrase, [
      { phrase: 'MASH', recommendations: 1 },
      { phrase: 'threshold*', recommendations: 1 },
      { phrase: 'supervision', recommendations: 1 },
    ])
    assert.equal(preview.examples[0]!.report, 'Kent (2022)')
    // Acronyms keep their case: "mash" in lower case is another word.
    assert.equal(
      previewThemeRule({ id: 'x', label: 'X', phrases: ['MASH'] }, [
        { report: 'r', recommendations: ['mash potatoes'] },
      ]).recommendations,
      0,
    )
  })
})

describe('inspection cycle', () => {
  const grade = (g: 'good' | 'inadequate') => ({
    judgement: 'overall-effectiveness',
    grade: g,
    originalLabel: g,
    originalGrade: g,
    scale: 'ilacs',
  })
  const record = (
    authority: string,
    date: string,
    framework: string,
    g: 'good' | 'inadequate' = 'good',
  ): OutcomeRecord => ({
    authority,
    authorityCode: null,
    region: null,
    framework,
    type: null,
    inspectionDate: date,
    publicationDate: null,
    grades: [grade(g)],
    theme: null,
    origin: { sheet: 't', row: 1 },
  })
  const population = ['A', 'B', 'C', 'D'].map(key => ({ key, name: `Authority ${key}`, region: 'North' }))

  it('computes pace over the population and months since and forecast per authority', () => {
    const records = [
      record('A', '2024-03-01', 'ilacs-2023'),
      record('B', '2023-06-15', 'ilacs-2023', 'inadequate'),
      record('C', '2019-05-01', 'ilacs-2018'),
    ]
    assert.deepEqual(cycleFrameworks(records), ['ilacs-2023', 'ilacs-2018'])
    const overview = inspectionCycle(records, {
      framework: 'ilacs-2023',
      today: '2025-01-10',
      keyOf: r => r.authority,
      population,
    })!
    assert.equal(overview.pace.inspected, 2)
    assert.equal(overview.pace.population, 4)
    assert.equal(overview.pace.share, 0.5)
    // From the framework's start to 2025-01-10; at half the authorities, the cycle takes twice as long.
    assert.equal(overview.pace.projectedMonths, overview.pace.months * 2)
    const byKey = new Map(overview.rows.map(row => [row.authority.key, row]))
    assert.equal(byKey.get('A')!.months, 10)
    assert.equal(byKey.get('A')!.inspectedThisCycle, true)
    assert.equal(byKey.get('C')!.inspectedThisCycle, false)
    assert.equal(byKey.get('C')!.months, 68)
    assert.equal(byKey.get('D')!.last, null)
    assert.equal(byKey.get('D')!.months, null)
    assert.ok(byKey.get('A')!.latest, 'a forecast window from the ILACS cycle rules')
    // Sorted by the end of the next window, earliest first; authorities without one last.
    assert.equal(overview.rows.at(-1)!.authority.key, 'D')
    const shown = inspectionCycle(records, {
      framework: 'ilacs-2023',
      today: '2025-01-10',
      keyOf: r => r.authority,
      population,
      shown: new Set(['A']),
    })!
    assert.deepEqual(
      shown.rows.map(row => row.authority.key),
      ['A'],
    )
    assert.equal(shown.pace.inspected, 2, 'the pace still counts every authority')
    assert.equal(
      inspectionCycle(records, { framework: 'no-such', today: '2025-01-10', keyOf: r => r.authority, population }),
      undefined,
    )
  })

  it('every DfE indicator id is unique (the own-values table is keyed by it)', () => {
    assert.equal(new Set(DFE_INDICATORS.map(indicator => indicator.id)).size, DFE_INDICATORS.length)
  })
})
