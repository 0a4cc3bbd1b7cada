import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  crosswalkGrade,
  FRAMEWORKS,
  getFramework,
  listFrameworks,
  UnknownFrameworkError,
  validateFramework,
} from '../../../src/domain/frameworks/index.js'

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/

describe('framework data', () => {
  it('lists every framework named in issue 3 with a label and version', () => {
    const ids = listFrameworks().map(f => f.id)
    for (const id of [
      'csa-2009',
      'slac-2009',
      'ucra-2009',
      'sif-2013',
      'ilacs-2018',
      'ilacs-2023',
      'ilacs-2026',
      'la-school-improvement-2013',
      'agency-inspections-2012',
      'jtai',
    ]) {
      assert.ok(ids.includes(id), id)
    }
    assert.equal(new Set(ids).size, ids.length)
    for (const summary of listFrameworks()) assert.ok(summary.label && summary.version, summary.id)
  })

  for (const framework of FRAMEWORKS) {
    it(`${framework.id}: passes validation, with kebab-case ids and a source on every rule`, () => {
      assert.deepEqual(validateFramework(framework), [])
      for (const judgement of framework.judgements) assert.match(judgement.id, KEBAB)
      for (const scale of framework.scales) for (const grade of scale.grades) assert.match(grade.id, KEBAB)
      for (const rule of framework.rules) {
        assert.match(rule.id, KEBAB)
        assert.ok(rule.source.ref.length > 0, rule.id)
        // Normative rules cite a seed or an Ofsted document keyed in reference/frameworks.md §9.
        if (rule.kind === 'normative') assert.match(rule.source.ref, /^(seed \d{3}|[A-Z0-9-]+)$/, rule.id)
        if (rule.kind === 'empirical')
          assert.ok(rule.hitRate || rule.interpretation, `${rule.id} says how often it held`)
      }
    })
  }

  it('catches broken data', () => {
    const broken = {
      ...getFramework('sif-2013'),
      rules: [
        {
          id: 'bad',
          kind: 'normative' as const,
          certainty: 'always' as const,
          text: 'x',
          when: { judgement: 'help-and-protection', atOrBelow: 'adequate' },
          effect: { type: 'cap' as const, target: 'nope', grade: 'good' },
          source: { ref: 'seed 002', evidence: 'confirmed' as const },
        },
      ],
    }
    const problems = validateFramework(broken)
    assert.ok(problems.some(p => p.includes("'nope'")))
    assert.ok(problems.some(p => p.includes("'adequate'")))
  })

  it('throws a helpful error for an unknown framework', () => {
    assert.throws(() => getFramework('ofsted-1066'), UnknownFrameworkError)
  })

  it('csa-2009 runs 4 = performs excellently (best first), unlike inspection grades', () => {
    const csa = getFramework('csa-2009').scales.find(s => s.id === 'csa-rating')
    assert.equal(csa?.numbering, 'four-is-best')
    assert.deepEqual(
      csa?.grades.map(g => [g.id, g.number]),
      [
        ['performs-excellently', 4],
        ['performs-well', 3],
        ['performs-adequately', 2],
        ['performs-poorly', 1],
      ],
    )
    const inspection = getFramework('slac-2009').scales[0]
    assert.equal(inspection?.grades[0]?.number, 1)
  })

  it('ucra-2009 carries the 18 effective-practice criteria and 14 sampling categories of seed 001', () => {
    const ucra = getFramework('ucra-2009')
    assert.equal(ucra.judgements[0]?.criteria?.length, 18)
    assert.equal(ucra.sampling?.[0]?.strata.length, 14)
    assert.deepEqual(
      ucra.findingCategories?.map(c => c.id),
      ['strengths', 'areas-for-development', 'areas-for-priority-action'],
    )
    assert.equal(
      ucra.judgements.some(j => j.scale !== undefined),
      false,
      'ungraded',
    )
  })

  it('slac-2009 has the three lists, thirteen documents, Appendix 1 grades and 4 + 4 + 12 case files', () => {
    const slac = getFramework('slac-2009')
    assert.equal(slac.documents?.filter(d => d.id.startsWith('list-')).length, 3)
    assert.equal(slac.documents?.filter(d => !d.id.startsWith('list-')).length, 13)
    assert.equal(slac.externalData?.length, 7)
    // Appendix 1 prints "Grade" against 15 safeguarding headings and 18 looked-after headings.
    const graded = slac.judgements.filter(j => j.scale !== undefined && j.kind !== 'input')
    assert.equal(graded.filter(j => j.id.startsWith('safeguarding-')).length, 15)
    assert.equal(graded.filter(j => j.id.startsWith('lac-')).length, 18)
    assert.deepEqual(
      slac.sampling?.[0]?.strata.map(s => s.count),
      [4, 4, 12],
    )
  })

  it('ilacs versions differ in their judgements', () => {
    const ids = (id: string) => getFramework(id).judgements.map(j => j.id)
    assert.ok(ids('ilacs-2018').includes('children-in-care-and-care-leavers'))
    assert.ok(!ids('ilacs-2018').includes('care-leavers'))
    assert.ok(ids('ilacs-2023').includes('care-leavers'))
    assert.ok(!ids('ilacs-2026').includes('overall-effectiveness'))
    assert.equal(getFramework('ilacs-2026').rules.length, 0)
    for (const rule of getFramework('ilacs-2023').rules) assert.equal(rule.kind, 'empirical', rule.id)
  })
})

describe('crosswalkGrade', () => {
  it('maps SLAC adequate to requires improvement and keeps the original label', () => {
    const result = crosswalkGrade('inspection-2009', 'adequate')
    assert.equal(result?.common, 'requires-improvement')
    assert.equal(result?.originalGrade, 'adequate')
    assert.equal(crosswalkGrade('inspection-2013', 'good')?.common, 'good')
  })

  it('refuses to map the csa rating or unknown grades', () => {
    assert.equal(crosswalkGrade('csa-rating', 'performs-well'), undefined)
    assert.equal(crosswalkGrade('inspection-2009', 'requires-improvement'), undefined)
  })
})
