import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  checkRecordedOutcome,
  getFramework,
  replayOutcomes,
  type GradeInputs,
} from '../../../src/domain/frameworks/index.js'

const sif = getFramework('sif-2013')
const RI = 'requires-improvement'

// Published SIF outcomes summarised in seed 004, Annex 1 (Kent, 2014): overall, with the exceptions named.
const KENT_ANNEX_1: [name: string, grades: GradeInputs][] = [
  ['Southampton', { 'overall-effectiveness': RI, 'care-leavers': 'inadequate', lscb: RI }],
  ['Cambridgeshire', { 'overall-effectiveness': 'good', 'help-and-protection': RI, lscb: 'good' }],
  ['Bexley', { 'overall-effectiveness': RI, lscb: 'inadequate' }],
  ['Coventry', { 'overall-effectiveness': 'inadequate', 'looked-after-and-permanence': RI, lscb: 'inadequate' }],
]

describe('checkRecordedOutcome', () => {
  for (const [name, grades] of KENT_ANNEX_1) {
    it(`finds ${name}'s published SIF outcome consistent with the normative rules (seed 004 Annex 1)`, () => {
      assert.equal(checkRecordedOutcome(sif, grades).consistent, true)
    })
  }

  it('flags a recorded set that breaks "any key judgement inadequate ⇒ overall inadequate" as an error', () => {
    const check = checkRecordedOutcome(sif, {
      'overall-effectiveness': 'good',
      'help-and-protection': 'inadequate',
      'looked-after-and-permanence': 'good',
      'leadership-management-governance': 'good',
    })
    assert.equal(check.consistent, false)
    const broken = check.checks.find(c => c.rule === 'key-inadequate-makes-overall-inadequate')
    assert.equal(broken?.status, 'disagrees')
    assert.equal(broken?.severity, 'error')
  })

  it('marks empirical disagreements as unusual, not errors (ILACS exceptions such as Doncaster 2022)', () => {
    const check = checkRecordedOutcome(getFramework('ilacs-2018'), {
      'overall-effectiveness': RI,
      'impact-of-leaders': 'inadequate',
      'help-and-protection': RI,
      'children-in-care-and-care-leavers': RI,
    })
    assert.equal(check.consistent, true)
    const leaders = check.checks.find(c => c.rule === 'leaders-inadequate-overall-inadequate')
    assert.deepEqual([leaders?.status, leaders?.severity], ['disagrees', 'unusual'])
  })

  it('says when a rule cannot be assessed for lack of grades', () => {
    const check = checkRecordedOutcome(sif, { 'overall-effectiveness': 'good' })
    assert.equal(check.checks.find(c => c.rule === 'key-inadequate-makes-overall-inadequate')?.status, 'not-assessable')
  })
})

describe('replayOutcomes', () => {
  it('counts, per rule, the records it applied to and those that agreed', () => {
    const ilacs = getFramework('ilacs-2023')
    const records: GradeInputs[] = [
      // Leaders inadequate and overall inadequate: agrees.
      {
        'overall-effectiveness': 'inadequate',
        'impact-of-leaders': 'inadequate',
        'help-and-protection': 'inadequate',
        'children-in-care': RI,
        'care-leavers': RI,
      },
      // Leaders inadequate but overall RI: one of the four exceptions.
      {
        'overall-effectiveness': RI,
        'impact-of-leaders': 'inadequate',
        'help-and-protection': RI,
        'children-in-care': RI,
        'care-leavers': RI,
      },
      // Leaders good: the rule does not apply.
      {
        'overall-effectiveness': 'good',
        'impact-of-leaders': 'good',
        'help-and-protection': 'good',
        'children-in-care': 'good',
        'care-leavers': RI,
      },
    ]
    const replay = replayOutcomes(ilacs, records)
    const leaders = replay.find(r => r.rule === 'leaders-inadequate-overall-inadequate')
    assert.deepEqual([leaders?.applied, leaders?.agreed], [2, 1])
    assert.deepEqual(leaders?.quoted, {
      applied: 29,
      agreed: 25,
      population: 'graded ILACS inspections, January 2018 – March 2025',
    })
    const range = replay.find(r => r.rule === 'overall-within-range')
    assert.deepEqual([range?.applied, range?.agreed], [3, 3])
  })
})

describe('replayOutcomes: rules whose figure was counted from the conclusion', () => {
  const ilacs = getFramework('ilacs-2023')
  const JUDGEMENTS = [
    'overall-effectiveness',
    'impact-of-leaders',
    'help-and-protection',
    'children-in-care',
    'care-leavers',
  ]
  const GRADES = ['outstanding', 'good', RI, 'inadequate']
  const record = (overall: string, others: string): GradeInputs =>
    Object.fromEntries(JUDGEMENTS.map(id => [id, id === 'overall-effectiveness' ? overall : others]))

  it('counts the records with overall inadequate, as the quoted 35 of 35 was counted', () => {
    const replay = replayOutcomes(ilacs, [
      record('inadequate', 'inadequate'), // overall inadequate, another inadequate: agrees
      record('inadequate', RI), // overall inadequate with none inadequate: the exception the rule denies
      record('good', 'good'), // overall not inadequate: outside the population the figure was counted on
      record(RI, RI),
    ])
    const rule = replay.find(r => r.rule === 'none-inadequate-overall-not-inadequate')
    assert.equal(rule?.read, 'backwards')
    assert.deepEqual([rule?.applied, rule?.agreed], [2, 1])
    const forwards = replay.find(r => r.rule === 'leaders-inadequate-overall-inadequate')
    assert.equal(forwards?.read, 'forwards')
  })

  it('finds the same disagreements whichever way a rule is read', () => {
    const backwardRules = ilacs.rules.filter(rule => rule.hitRate?.read === 'backwards')
    assert.ok(backwardRules.length >= 3)
    const forwardsFramework = {
      ...ilacs,
      rules: ilacs.rules.map(rule =>
        rule.hitRate ? { ...rule, hitRate: { ...rule.hitRate, read: 'forwards' as const } } : rule,
      ),
    }
    const gradeSets = fc.array(
      fc
        .tuple(...JUDGEMENTS.map(() => fc.constantFrom(...GRADES)))
        .map(grades => Object.fromEntries(JUDGEMENTS.map((id, i) => [id, grades[i] as string]))),
      { maxLength: 30 },
    )
    fc.assert(
      fc.property(gradeSets, records => {
        const backwards = replayOutcomes(ilacs, records)
        const forwards = replayOutcomes(forwardsFramework, records)
        for (const rule of backwardRules) {
          const b = backwards.find(r => r.rule === rule.id)
          const f = forwards.find(r => r.rule === rule.id)
          assert.ok(b && f)
          assert.equal(b.applied - b.agreed, f.applied - f.agreed, rule.id)
        }
      }),
    )
  })
})
