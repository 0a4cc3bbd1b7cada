import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { RequestContext } from '../../../src/services/context.js'
import { signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

describe('self-evaluation versions compared side by side', () => {
  let t: TestApp
  let sefId: string
  let lead: RequestContext
  before(async () => {
    t = await startTestApp()
    const user = t.orgA.users.lead
    lead = {
      actor: { kind: 'user', userId: user.userId, organisationId: t.orgA.organisationId, role: 'lead', label: 'Lead' },
    }
    const sefs = t.services.workspace.selfEvaluations
    sefId = (await sefs.create(lead, { frameworkId: 'ilacs-2023', title: 'SEF' })).sefId
    const area = (text: string, gradeId: string) => ({
      whatWeKnow: text,
      howWeKnow: 'Audits and performance data',
      ourPlans: '',
      gradeId,
      justification: '',
    })
    let sef = await sefs.get(lead, sefId)
    await sefs.saveArea(lead, sefId, 'help-and-protection', {
      expectedLock: sef.version.lock,
      ...area('Practice is good in most teams', 'requires-improvement'),
    })
    sef = await sefs.get(lead, sefId)
    await sefs.submit(lead, sefId, sef.version.lock)
    sef = await sefs.get(lead, sefId)
    await sefs.approve(lead, sefId, {
      expectedLock: sef.version.lock,
      board: 'Safeguarding Board',
      approvedOn: '2026-02-02',
    })
    await sefs.newVersion(lead, sefId)
    sef = await sefs.get(lead, sefId)
    await sefs.saveArea(lead, sefId, 'help-and-protection', {
      expectedLock: sef.version.lock,
      ...area('Practice is consistently good in all teams <b>bold</b>', 'good'),
    })
    sef = await sefs.get(lead, sefId)
    await sefs.rateCriterion(lead, sefId, sef.criteria[0]!.criterionId, {
      expectedLock: sef.version.lock,
      rating: 'met',
      differenceMade: '',
      evidence: '',
      owner: '',
    })
  })
  after(async () => t.close())

  it('shows grades and text changes per area, marked in words as well as strike-through and underline', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const sefPage = await agent.get(`/self-evaluation/${sefId}`).expect(200)
    assert.match(sefPage.text, new RegExp(`href="/self-evaluation/${sefId}/compare">Compare versions side by side`))
    const page = await agent.get(`/self-evaluation/${sefId}/compare`).expect(200)
    assert.match(page.text, /<option value="1" selected>Version 1 \(approved\)<\/option>/)
    assert.match(page.text, /<option value="2" selected>Version 2 \(draft\)<\/option>/)
    assert.match(page.text, /1 of 4 judgement areas changed, and 1 criteria ratings/)
    assert.match(page.text, /Approved by Lead at Safeguarding Board on 2 February 2026/)
    const area = page.text.slice(page.text.indexOf('id="area-help-and-protection"'))
    const table = area.slice(0, area.indexOf('</table>'))
    assert.match(table, /2 changes/)
    assert.match(table, /Requires improvement to be good<\/td><td class="govuk-table__cell"><strong>Good<\/strong>/)
    assert.match(
      table,
      /<del><span class="govuk-visually-hidden">\[Removed: <\/span>most<span class="govuk-visually-hidden">\]<\/span><\/del>/,
    )
    assert.match(
      table,
      /<ins><span class="govuk-visually-hidden">\[Added: <\/span>consistently <span class="govuk-visually-hidden">\]<\/span><\/ins>/,
    )
    assert.match(table, /&lt;b&gt;bold&lt;\/b&gt;/, 'answers are escaped')
    assert.match(
      table,
      /Audits and performance data<\/td><td class="govuk-table__cell">Audits and performance data<\/td><td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--grey">\s*No change/,
    )
    const untouched = page.text.slice(page.text.indexOf('id="area-care-leavers"'))
    assert.match(untouched.slice(0, untouched.indexOf('</table>')), /No changes/)
    assert.match(page.text, /Not assessed<\/td><td class="govuk-table__cell">Met<\/td>/)
  })

  it('puts the earlier version on the left whichever way round they were chosen; refuses bad choices', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const swapped = await agent.get(`/self-evaluation/${sefId}/compare?from=2&to=1`).expect(200)
    assert.match(swapped.text, /Version 1 and version 2:/)
    const same = await agent.get(`/self-evaluation/${sefId}/compare?from=2&to=2`).expect(400)
    assert.match(same.text, /href="#to">Select two different versions to compare/)
    const missing = await agent.get(`/self-evaluation/${sefId}/compare?from=9&to=2`).expect(400)
    assert.match(missing.text, /href="#from">Select a version from the list/)
    const junk = await agent.get(`/self-evaluation/${sefId}/compare?from=abc`).expect(400)
    assert.match(junk.text, /Select a version from the list/)
    const other = await signedInAgent(t.app, t.orgB.users.admin.email)
    await other.get(`/self-evaluation/${sefId}/compare`).expect(404)
  })
})
