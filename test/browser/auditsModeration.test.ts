import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { CHILDS_JOURNEY_AUDIT, questionsOf } from '../../src/domain/audits/index.js'
import { addWorkingDays } from '../../src/domain/calendar/index.js'
import { englandDate } from '../../src/services/audits/today.js'
import { systemContext } from '../../src/services/context.js'
import { contextOf, importSyntheticRun } from '../integration/audits/fixtures.js'
import { answersFor } from '../integration/audits/roundFixture.js'
import {
  assertAccessible,
  browserTestsSkipped,
  describePage,
  launchBrowser,
  newContext,
  signIn,
} from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

const SECOND_AUDITOR = 'second.auditor.a@example.test'

/** Grades every question of the moderation form: "Good" or "Yes", and the overall grade "Good". */
async function gradeEverything(page: Page) {
  for (const question of questionsOf(CHILDS_JOURNEY_AUDIT))
    await page
      .getByRole('group', { name: question.label, exact: true })
      .getByLabel(question.scale === 'ofsted-4' ? 'Good' : 'Yes', { exact: true })
      .check()
  await page.getByRole('group', { name: 'Overall grade' }).getByLabel('Good', { exact: true }).check()
}

/**
 * Moderation by an auditor a lead assigned, and a safeguarding concern escalated to a named lead: a lead assigns a
 * second auditor, who finds the audit under "To moderate" and moderates it, seeing the agreement; an auditor raises a
 * concern naming a lead (after the errors for no manager and for a manager without an account but no name), who sees
 * it at the top of /audits and acknowledges it. Axe on every page with JavaScript on; then the assignment and
 * moderation forms again with JavaScript off, and the moderator raises a concern naming a manager without an account.
 */
describe('moderation assignments and safeguarding concerns in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  /** [0] and [2] submitted (to moderate), [1] in progress (for the concern). */
  let ids: string[]
  before(async () => {
    t = await startTestApp({ listen: true })
    const runId = await importSyntheticRun(t, 'orgA', 200)
    await t.services.users.create(systemContext(t.orgA.organisationId, 'test'), {
      email: SECOND_AUDITOR,
      displayName: 'Second Auditor A',
      role: 'auditor',
      password: TEST_PASSWORD,
    })
    const lead = contextOf(t, 'orgA', 'lead')
    const auditor = contextOf(t, 'orgA', 'auditor')
    const { samples, caseAudits } = t.services.audits
    const drawn = await samples.draw(lead, { runId, plan: 'sif-2013-case-audit', seed: 'moderation-browser' })
    ids = await caseAudits.assignSample(lead, {
      sampleId: drawn.sampleId,
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
      childIds: drawn.cases.slice(0, 3).map(item => item.childId),
    })
    for (const auditId of [ids[0]!, ids[2]!])
      await caseAudits.record(
        auditor,
        auditId,
        { answers: answersFor(CHILDS_JOURNEY_AUDIT, 'requires-improvement'), overallGrade: 'requires-improvement' },
        { submit: true },
      )
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  it(
    'assigns, moderates, escalates and acknowledges, each page passing axe (JavaScript on)',
    { timeout: 120_000 },
    async () => {
      const contexts: BrowserContext[] = []
      const open = async () => {
        const context = await newContext(browser)
        contexts.push(context)
        return context.newPage()
      }
      const lead = await open()
      const moderator = await open()
      const auditor = await open()
      let current = lead
      try {
        await signIn(lead, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
        await lead.goto(`${t.baseUrl}/audits/case-audits/${ids[0]!}`)
        await lead.getByRole('link', { name: 'Assign a moderator' }).click()
        await lead.getByRole('heading', { name: /^Assign a moderator/ }).waitFor()
        await assertAccessible(lead, 'assign a moderator')
        await lead.getByRole('button', { name: 'Assign moderator' }).click()
        await lead.getByRole('link', { name: 'Select who will moderate this audit' }).waitFor()
        await assertAccessible(lead, 'assign a moderator with errors')
        await lead.getByLabel('Moderator').selectOption({ label: 'Second Auditor A (auditor)' })
        await lead.getByRole('button', { name: 'Assign moderator' }).click()
        await lead
          .getByText(/Second Auditor A has been asked to moderate this audit by/)
          .first()
          .waitFor()
        await assertAccessible(lead, 'audit with a moderator assigned')

        current = moderator
        await signIn(moderator, t.baseUrl!, SECOND_AUDITOR, TEST_PASSWORD)
        await moderator.goto(`${t.baseUrl}/audits`)
        await moderator.getByRole('heading', { name: 'To moderate' }).waitFor()
        await assertAccessible(moderator, 'audits home with an audit to moderate')
        await moderator.getByRole('link', { name: /^Moderate the audit of child/ }).click()
        await moderator.getByRole('heading', { name: /^Moderate the audit/ }).waitFor()
        await moderator.getByText('5 working days left').waitFor()
        await assertAccessible(moderator, 'moderation form (assigned auditor)')
        // The moderator can raise a safeguarding concern here.
        await moderator.getByText('Raise a safeguarding concern').click()
        await moderator.getByLabel('A manager without an account').check()
        await moderator.getByLabel(/Name of the manager you told/).waitFor()
        await assertAccessible(moderator, 'moderation form with the concern form open')
        await moderator.getByRole('button', { name: 'Record moderation' }).click()
        await moderator.getByRole('link', { name: 'Select an overall grade' }).waitFor()
        await assertAccessible(moderator, 'moderation form with errors')
        await gradeEverything(moderator)
        await moderator.getByRole('button', { name: 'Record moderation' }).click()
        const count = questionsOf(CHILDS_JOURNEY_AUDIT).length
        await moderator.getByText(`Moderation recorded: agreed on 0 of ${count} questions`).waitFor()
        assert.match(
          (await moderator.locator('#moderation-agreement').textContent()) ?? '',
          /Moderated by Second Auditor A/,
        )
        await moderator.getByRole('table', { name: 'Questions where the auditors disagreed' }).waitFor()
        await assertAccessible(moderator, 'moderated audit (assigned auditor)')
        await moderator.goto(`${t.baseUrl}/audits`)
        await moderator.getByText('No audits are waiting for you to moderate.').waitFor()

        current = auditor
        await signIn(auditor, t.baseUrl!, t.orgA.users.auditor.email, TEST_PASSWORD)
        await auditor.goto(`${t.baseUrl}/audits/case-audits/${ids[1]!}`)
        await auditor.getByText('Raise a safeguarding concern').click()
        await auditor.getByRole('button', { name: 'Raise safeguarding concern' }).click()
        await auditor.getByRole('link', { name: 'Select the manager you have told' }).waitFor()
        await assertAccessible(auditor, 'audit with a concern error')
        await auditor.getByLabel('A manager without an account').check()
        await auditor.getByRole('button', { name: 'Raise safeguarding concern' }).click()
        await auditor.getByRole('link', { name: 'Enter the name of the manager you told' }).waitFor()
        await assertAccessible(auditor, 'audit with a missing manager name')
        await auditor.getByRole('link', { name: 'Enter the name of the manager you told' }).click()
        assert.equal(
          await auditor.evaluate(
            () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
          ),
          'managerName',
          'the link focuses the field',
        )
        await auditor.getByLabel('Test lead A (lead)', { exact: true }).check()
        await auditor.getByRole('button', { name: 'Raise safeguarding concern' }).click()
        await auditor.getByText(/Safeguarding concern raised\. Test lead A was named/).waitFor()
        await assertAccessible(auditor, 'audit with a concern raised')

        current = lead
        await lead.goto(`${t.baseUrl}/dashboard`)
        await lead.getByText(/1 safeguarding concern from a case audit names you/).waitFor()
        await assertAccessible(lead, 'dashboard with a concern')
        await lead.goto(`${t.baseUrl}/audits`)
        await lead.getByText('1 safeguarding concern names you as the manager told').waitFor()
        await assertAccessible(lead, 'audits home with a concern for the lead')
        await lead.getByRole('link', { name: /^Acknowledge the concern about child/ }).click()
        await lead.getByRole('button', { name: 'Acknowledge concern' }).click()
        await lead.getByRole('link', { name: 'Enter what you have done about the concern' }).waitFor()
        await assertAccessible(lead, 'acknowledge with errors')
        await lead
          .getByLabel(/Acknowledge this concern/)
          .fill('Spoke to the team manager; a strategy discussion is booked.')
        await lead.getByRole('button', { name: 'Acknowledge concern' }).click()
        await lead.getByText('Safeguarding concern acknowledged.', { exact: false }).first().waitFor()
        await lead.getByText('Spoke to the team manager; a strategy discussion is booked.').waitFor()
        await assertAccessible(lead, 'audit with the concern acknowledged')
        await lead.goto(`${t.baseUrl}/audits`)
        assert.equal(await lead.locator('#concerns-banner-title').count(), 0, 'the banner has gone')
      } catch (error) {
        throw new Error(`Journey failed at ${current.url()}: ${await describePage(current)}`, { cause: error })
      } finally {
        for (const context of contexts) await context.close()
      }
    },
  )

  it('assigns a moderator, moderates and raises a concern with JavaScript off', { timeout: 90_000 }, async () => {
    const leadContext = await newContext(browser, { javaScript: false })
    const moderatorContext = await newContext(browser, { javaScript: false })
    const lead = await leadContext.newPage()
    const moderator = await moderatorContext.newPage()
    let current = lead
    try {
      await signIn(lead, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
      await lead.goto(`${t.baseUrl}/audits/case-audits/${ids[2]!}/moderator`)
      await lead.getByLabel('Day').fill('')
      await lead.getByRole('button', { name: 'Assign moderator' }).click()
      await lead.getByRole('link', { name: 'Select who will moderate this audit' }).waitFor()
      await lead.getByRole('link', { name: 'The date the moderation is due must include a day' }).waitFor()
      await lead.getByLabel('Moderator').selectOption({ label: 'Second Auditor A (auditor)' })
      const due = addWorkingDays(englandDate(new Date()), 3)
      await lead.getByLabel('Day').fill(String(Number(due.slice(8))))
      await lead.getByLabel('Month').fill(String(Number(due.slice(5, 7))))
      await lead.getByLabel('Year').fill(due.slice(0, 4))
      await lead.getByRole('button', { name: 'Assign moderator' }).click()
      await lead
        .getByText(/Second Auditor A has been asked to moderate this audit by/)
        .first()
        .waitFor()

      current = moderator
      await signIn(moderator, t.baseUrl!, SECOND_AUDITOR, TEST_PASSWORD)
      await moderator.goto(`${t.baseUrl}/audits`)
      await moderator.getByRole('link', { name: /^Moderate the audit of child/ }).click()
      await moderator.getByRole('heading', { name: /^Moderate the audit/ }).waitFor()
      await moderator.getByRole('button', { name: 'Record moderation' }).click()
      await moderator.getByRole('link', { name: 'Select an overall grade' }).waitFor()
      await gradeEverything(moderator)
      await moderator.getByRole('button', { name: 'Record moderation' }).click()
      await moderator.getByText(/Moderation recorded: agreed on 0 of/).waitFor()
      await moderator.getByRole('table', { name: 'Questions where the auditors disagreed' }).waitFor()

      // A concern told to a manager without an account: the name input shows without JavaScript, and is required.
      await moderator.getByText('Raise a safeguarding concern').click()
      assert.equal(await moderator.getByLabel(/Name of the manager you told/).isVisible(), true)
      await moderator.getByLabel('A manager without an account').check()
      await moderator.getByRole('button', { name: 'Raise safeguarding concern' }).click()
      await moderator.getByRole('link', { name: 'Enter the name of the manager you told' }).waitFor()
      await moderator.getByLabel(/Name of the manager you told/).fill('Jo Smith, team manager')
      await moderator.getByRole('button', { name: 'Raise safeguarding concern' }).click()
      await moderator.getByText(/Safeguarding concern recorded: Jo Smith, team manager has been named/).waitFor()
      await moderator
        .getByText(/A safeguarding concern has been raised on this audit\. Jo Smith, team manager was named/)
        .waitFor()
    } catch (error) {
      throw new Error(`Journey failed at ${current.url()}: ${await describePage(current)}`, { cause: error })
    } finally {
      await leadContext.close()
      await moderatorContext.close()
    }
  })
})
