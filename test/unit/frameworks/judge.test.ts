import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  explain,
  FrameworkInputError,
  getFramework,
  judge,
  whatIf,
  type GradeInputs,
  type JudgeOptions,
} from '../../../src/domain/frameworks/index.js'

interface Case {
  name: string
  framework: string
  inputs: GradeInputs
  options?: JudgeOptions
  /** judgement → [best possible, worst possible] */
  expect: Record<string, [string, string]>
  firedBy?: string[]
}

const CASES: Case[] = [
  {
    name: 'SIF: nothing given leaves overall effectiveness open',
    framework: 'sif-2013',
    inputs: {},
    expect: { 'overall-effectiveness': ['outstanding', 'inadequate'] },
  },
  {
    name: 'SIF: an inadequate key judgement makes overall effectiveness inadequate (seed 002 §5.6)',
    framework: 'sif-2013',
    inputs: { 'help-and-protection': 'inadequate' },
    expect: { 'overall-effectiveness': ['inadequate', 'inadequate'] },
    firedBy: ['key-inadequate-makes-overall-inadequate'],
  },
  {
    name: 'SIF: overall good means no key judgement can be inadequate (backward)',
    framework: 'sif-2013',
    inputs: { 'overall-effectiveness': 'good' },
    expect: {
      'help-and-protection': ['outstanding', 'requires-improvement'],
      'leadership-management-governance': ['outstanding', 'requires-improvement'],
      'adoption-performance': ['outstanding', 'inadequate'],
    },
  },
  {
    name: 'SIF: an inadequate sub-judgement does not force its parent or the overall grade',
    framework: 'sif-2013',
    inputs: { 'care-leavers': 'inadequate' },
    expect: {
      'looked-after-and-permanence': ['outstanding', 'inadequate'],
      'overall-effectiveness': ['outstanding', 'inadequate'],
    },
    firedBy: ['care-leavers-inadequate-does-not-force-parent'],
  },
  {
    name: 'SIF: an inadequate LSCB does not affect overall effectiveness',
    framework: 'sif-2013',
    inputs: {
      lscb: 'inadequate',
      'help-and-protection': 'good',
      'looked-after-and-permanence': 'good',
      'leadership-management-governance': 'good',
    },
    expect: { 'overall-effectiveness': ['outstanding', 'inadequate'] },
    firedBy: ['lscb-is-standalone'],
  },
  {
    name: 'SIF, empirical constraints: three good keys give good or requires improvement',
    framework: 'sif-2013',
    inputs: {
      'help-and-protection': 'good',
      'looked-after-and-permanence': 'good',
      'leadership-management-governance': 'good',
    },
    options: { empirical: 'constrain' },
    expect: { 'overall-effectiveness': ['good', 'requires-improvement'] },
  },
  {
    name: 'SLAC: inadequate equality and diversity limits leadership and management',
    framework: 'slac-2009',
    inputs: { 'safeguarding-equality-and-diversity': 'inadequate' },
    expect: {
      'safeguarding-leadership-and-management': ['inadequate', 'inadequate'],
      'lac-leadership-and-management': ['outstanding', 'inadequate'],
    },
  },
  {
    name: 'SLAC: overall effectiveness no better than the "are safe" and "feel safe" outcomes',
    framework: 'slac-2009',
    inputs: { 'safeguarding-children-are-safe': 'good', 'safeguarding-children-feel-safe': 'adequate' },
    expect: { 'safeguarding-overall-effectiveness': ['adequate', 'inadequate'] },
  },
  {
    name: 'SLAC: educational progress limits enjoying and achieving, which with staying safe limits overall',
    framework: 'slac-2009',
    inputs: { 'lac-educational-progress': 'adequate', 'lac-staying-safe': 'adequate' },
    expect: {
      'lac-enjoying-and-achieving': ['adequate', 'inadequate'],
      'lac-overall-effectiveness': ['adequate', 'inadequate'],
    },
    firedBy: [
      'enjoying-and-achieving-limited-by-educational-progress',
      'lac-overall-limited-by-enjoying-and-staying-safe',
    ],
  },
  {
    name: 'CSA: an inadequate safeguarding inspection caps the rating at performs poorly',
    framework: 'csa-2009',
    inputs: { 'safeguarding-inspection': 'inadequate' },
    expect: { rating: ['performs-poorly', 'performs-poorly'] },
  },
  {
    name: 'CSA: an area for priority action limits the rating by one grade',
    framework: 'csa-2009',
    inputs: { 'rating-before-tests': 'performs-well', 'unannounced-priority-action': 'yes' },
    expect: { rating: ['performs-adequately', 'performs-poorly'] },
    firedBy: ['priority-action-limits-by-one-grade'],
  },
  {
    name: 'CSA: without a test the rating can reach the profile rating',
    framework: 'csa-2009',
    inputs: { 'rating-before-tests': 'performs-excellently', 'unannounced-priority-action': 'no' },
    expect: { rating: ['performs-excellently', 'performs-poorly'] },
  },
  {
    name: 'ILACS 2023: empirical patterns do not constrain by default',
    framework: 'ilacs-2023',
    inputs: { 'help-and-protection': 'inadequate' },
    expect: { 'overall-effectiveness': ['outstanding', 'inadequate'] },
  },
  {
    name: 'ILACS 2023: asked to, 100% patterns constrain (help and protection inadequate)',
    framework: 'ilacs-2023',
    inputs: { 'help-and-protection': 'inadequate' },
    options: { empirical: 'constrain' },
    expect: { 'overall-effectiveness': ['inadequate', 'inadequate'] },
  },
  {
    name: 'ILACS 2023, constrained: outstanding overall needs two outstanding and none below good',
    framework: 'ilacs-2023',
    inputs: {
      'impact-of-leaders': 'outstanding',
      'help-and-protection': 'outstanding',
      'children-in-care': 'good',
      'care-leavers': 'good',
    },
    options: { empirical: 'constrain' },
    expect: { 'overall-effectiveness': ['outstanding', 'good'] },
  },
  {
    name: 'ILACS 2023, constrained: two judgements below good cap overall at requires improvement',
    framework: 'ilacs-2023',
    inputs: {
      'impact-of-leaders': 'good',
      'help-and-protection': 'requires-improvement',
      'children-in-care': 'requires-improvement',
      'care-leavers': 'good',
    },
    options: { empirical: 'constrain' },
    expect: { 'overall-effectiveness': ['requires-improvement', 'requires-improvement'] },
  },
  {
    name: 'ILACS 2018: the combined children in care and care leavers judgement counts',
    framework: 'ilacs-2018',
    inputs: { 'children-in-care-and-care-leavers': 'inadequate' },
    options: { empirical: 'constrain' },
    expect: { 'overall-effectiveness': ['inadequate', 'inadequate'] },
  },
]

describe('judge (table)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const result = judge(getFramework(c.framework), c.inputs, c.options)
      for (const [id, [best, worst]] of Object.entries(c.expect)) {
        const outcome = result.judgements[id]
        assert.deepEqual([outcome?.max, outcome?.min], [best, worst], id)
        assert.equal(outcome?.grade, best === worst ? best : null, `${id} grade`)
      }
      for (const rule of c.firedBy ?? [])
        assert.ok(
          result.firings.some(f => f.rule === rule),
          `fired ${rule}`,
        )
      assert.deepEqual(result.conflicts, [])
    })
  }
})

describe('judge (conflicts, warnings, errors)', () => {
  it('reports a given grade that breaks a normative rule, and keeps the given grade', () => {
    const result = judge(getFramework('sif-2013'), {
      'help-and-protection': 'inadequate',
      'overall-effectiveness': 'good',
    })
    assert.equal(result.judgements['overall-effectiveness']?.grade, 'good')
    assert.deepEqual(
      result.conflicts.map(c => c.rule),
      ['key-inadequate-makes-overall-inadequate'],
    )
  })

  it('warns with the hit-rate when an empirical pattern would narrow a range', () => {
    const result = judge(getFramework('ilacs-2023'), { 'impact-of-leaders': 'inadequate' })
    const warning = result.warnings.find(w => w.rule === 'leaders-inadequate-overall-inadequate')
    assert.ok(warning)
    assert.match(warning.message, /25 of 29/)
    assert.match(warning.message, /not Ofsted's rule/)
    assert.equal(result.judgements['overall-effectiveness']?.max, 'outstanding')
  })

  it('passes on a "may" rule as a warning, never a limit', () => {
    const result = judge(getFramework('slac-2009'), { 'lac-being-healthy': 'inadequate' })
    assert.ok(result.warnings.some(w => w.kind === 'may' && w.rule === 'lac-overall-may-be-inadequate'))
    assert.equal(result.judgements['lac-overall-effectiveness']?.max, 'outstanding')
  })

  it('rejects unknown judgements and grades with the valid ids', () => {
    assert.throws(() => judge(getFramework('ilacs-2018'), { 'care-leavers': 'good' }), FrameworkInputError)
    assert.throws(() => judge(getFramework('ilacs-2026'), { 'overall-effectiveness': 'good' }), FrameworkInputError)
    assert.throws(
      () => judge(getFramework('slac-2009'), { 'safeguarding-overall-effectiveness': 'requires-improvement' }),
      /adequate/,
    )
  })
})

describe('explain and whatIf', () => {
  it('explains a cap with the rule text and its source', () => {
    const sif = getFramework('sif-2013')
    const result = judge(sif, { 'looked-after-and-permanence': 'inadequate' })
    const overall = explain(sif, result).find(e => e.judgement === 'overall-effectiveness')
    assert.equal(overall?.sentences[0], 'Overall effectiveness is inadequate.')
    assert.match(overall?.sentences[1] ?? '', /key-inadequate-makes-overall-inadequate, seed 002 §5.6/)
  })

  it('explains a range left open, and one limited at best', () => {
    const slac = getFramework('slac-2009')
    const result = judge(slac, { 'safeguarding-children-are-safe': 'adequate' })
    const sentences = explain(slac, result)
    const overall = sentences.find(e => e.judgement === 'safeguarding-overall-effectiveness')
    assert.equal(overall?.sentences[0], 'Overall effectiveness can be at best adequate.')
    const vfm = sentences.find(e => e.judgement === 'lac-value-for-money')
    assert.match(vfm?.sentences[0] ?? '', /not limited by the rules/)
  })

  it('says what raising a judgement would change', () => {
    const sif = getFramework('sif-2013')
    const result = whatIf(sif, { 'help-and-protection': 'inadequate' }, { 'help-and-protection': 'good' })
    const change = result.changes.find(c => c.judgement === 'overall-effectiveness')
    assert.deepEqual(change?.before, { grade: 'inadequate', min: 'inadequate', max: 'inadequate' })
    assert.deepEqual(change?.after, { grade: null, min: 'inadequate', max: 'outstanding' })
    assert.match(change?.sentence ?? '', /^Raising .* to good lifts the cap on overall effectiveness to outstanding/)
  })
})
