import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import { signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

describe('frameworks JSON API', () => {
  let t: TestApp
  let agent: Awaited<ReturnType<typeof signedInAgent>>
  before(async () => {
    t = await startTestApp()
    agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
  })
  after(async () => t.close())

  it('needs a session like the pages, and says so in JSON', async () => {
    const response = await request(t.app).get('/api/v1/frameworks').expect(401).expect('content-type', /json/)
    assert.match(response.body.error, /Sign in first/)
  })

  it('lists and shows frameworks', async () => {
    const list = await agent.get('/api/v1/frameworks').expect(200).expect('content-type', /json/)
    assert.ok(list.body.frameworks.some((f: { id: string }) => f.id === 'ilacs-2023'))
    const sif = await agent.get('/api/v1/frameworks/sif-2013').expect(200)
    assert.equal(sif.body.id, 'sif-2013')
    assert.ok(sif.body.rules.every((rule: { source: { ref: string } }) => rule.source.ref))
  })

  it('judges, with the shape the CLI prints', async () => {
    const response = await agent
      .get('/api/v1/frameworks/sif-2013/judge')
      .query('set=help-and-protection=inadequate&what-if=help-and-protection=good')
      .expect(200)
    const overall = response.body.judgements['overall-effectiveness']
    assert.deepEqual(
      { grade: overall.grade, min: overall.min, max: overall.max, determinedBy: overall.determinedBy },
      {
        grade: 'inadequate',
        min: 'inadequate',
        max: 'inadequate',
        determinedBy: ['key-inadequate-makes-overall-inadequate'],
      },
    )
    assert.ok(Array.isArray(response.body.firings) && Array.isArray(response.body.warnings))
    assert.match(response.body.whatIf.changes[0].sentence, /lifts the cap on overall effectiveness/)
  })

  it('dates a timeline and does working-day arithmetic', async () => {
    const timeline = await agent
      .get('/api/v1/frameworks/ucra-2009/timeline')
      .query({ anchor: 'fieldwork-end=2022-05-27' })
      .expect(200)
    const draft = timeline.body.milestones.find((m: { date: string }) => m.date === '2022-06-07')
    assert.ok(draft, JSON.stringify(timeline.body.milestones))
    assert.equal(draft.source, 'seed 001 §40')
    const added = await agent.get('/api/v1/working-days/add').query({ date: '2022-05-27', n: '5' }).expect(200)
    assert.equal(added.body.date, '2022-06-07')
    const between = await agent
      .get('/api/v1/working-days/between')
      .query({ from: '2022-05-27', to: '2022-06-07' })
      .expect(200)
    assert.equal(between.body.workingDays, 5)
  })

  it('answers bad input with a JSON message and never a stack trace', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/v1/frameworks/nope', 404, /Unknown framework 'nope'/],
      [
        '/api/v1/frameworks/sif-2013/judge?set=help-and-protection=adequate',
        400,
        /'adequate' is not a grade for 'help-and-protection'/,
      ],
      ['/api/v1/frameworks/sif-2013/judge?set=oops', 400, /set expects JUDGEMENT=GRADE/],
      ['/api/v1/frameworks/sif-2013/judge?empirical=maybe', 400, /empirical must be/],
      ['/api/v1/frameworks/ucra-2009/timeline', 400, /anchor is required/],
      ['/api/v1/frameworks/ucra-2009/timeline?anchor=fieldwork-end=2022-02-30', 400, /Not a calendar date/],
      ['/api/v1/frameworks/ucra-2009/timeline?anchor=lunch=2022-02-03', 400, /Unknown anchor event 'lunch'/],
      ['/api/v1/working-days/add?date=2022-01-01&n=lots', 400, /n must be a whole number/],
      ['/api/v1/working-days/add?date=1999-12-31&n=1', 400, /outside the/],
      ['/api/v1/working-days/between?from=2022-01-01', 400, /to is required/],
      ['/api/v1/frameworks/sif-2013/nothing-here', 404, /Not found/],
    ]
    for (const [path, status, message] of cases) {
      const response = await agent.get(path)
      assert.equal(response.status, status, `${path}: ${response.text}`)
      assert.match(response.headers['content-type'] ?? '', /json/, path)
      assert.match(response.body.error, message, path)
      assert.doesNotMatch(response.text, /at .*\.ts:\d+|node_modules/, `${path} leaks a stack`)
    }
  })
})
