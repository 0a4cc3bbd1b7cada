import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  customPlanJson,
  describeFilter,
  drawSample,
  FILTER_COLUMNS,
  listSamplingPlans,
  locatePlanProblem,
  planProblemText,
  previewPlan,
  readCustomPlan,
  readJsonText,
  type SamplingPlan,
} from '../../../src/domain/sampling/index.js'
import {
  FORM_LIMITS,
  fitsForm,
  planFormFromBody,
  planFormFromPlan,
  planFromForm,
  withStratumAdded,
  type PlanFormValues,
} from '../../../src/web/routes/audits/samplingPlans/planForm.js'
import { REFERENCE_DATE, syntheticPopulation } from './fixtures.js'

/** The plan fields every case below starts from, with one stratum. */
const base: PlanFormValues = {
  strataCount: '1',
  id: 'my-plan',
  label: 'My plan',
  description: '',
  balanceBy: '',
  excludeDays: '',
  's0-label': 'Looked after',
  's0-id': '',
  's0-lists': '8',
  's0-quotaKind': 'number',
  's0-quota': '5',
}

const row = (filter: number, column: string, operator: string, value = '') => ({
  [`s0-f${filter}-column`]: column,
  [`s0-f${filter}-operator`]: operator,
  [`s0-f${filter}-value`]: value,
})

describe('the sampling plan form', () => {
  const converts: [string, PlanFormValues, Partial<SamplingPlan>][] = [
    [
      'a minimal plan, its stratum id made from the name',
      base,
      { strata: [{ id: 'looked-after', label: 'Looked after', lists: [8], quota: 5, filters: [] }] },
    ],
    ['balance by team', { ...base, balanceBy: 'team' }, { balanceBy: 'team' }],
    ['balance by worker', { ...base, balanceBy: 'worker' }, { balanceBy: 'worker' }],
    ['an exclusion window', { ...base, excludeDays: ' 90 ' }, { excludeAuditedWithinDays: 90 }],
    [
      'every eligible case, several lists',
      { ...base, 's0-lists': '6,7,9', 's0-quotaKind': 'all', 's0-quota': 'ignored' },
      { strata: [{ id: 'looked-after', label: 'Looked after', lists: [6, 7, 9], quota: 'all', filters: [] }] },
    ],
    [
      'codes separated by semicolons, one of them with a comma',
      {
        ...base,
        ...row(
          0,
          'reasonForClosure',
          'notIn',
          'RC9 - Case closed after assessment, referred to early help ;RC8 - Case closed after assessment, no further action',
        ),
      },
      {
        strata: [
          {
            id: 'looked-after',
            label: 'Looked after',
            lists: [8],
            quota: 5,
            filters: [
              {
                column: 'reasonForClosure',
                notIn: [
                  'RC9 - Case closed after assessment, referred to early help',
                  'RC8 - Case closed after assessment, no further action',
                ],
              },
            ],
          },
        ],
      },
    ],
    [
      'every other kind of filter, empty rows skipped',
      {
        ...base,
        ...row(0, 'dateCeasedLookedAfter', 'blank'),
        ...row(1, 'placementsInLast12Months', 'atLeast', '2.5'),
        ...row(2, '', ''),
        ...row(3, 'ignoredColumn', 'notOnList', '9'),
      },
      {
        strata: [
          {
            id: 'looked-after',
            label: 'Looked after',
            lists: [8],
            quota: 5,
            filters: [
              { column: 'dateCeasedLookedAfter', blank: true },
              { column: 'placementsInLast12Months', atLeast: 2.5 },
              { childOnList: 9, present: false },
            ],
          },
        ],
      },
    ],
    [
      'not blank, within months, on a list',
      {
        ...base,
        ...row(0, 'lastSocialWorkVisit', 'notBlank', 'ignored'),
        ...row(1, 'dateStartedLookedAfter', 'withinMonths', '12'),
        ...row(2, '', 'onList', '7'),
      },
      {
        strata: [
          {
            id: 'looked-after',
            label: 'Looked after',
            lists: [8],
            quota: 5,
            filters: [
              { column: 'lastSocialWorkVisit', blank: false },
              { column: 'dateStartedLookedAfter', withinMonths: 12 },
              { childOnList: 7, present: true },
            ],
          },
        ],
      },
    ],
    [
      'removed and empty strata left out, repeated names given distinct ids',
      {
        ...base,
        strataCount: '4',
        's1-label': 'Gone',
        's1-lists': '1',
        's1-quotaKind': 'all',
        's1-remove': 'yes',
        's2-label': 'Looked after',
        's2-lists': '9',
        's2-quotaKind': 'number',
        's2-quota': '1',
      },
      {
        strata: [
          { id: 'looked-after', label: 'Looked after', lists: [8], quota: 5, filters: [] },
          { id: 'looked-after-2', label: 'Looked after', lists: [9], quota: 1, filters: [] },
        ],
      },
    ],
  ]
  for (const [name, values, expected] of converts)
    it(`reads ${name}`, () => {
      const result = planFromForm(values)
      assert.deepEqual(result.errors, null)
      const plan = result.plan!
      assert.equal(plan.origin, 'custom')
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(plan[key as keyof SamplingPlan], value, key)
    })

  const refuses: [string, PlanFormValues, Record<string, string>][] = [
    [
      'a missing name and id',
      { ...base, id: '', label: '' },
      { id: 'Enter a short id for the plan', label: 'Enter a name for the plan' },
    ],
    [
      'a bad id, balance and exclusion',
      { ...base, id: 'My Plan', balanceBy: 'region', excludeDays: '4000' },
      {
        id: 'The short id must be lower-case letters, digits and hyphens, like neglect-cases',
        balanceBy: 'Select how to balance the sample',
        excludeDays: 'The number of days must be 3,650 or fewer',
      },
    ],
    [
      'a stratum with no lists and a zero quota',
      { ...base, 's0-lists': '', 's0-quota': '0' },
      {
        's0-lists': 'Select at least one Annex A list for stratum 1',
        's0-quota': 'Enter the number of cases for stratum 1, a whole number from 1 to 1,000',
      },
    ],
    [
      'list 12 and no quota choice',
      { ...base, 's0-lists': '12', 's0-quotaKind': '' },
      {
        's0-lists': 'Select at least one Annex A list for stratum 1',
        's0-quotaKind': 'Select how many cases to draw for stratum 1',
      },
    ],
    [
      'a bad stratum id and a missing name',
      { ...base, 's0-id': 'Bad id', 's0-label': '' },
      {
        's0-id': 'The short id of stratum 1 must be lower-case letters, digits and hyphens',
        's0-label': 'Enter a name for stratum 1',
      },
    ],
    [
      'filters without what they need',
      {
        ...base,
        ...row(0, '', 'in', 'a) Yes'),
        ...row(1, 'latestCategory', 'in', ' ; '),
        ...row(2, 'placementsInLast12Months', 'atLeast', 'two'),
        ...row(3, 'dateStartedLookedAfter', 'withinMonths', '0'),
      },
      {
        's0-f0-column': 'Select a column for filter 1 of stratum 1',
        's0-f1-value': 'Enter the codes for filter 2 of stratum 1, separated by semicolons, like a) Yes',
        's0-f2-value': 'Enter a number for filter 3 of stratum 1, like 2',
        's0-f3-value': 'Enter the number of months for filter 4 of stratum 1, a whole number from 1 to 600',
      },
    ],
    [
      'a code Annex A does not have, a list out of range, a column with no test, a test not offered',
      {
        ...base,
        ...row(0, 'referralNfa', 'in', 'a) Yes; Yes'),
        ...row(1, '', 'onList', '0'),
        ...row(2, 'cpEndDate', ''),
        ...row(3, 'cpEndDate', 'like', 'x'),
      },
      {
        's0-f0-value': '“Yes” is not a code of Referral NFA? (filter 1 of stratum 1): use one of a) Yes; b) No',
        's0-f1-value': 'Enter the list for filter 2 of stratum 1, a number from 1 to 11',
        's0-f2-operator': 'Select a test for filter 3 of stratum 1, or clear its column',
        's0-f3-operator': 'Select a test for filter 4 of stratum 1 from the list',
      },
    ],
    [
      'no stratum at all',
      { ...base, 's0-label': '', 's0-lists': '', 's0-quotaKind': '', 's0-quota': '' },
      { 's0-label': 'Enter at least one stratum: a name, its Annex A lists and how many cases to draw' },
    ],
    [
      'two strata with the same id (found by readCustomPlan, put beside the later one)',
      {
        ...base,
        strataCount: '2',
        's0-id': 'same',
        's1-id': 'same',
        's1-label': 'Second',
        's1-lists': '9',
        's1-quotaKind': 'all',
      },
      { 's1-id': 'stratum id "same" is used twice' },
    ],
  ]
  for (const [name, values, expected] of refuses)
    it(`refuses ${name}, each message beside its field`, () => {
      const result = planFromForm(values)
      assert.equal(result.plan, null)
      assert.deepEqual(result.errors, expected)
    })

  it('lists errors in page order, whatever order they were found in', () => {
    const result = planFromForm({
      ...base,
      strataCount: '2',
      id: '',
      's1-label': 'x',
      's0-lists': '',
      's0-f0-operator': 'in',
    })
    assert.deepEqual(Object.keys(result.errors ?? {}), ['id', 's0-lists', 's0-f0-column', 's1-lists', 's1-quotaKind'])
  })

  it('reads only declared fields from the body, joining ticked lists and bounding the strata', () => {
    const { values, action } = planFormFromBody({
      strataCount: '99',
      id: 'x',
      's0-lists': ['1', '3', { nested: true }],
      's1-lists': '8',
      's0-f0-column': 'cpEndDate',
      injected: 'nope',
      action: 'add-stratum',
    })
    assert.equal(action, 'add-stratum')
    assert.equal(values.strataCount, String(FORM_LIMITS.strata))
    assert.equal(values['s0-lists'], '1,3')
    assert.equal(values['s1-lists'], '8')
    assert.equal(values['s0-f0-column'], 'cpEndDate')
    assert.equal(values.injected, undefined)
    assert.equal(planFormFromBody({ action: 'delete-everything' }).action, 'save')
    assert.equal(planFormFromBody({}).values.strataCount, '1')
    assert.equal(withStratumAdded({ strataCount: '2' }).strataCount, '3')
    assert.equal(withStratumAdded({ strataCount: String(FORM_LIMITS.strata) }).strataCount, String(FORM_LIMITS.strata))
  })

  it('round-trips every built-in plan that fits the form', () => {
    const fitting = listSamplingPlans().filter(fitsForm)
    assert.ok(fitting.length >= 4, 'most built-in plans fit the form')
    assert.ok(!fitsForm({ strata: Array.from({ length: FORM_LIMITS.strata + 1 }, () => fitting[0]!.strata[0]!) }))
    for (const plan of fitting) {
      const values = planFormFromPlan(plan)
      const read = planFromForm(values)
      assert.equal(read.errors, null, `${plan.id}: ${JSON.stringify(read.errors)}`)
      assert.deepEqual(customPlanJson(read.plan!), customPlanJson(plan), plan.id)
      // A copy starts with no id, so it cannot overwrite the original.
      assert.equal(planFormFromPlan(plan, { copy: true }).id, '')
    }
  })
})

describe('plan problems, JSON text and previews', () => {
  it('says where a readCustomPlan problem is, naming the stratum', () => {
    const value = {
      id: 'p',
      label: 'P',
      strata: [
        { id: 'a', lists: [1], quota: 1 },
        { id: 'b', label: 'Bees', lists: [1], quota: 0, filters: [{ column: 'x', like: 1 }] },
        { id: 'a', lists: [1], quota: 1 },
      ],
    }
    const problems = readCustomPlan(value).problems
    assert.deepEqual(
      problems.map(problem => [locatePlanProblem(problem, value), planProblemText(problem, value)]),
      [
        [
          { stratum: 1, part: 'quota', message: 'must be "all" or a whole number from 1 to 1000' },
          'Stratum 2 (“Bees”): quota must be "all" or a whole number from 1 to 1000',
        ],
        [
          { stratum: 1, filter: 0, part: 'filter', message: 'is not a filter we know (see docs/audits.md)' },
          'Stratum 2 (“Bees”), filter 1: is not a filter we know (see docs/audits.md)',
        ],
        [{ stratum: 2, part: 'id', message: 'stratum id "a" is used twice' }, 'stratum id "a" is used twice'],
      ],
    )
    assert.deepEqual(locatePlanProblem('label is required', {}), { part: 'label', message: 'label is required' })
  })

  it('bounds what a stored plan may hold', () => {
    const long = 'x'.repeat(201)
    const problems = readCustomPlan({
      id: 'p',
      label: long,
      strata: [{ id: 's', label: long, lists: [1], quota: 1, filters: Array(21).fill({ column: 'a', blank: true }) }],
    }).problems
    assert.deepEqual(problems, [
      'label must be 200 characters or fewer',
      'strata[0].label must be 200 characters or fewer',
      'strata[0].filters must list at most 20 filters',
    ])
  })

  const json: [string, string, string | null][] = [
    ['valid JSON', '{"a": 1}', null],
    ['nothing', '  ', 'Enter the JSON'],
    [
      'a trailing comma',
      '{\n  "a": 1,\n}',
      'The JSON is not valid at line 3, column 1: Expected double-quoted property name',
    ],
    [
      'a stray bracket (no offset from the parser)',
      '{\n  "a": [}\n}',
      "The JSON is not valid at line 2, column 9: Unexpected token '}'",
    ],
    ['text cut short', '{"a": [1, 2', 'The JSON ends too soon: a closing bracket or quote is missing'],
  ]
  for (const [name, text, problem] of json)
    it(`reads ${name}`, () => {
      const result = readJsonText(text)
      assert.equal(result.ok ? null : result.problem, problem)
    })

  it('describes filters in words, with the column’s header', () => {
    assert.equal(describeFilter({ column: 'referralNfa', in: ['b) No'] }), 'Referral NFA? is “b) No”')
    assert.equal(describeFilter({ childOnList: 4, present: false }), 'the child is not also on list 4 (Assessments)')
    assert.equal(describeFilter({ column: 'unknownKey', blank: false }), 'unknownKey is not blank')
    assert.ok(!FILTER_COLUMNS.some(column => column.key === 'childId'), 'child ids are never a filter column')
  })

  it('previews the same draw as drawSample, in counts per stratum', () => {
    const population = syntheticPopulation(200)
    const plan = listSamplingPlans().find(item => item.id === 'slac-2009-case-files')!
    const preview = previewPlan({ plan, seed: 's', population, referenceDate: REFERENCE_DATE })
    const drawn = drawSample({ plan, seed: 's', population, referenceDate: REFERENCE_DATE })
    assert.equal(preview.cases, drawn.cases.length)
    for (const stratum of preview.strata) {
      assert.equal(stratum.drawn, drawn.cases.filter(item => item.stratum === stratum.stratum).length)
      assert.ok(stratum.eligible >= stratum.drawn)
      assert.ok(stratum.groups !== null && stratum.groups <= stratum.drawn, 'balanced by team')
      const short = drawn.shortfalls.find(item => item.stratum === stratum.stratum)
      assert.equal(stratum.shortfall, short ? short.wanted - stratum.drawn : 0)
    }
  })
})
