import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { listFrameworks } from '../../../src/domain/frameworks/index.js'
import { signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

describe('framework pages', () => {
  let t: TestApp
  let agent: Awaited<ReturnType<typeof signedInAgent>>
  before(async () => {
    t = await startTestApp()
    agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
  })
  after(async () => t.close())

  it('lists every framework and shows each with its rules and their sources', async () => {
    const list = await agent.get('/frameworks').expect(200)
    for (const framework of listFrameworks()) {
      assert.match(list.text, new RegExp(`href="/frameworks/${framework.id}"`))
      const page = await agent.get(`/frameworks/${framework.id}`).expect(200)
      assert.match(page.text, /Source: /, `${framework.id} shows sources`)
      assert.match(page.text, /Inspection and visit types/)
    }
    const sif = await agent.get('/frameworks/sif-2013').expect(200)
    assert.match(sif.text, /Any key judgement of inadequate makes overall effectiveness inadequate\./)
    assert.match(sif.text, /seed 002 §5\.6/)
    assert.match(sif.text, /held in 37 of 40/)
    const slac = await agent.get('/frameworks/slac-2009').expect(200)
    assert.match(slac.text, /Documents the council must have ready/)
    assert.match(slac.text, /Interviews and meetings/)
    assert.match(slac.text, /Case sampling/)
    assert.match(slac.text, /Timeline parameters/)
    const ucra = await agent.get('/frameworks/ucra-2009').expect(200)
    assert.match(ucra.text, /Descriptors and criteria|Evaluation areas/)
  })

  it('answers 404 for an unknown framework, without echoing it', async () => {
    for (const path of ['/frameworks/no-such', '/frameworks/no-such/simulator', '/frameworks/%3Cscript%3E/timeline']) {
      const response = await agent.get(path)
      assert.equal(response.status, 404, path)
      assert.doesNotMatch(response.text, /<script>/)
    }
  })

  it('judges grades from a GET form, explains why with sources, and shows the what-if', async () => {
    const response = await agent
      .get('/frameworks/sif-2013/simulator')
      .query({ 'grade-help-and-protection': 'inadequate', whatIfJudgement: 'help-and-protection', whatIfGrade: 'good' })
      .expect(200)
    assert.match(response.text, /Overall effectiveness is inadequate\./)
    assert.match(response.text, /key-inadequate-makes-overall-inadequate/)
    assert.match(response.text, /seed 002 §5\.6/)
    assert.match(response.text, /lifts the cap on overall effectiveness to outstanding/)
    assert.match(response.text, /value="inadequate" checked/)
  })

  it('shows a GOV.UK error summary for a grade not in the scale, with status 400', async () => {
    const response = await agent
      .get('/frameworks/sif-2013/simulator')
      .query({ 'grade-help-and-protection': '<b>adequate</b>', whatIfJudgement: 'lscb', whatIfGrade: '' })
    assert.equal(response.status, 400)
    assert.match(response.text, /There is a problem/)
    assert.match(
      response.text,
      /href="#grade-help-and-protection">Select a grade for the experiences and progress of children who need help and protection from the list/,
    )
    assert.match(
      response.text,
      /Select a grade for the effectiveness of the local safeguarding children board to change it to|to change it to/,
    )
    assert.doesNotMatch(response.text, /<b>adequate<\/b>/)
  })

  it('plans a timeline across a bank-holiday week', async () => {
    const response = await agent
      .get('/frameworks/ucra-2009/timeline')
      .query({ type: 'inspection', event: 'fieldwork-end', 'date-day': '27', 'date-month': '5', 'date-year': '2022' })
    assert.equal(response.status, 200, response.text.slice(0, 500))
    // Five working days after Friday 27 May 2022 skip the Spring and Platinum Jubilee bank holidays (2 and 3 June).
    assert.match(response.text, /<time datetime="2022-06-07">Tuesday 7 June 2022<\/time>/)
    assert.match(response.text, /seed 001 §40/)
  })

  it('refuses a bad timeline date or an event the type does not have, precisely', async () => {
    const badDate = await agent
      .get('/frameworks/ucra-2009/timeline')
      .query({ type: 'inspection', event: 'fieldwork-end', 'date-day': '30', 'date-month': '2', 'date-year': '2022' })
    assert.equal(badDate.status, 400)
    assert.match(badDate.text, /href="#date-day">The date of that event must be a real date/)
    const outside = await agent
      .get('/frameworks/ucra-2009/timeline')
      .query({ type: 'inspection', event: 'fieldwork-end', 'date-day': '1', 'date-month': '1', 'date-year': '1990' })
    assert.equal(outside.status, 400)
    assert.match(outside.text, /outside the .*calendar/)
    const noEvent = await agent
      .get('/frameworks/ilacs-2023/timeline')
      .query({ type: 'standard-inspection', 'date-day': '1' })
    assert.equal(noEvent.status, 400)
    assert.match(noEvent.text, /Select the event you know the date of/)
  })

  it('marks the Frameworks module as built in the navigation', async () => {
    const home = await agent.get('/').expect(200)
    assert.doesNotMatch(home.text, /href="\/frameworks">Frameworks<\/a>\s*<strong class="govuk-tag govuk-tag--grey/)
  })
})
