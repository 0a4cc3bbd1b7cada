import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { getFramework } from '../../../src/domain/frameworks/index.js'
import { judgeQuerySchema, timelineQuerySchema } from '../../../src/web/routes/frameworks/api/schemas.js'
import { judgementTree, offsetText } from '../../../src/web/routes/frameworks/browser/viewModel.js'
import { dateInputSchema, errorLinks } from '../../../src/web/routes/frameworks/dateInput.js'
import { simulatorQuerySchema } from '../../../src/web/routes/frameworks/simulator/schemas.js'

describe('frameworks web forms', () => {
  const date = dateInputSchema('date', 'the date of that event')
  const parts = (day: string, month: string, year: string) => ({
    'date-day': day,
    'date-month': month,
    'date-year': year,
  })

  it('turns a GOV.UK date input into YYYY-MM-DD with the Design System’s messages', () => {
    assert.deepEqual(date.safeParse(parts('3', '6', '2022')).data, '2022-06-03')
    const message = (value: ReturnType<typeof parts>) => date.safeParse(value).error?.issues[0]?.message
    assert.equal(message(parts('', '', '')), 'Enter the date of that event')
    assert.equal(message(parts('3', '', '')), 'The date of that event must include a month and year')
    assert.equal(message(parts('31', '4', '2022')), 'The date of that event must be a real date')
    assert.equal(message(parts('1', '1', '22')), 'The date of that event must be a real date')
    assert.equal(message(parts('<b>', '1', '2022')), 'The date of that event must be a real date')
  })

  it('links date errors to the day field', () => {
    assert.deepEqual(errorLinks({ date: 'Enter a date', type: 'Select' }, ['date']), [
      { text: 'Enter a date', href: '#date-day' },
      { text: 'Select', href: '#type' },
    ])
  })

  it('accepts only grades from each judgement’s scale in the simulator', () => {
    const schema = simulatorQuerySchema(getFramework('sif-2013'))
    const base = { whatIfJudgement: '', whatIfGrade: '', 'grade-help-and-protection': 'inadequate' }
    assert.ok(schema.safeParse(base).success)
    const bad = schema.safeParse({ ...base, 'grade-help-and-protection': 'adequate' })
    assert.equal(bad.error?.issues[0]?.path[0], 'grade-help-and-protection')
    const whatIf = schema.safeParse({ ...base, whatIfJudgement: 'help-and-protection', whatIfGrade: '' })
    assert.equal(whatIf.error?.issues[0]?.path[0], 'whatIfGrade')
  })

  it('reads repeatable JUDGEMENT=GRADE pairs in the API, refusing malformed and repeated ones', () => {
    assert.deepEqual(judgeQuerySchema.parse({ set: ['a=b', 'c=d'] }).set, { a: 'b', c: 'd' })
    assert.deepEqual(judgeQuerySchema.parse({ set: 'a=b' }).set, { a: 'b' })
    assert.match(judgeQuerySchema.safeParse({ set: 'a' }).error?.issues[0]?.message ?? '', /expects JUDGEMENT=GRADE/)
    assert.match(judgeQuerySchema.safeParse({ set: ['a=b', 'a=c'] }).error?.issues[0]?.message ?? '', /more than once/)
    assert.ok(!timelineQuerySchema.safeParse({ anchor: 'notification' }).success)
  })

  it('nests judgements as the report does, and describes offsets in words', () => {
    const tree = judgementTree(getFramework('sif-2013'))
    const overall = tree.find(node => node.judgement.id === 'overall-effectiveness')
    assert.ok(overall?.children.some(child => child.judgement.id === 'help-and-protection'))
    assert.equal(offsetText({ workingDays: 5 }), '5 working days')
    assert.equal(offsetText({ months: 1, calendarDays: 1 }), '1 month and 1 calendar day')
    assert.equal(offsetText(undefined), 'The same day')
  })
})
