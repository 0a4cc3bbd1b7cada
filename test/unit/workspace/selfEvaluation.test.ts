import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { getFramework } from '../../../src/domain/frameworks/index.js'
import {
  findGaps,
  planItemFromGap,
  projectPosition,
  selfEvaluationAreas,
  selfEvaluationQuestions,
  type AssessedCriterion,
} from '../../../src/domain/workspace/index.js'

const ILACS = getFramework('ilacs-2023')

describe('self-evaluation areas and projection', () => {
  it('asks the three ILACS questions for each graded area, not for overall effectiveness', () => {
    assert.equal(selfEvaluationQuestions(ILACS).length, 3)
    const areas = selfEvaluationAreas(ILACS).map(area => area.judgementId)
    assert.deepEqual(areas, ['impact-of-leaders', 'help-and-protection', 'children-in-care', 'care-leavers'])
  })

  it('projects the overall position through the judgement engine', () => {
    const inadequate = projectPosition(ILACS, {
      'impact-of-leaders': 'good',
      'help-and-protection': 'inadequate',
      'children-in-care': 'good',
      'care-leavers': 'good',
    })
    assert.equal(inadequate.result.judgements['overall-effectiveness']!.max, 'inadequate')
    assert.deepEqual(inadequate.ungraded, [])
    assert.ok(inadequate.explanations.some(e => e.judgement === 'overall-effectiveness' && e.sentences.length > 0))
  })

  it('leaves out a grade that is not on the scale and names the area as ungraded', () => {
    const projection = projectPosition(ILACS, { 'impact-of-leaders': 'excellent' })
    assert.ok(projection.ungraded.includes('impact-of-leaders'))
    assert.equal(projection.result.judgements['overall-effectiveness']!.grade, null)
  })
})

describe('gap analysis', () => {
  const criterion = (
    criterionId: string,
    rating: AssessedCriterion['rating'],
    targetGrade = 'good',
  ): AssessedCriterion => ({
    criterionId,
    judgementId: 'care-leavers',
    text: `Criterion ${criterionId}`,
    targetGrade,
    rating,
    owner: 'Simon Cribbens',
  })
  const criteria = [
    criterion('a', 'met'),
    criterion('b', 'partly-met'),
    criterion('c', null),
    criterion('d', 'not-met'),
    criterion('e', 'not-met', 'outstanding'),
  ]

  it('lists unmet criteria for the target grade, worst first', () => {
    assert.deepEqual(
      findGaps(criteria).map(gap => [gap.criterion.criterionId, gap.severity]),
      [
        ['d', 'not-met'],
        ['b', 'partly-met'],
        ['c', 'not-assessed'],
      ],
    )
    assert.deepEqual(
      findGaps(criteria, 'outstanding').map(gap => gap.criterion.criterionId),
      ['e'],
    )
  })

  it('turns a gap into a plan item led by its owner', () => {
    const item = planItemFromGap(findGaps(criteria)[0]!, 'Care leavers', 'G1')
    assert.equal(item.leadOfficer, 'Simon Cribbens')
    assert.match(item.action, /not met for good/)
    assert.equal(item.sourceReference, 'Gap analysis: d')
  })
})
