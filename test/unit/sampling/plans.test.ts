import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { getFramework } from '../../../src/domain/frameworks/index.js'
import { drawSample, findSamplingPlan, listSamplingPlans, readCustomPlan } from '../../../src/domain/sampling/index.js'
import { REFERENCE_DATE, syntheticPopulation } from './fixtures.js'

describe('sampling plans from the framework data', () => {
  it('offers the unannounced inspection strata, SLAC 4 + 4 + 12 and the SIF 18 with their sources', () => {
    const ucra = findSamplingPlan('ucra-2009-random-sample')!
    assert.equal(ucra.strata.length, 14)
    assert.deepEqual(
      ucra.strata.map(stratum => stratum.id),
      getFramework('ucra-2009').sampling![0]!.strata.map(stratum => stratum.id),
    )
    assert.equal(ucra.source, 'seed 001 §31–32')
    assert.deepEqual(
      findSamplingPlan('slac-2009-case-files')!.strata.map(stratum => stratum.quota),
      [4, 4, 12],
    )
    assert.deepEqual(
      findSamplingPlan('sif-2013-case-audit')!.strata.map(stratum => stratum.quota),
      [18],
    )
    for (const id of ['ilacs-annex-a', 'baseline-open-cases', 'closed-last-12-months'])
      assert.ok(findSamplingPlan(id), id)
    assert.equal(new Set(listSamplingPlans().map(plan => plan.id)).size, listSamplingPlans().length)
  })

  it('draws every framework plan from a synthetic run without shortfalls where the run is large enough', () => {
    const population = syntheticPopulation(600)
    const sif = drawSample({
      plan: findSamplingPlan('sif-2013-case-audit')!,
      seed: '2024',
      population,
      referenceDate: REFERENCE_DATE,
    })
    assert.equal(sif.cases.length, 18)
    assert.deepEqual(sif.shortfalls, [])
    const slac = drawSample({
      plan: findSamplingPlan('slac-2009-case-files')!,
      seed: '2024',
      population,
      referenceDate: REFERENCE_DATE,
    })
    assert.equal(slac.cases.length, 20)
    assert.ok(
      slac.cases.filter(item => item.stratum === 'safeguarding-before-fieldwork').every(item => item.list === 7),
    )
    const baseline = drawSample({
      plan: findSamplingPlan('baseline-open-cases')!,
      seed: '1',
      population,
      referenceDate: REFERENCE_DATE,
    })
    assert.ok(baseline.cases.length > 0)
    assert.deepEqual(baseline.shortfalls, [])
  })
})

describe('readCustomPlan', () => {
  const valid = {
    id: 'cp-neglect',
    label: 'Neglect plans by worker',
    balanceBy: 'worker',
    excludeAuditedWithinDays: 90,
    strata: [{ id: 'neglect', lists: [7], quota: 6, filters: [{ column: 'latestCategory', in: ['a) Neglect'] }] }],
  }

  it('accepts a well-formed plan and marks it custom', () => {
    const result = readCustomPlan(valid, 'Northshire')
    assert.deepEqual(result.problems, [])
    assert.equal(result.plan?.origin, 'custom')
    assert.equal(result.plan?.strata[0]?.label, 'neglect')
    assert.equal(result.plan?.excludeAuditedWithinDays, 90)
  })

  const broken: [string, unknown, string][] = [
    ['not an object', [], 'The plan must be a JSON object'],
    ['a bad id', { ...valid, id: 'Bad Id' }, 'id must be lower-case letters, digits and hyphens (at most 63)'],
    ['no strata', { ...valid, strata: [] }, 'strata must list at least one stratum'],
    [
      'list 12',
      { ...valid, strata: [{ id: 's', lists: [12], quota: 1 }] },
      'strata[0].lists must list Annex A lists 1 to 11',
    ],
    [
      'a zero quota',
      { ...valid, strata: [{ id: 's', lists: [1], quota: 0 }] },
      'strata[0].quota must be "all" or a whole number from 1 to 1000',
    ],
    [
      'an unknown filter',
      { ...valid, strata: [{ id: 's', lists: [1], quota: 1, filters: [{ column: 'x', like: 'y' }] }] },
      'strata[0].filters[0] is not a filter we know (see docs/audits.md)',
    ],
    [
      'a repeated stratum',
      { ...valid, strata: [valid.strata[0], valid.strata[0]] },
      'stratum id "neglect" is used twice',
    ],
    ['a bad balance', { ...valid, balanceBy: 'region' }, 'balanceBy must be "team" or "worker"'],
    [
      'a negative exclusion',
      { ...valid, excludeAuditedWithinDays: -1 },
      'excludeAuditedWithinDays must be a whole number from 0 to 3650',
    ],
  ]
  for (const [name, input, problem] of broken) {
    it(`refuses ${name}`, () => {
      const result = readCustomPlan(input)
      assert.equal(result.plan, null)
      assert.ok(result.problems.includes(problem), result.problems.join('; '))
    })
  }
})
