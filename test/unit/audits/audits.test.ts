import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  agreementBetween,
  aggregateGrades,
  AUDIT_TEMPLATES,
  auditDueDate,
  checkAnswers,
  CHILDS_JOURNEY_AUDIT,
  countdown,
  findAuditTemplate,
  questionsOf,
  suggestThemes,
  themeCounts,
} from '../../../src/domain/audits/index.js'

describe('audit templates', () => {
  it('holds the 18 effective-practice criteria of the unannounced inspection as yes / partly / no questions', () => {
    const template = findAuditTemplate('ucra-effective-practice')!
    const questions = questionsOf(template)
    assert.equal(questions.length, 18)
    assert.ok(questions.every(question => question.scale === 'yes-partly-no'))
    assert.match(questions[0]!.label, /^Practice and procedures manage risk of harm/)
  })

  it('gives every question a unique id within its template', () => {
    for (const template of AUDIT_TEMPLATES) {
      const ids = questionsOf(template).map(question => question.id)
      assert.equal(new Set(ids).size, ids.length, template.id)
    }
  })
})

describe('checkAnswers', () => {
  const cases: [string, Record<string, { grade: string }>, boolean, string[]][] = [
    ['a blank draft', {}, false, []],
    ['an unknown question', { nope: { grade: 'good' } }, false, ['nope']],
    ['a grade from the wrong scale', { seen: { grade: 'good' } }, false, ['seen']],
    [
      'a submission with gaps',
      { risk: { grade: 'good' } },
      true,
      questionsOf(CHILDS_JOURNEY_AUDIT)
        .map(q => q.id)
        .filter(id => id !== 'risk'),
    ],
  ]
  for (const [name, answers, complete, questions] of cases) {
    it(name, () => {
      assert.deepEqual(
        checkAnswers(CHILDS_JOURNEY_AUDIT, answers, { complete })
          .map(problem => problem.question)
          .sort(),
        [...questions].sort(),
      )
    })
  }
})

describe('due dates on the working-day clock', () => {
  it('gives four working days from the call, skipping weekends and bank holidays', () => {
    assert.equal(auditDueDate('2024-03-27'), '2024-04-04') // Good Friday and Easter Monday skipped
    assert.equal(auditDueDate('2024-06-07'), '2024-06-13') // a Friday call: due the next Thursday
  })

  it('counts down to zero on the day and below once overdue', () => {
    assert.deepEqual(countdown('2024-06-07', '2024-06-13'), {
      due: '2024-06-13',
      workingDaysLeft: 4,
      status: 'on-track',
    })
    assert.equal(countdown('2024-06-13', '2024-06-13').status, 'due-today')
    assert.deepEqual(countdown('2024-06-14', '2024-06-13'), {
      due: '2024-06-13',
      workingDaysLeft: -1,
      status: 'overdue',
    })
  })
})

describe('moderation agreement', () => {
  const grades = ['outstanding', 'good', 'requires-improvement', 'inadequate']
  const ofstedQuestions = questionsOf(CHILDS_JOURNEY_AUDIT).filter(question => question.scale === 'ofsted-4')
  const answersArbitrary = fc
    .array(fc.constantFrom(...grades), { minLength: ofstedQuestions.length, maxLength: ofstedQuestions.length })
    .map(list => Object.fromEntries(list.map((grade, index) => [ofstedQuestions[index]!.id, { grade }])))

  it('is 100% against itself and symmetric between two auditors', () => {
    fc.assert(
      fc.property(answersArbitrary, answersArbitrary, (first, second) => {
        assert.equal(
          agreementBetween(
            CHILDS_JOURNEY_AUDIT,
            { answers: first, overall: 'good' },
            { answers: first, overall: 'good' },
          ).rate,
          100,
        )
        const ab = agreementBetween(
          CHILDS_JOURNEY_AUDIT,
          { answers: first, overall: null },
          { answers: second, overall: null },
        )
        const ba = agreementBetween(
          CHILDS_JOURNEY_AUDIT,
          { answers: second, overall: null },
          { answers: first, overall: null },
        )
        assert.equal(ab.agreed, ba.agreed)
        assert.equal(ab.agreed + ab.disagreements.length, ab.compared)
      }),
      { seed: 6, numRuns: 100 },
    )
  })
})

describe('aggregation and themes', () => {
  const audits = [
    {
      team: 'North',
      completedOn: '2024-05-02',
      overall: 'good',
      answers: { risk: { grade: 'good' } },
      themes: ['early-help'],
    },
    {
      team: 'North',
      completedOn: '2024-06-10',
      overall: 'inadequate',
      answers: { risk: { grade: 'inadequate' } },
      themes: ['early-help', 'voice-of-the-child'],
    },
    { team: null, completedOn: '2024-06-11', overall: 'good', answers: { risk: { grade: 'good' } }, themes: [] },
  ]
  it('counts grades by team, month and question', () => {
    assert.deepEqual(aggregateGrades(audits, 'team'), [
      { key: 'No team recorded', total: 1, grades: { good: 1 } },
      { key: 'North', total: 2, grades: { good: 1, inadequate: 1 } },
    ])
    assert.deepEqual(
      aggregateGrades(audits, 'month').map(row => [row.key, row.total]),
      [
        ['2024-05', 1],
        ['2024-06', 2],
      ],
    )
    assert.deepEqual(aggregateGrades(audits, 'question'), [
      { key: 'risk', total: 3, grades: { good: 2, inadequate: 1 } },
    ])
  })

  it('ranks themes by how many audits found them', () => {
    assert.deepEqual(themeCounts(audits)[0], { theme: 'early-help', audits: 2 })
  })

  it('suggests seed 004 themes from what the auditor wrote', () => {
    assert.ok(
      suggestThemes('Good multi-agency information sharing at the front door.').includes('multi-agency-working'),
    )
  })
})
