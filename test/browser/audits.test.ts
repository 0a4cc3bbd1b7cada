import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { CHILDS_JOURNEY_AUDIT, questionsOf } from '../../src/domain/audits/index.js'
import { importSyntheticRun } from '../integration/audits/fixtures.js'
import {
  assertAccessible,
  browserTestsSkipped,
  describePage,
  launchBrowser,
  newContext,
  signIn,
} from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

/**
 * The four-day audit: a lead draws 18 cases from an Annex A test run and assigns them to an auditor; the auditor
 * records and submits with a safeguarding concern; the lead signs off; a second auditor moderates; the summary shows
 * it. Axe runs on every page; the whole journey runs again with JavaScript off.
 */
describe('sampling and audits in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  before(async () => {
    t = await startTestApp({ listen: true })
    await importSyntheticRun(t, 'orgA', 200)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  for (const javaScript of [true, false]) {
    it(`runs the four-day audit journey (JavaScript ${javaScript ? 'on' : 'off'})`, { timeout: 120_000 }, async () => {
      // axe runs inside the page, so it needs JavaScript: the JavaScript-off pass proves the journey works.
      const leadContext = await newContext(browser, { javaScript })
      const auditorContext = await newContext(browser, { javaScript })
      const adminContext = await newContext(browser, { javaScript })
      const lead = await leadContext.newPage()
      const auditor = await auditorContext.newPage()
      const admin = await adminContext.newPage()
      const check = async (page: Page, label: string) => (javaScript ? assertAccessible(page, label) : undefined)
      let current: Page = lead
      try {
        await signIn(lead, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
        await lead.goto(`${t.baseUrl}/audits`)
        await check(lead, 'audits home (lead)')
        await lead.getByRole('button', { name: 'Draw a sample' }).click()
        await lead.getByRole('heading', { name: 'Draw a sample' }).waitFor()
        await check(lead, 'draw a sample')
        await lead.getByLabel('Seed (optional)').fill('x'.repeat(101))
        await lead.getByRole('button', { name: 'Draw the sample' }).click()
        await lead.getByRole('link', { name: 'Select a sampling plan' }).waitFor()
        await check(lead, 'draw a sample with errors')
        await lead.getByLabel(/single inspection framework\): Cases audited by the local authority/).check()
        await lead.getByLabel('Seed (optional)').fill(`four-days-${javaScript ? 'on' : 'off'}`)
        await lead.getByRole('button', { name: 'Draw the sample' }).click()
        await lead.getByText(/Sample drawn: 18 cases/).waitFor()
        await check(lead, 'sample')

        // Redraw one case: the rest stay.
        const firstChild = await lead.locator('tbody th[scope="row"]').first().textContent()
        await lead
          .getByRole('button', { name: /^Redraw/ })
          .first()
          .click()
        await lead.getByText(/Every other case is unchanged/).waitFor()
        assert.notEqual(await lead.locator('tbody th[scope="row"]').first().textContent(), firstChild)

        // Assign every case to the auditor: due in 4 working days.
        await lead.getByRole('button', { name: 'Assign selected cases' }).click()
        await lead.getByRole('link', { name: 'Select who will carry out the audits' }).waitFor()
        await check(lead, 'sample with errors')
        await lead.getByLabel('Auditor').selectOption({ label: 'Test auditor A (auditor)' })
        await lead.getByRole('button', { name: /Assign every unassigned case/ }).click()
        await lead.getByText('18 cases assigned, due in 4 working days.').waitFor()
        await check(lead, 'sample, assigned')

        current = auditor
        await signIn(auditor, t.baseUrl!, t.orgA.users.auditor.email, TEST_PASSWORD)
        await auditor.goto(`${t.baseUrl}/audits`)
        await auditor.getByText('4 working days left').first().waitFor()
        await check(auditor, 'audits home (auditor)')
        // The first audit still in progress (the JavaScript-on pass has already submitted one).
        await auditor
          .locator('#my-audits tbody tr', { hasText: '4 working days left' })
          .first()
          .getByRole('link')
          .click()
        await auditor.getByRole('heading', { name: /^Audit of child/ }).waitFor()
        await check(auditor, 'audit form')

        // Submitting an incomplete audit shows what is missing.
        await auditor.getByRole('group', { name: 'Risk management' }).getByLabel('Good').check()
        await auditor.getByRole('button', { name: 'Submit audit' }).click()
        await auditor.getByRole('link', { name: 'Select an answer for contact and referral' }).waitFor()
        await check(auditor, 'audit form with errors')

        // A safeguarding concern, escalated at once to a named manager.
        if (!javaScript) await auditor.locator('summary', { hasText: 'Raise a safeguarding concern' }).click()
        else await auditor.getByText('Raise a safeguarding concern').click()
        await auditor.getByLabel('Test lead A (lead)', { exact: true }).check()
        await auditor.getByRole('button', { name: 'Raise safeguarding concern' }).click()
        await auditor.getByText(/Safeguarding concern raised\. Test lead A/).waitFor()

        for (const question of questionsOf(CHILDS_JOURNEY_AUDIT)) {
          const answer =
            question.id === 'supervision' ? 'Requires improvement' : question.scale === 'ofsted-4' ? 'Good' : 'Yes'
          await auditor
            .getByRole('group', { name: question.label, exact: true })
            .getByLabel(answer, { exact: true })
            .check()
        }
        await auditor.getByRole('group', { name: 'Overall grade' }).getByLabel('Good', { exact: true }).check()
        await auditor.getByLabel('Strengths').fill('The plan is clear and the child’s voice is heard.')
        await auditor.getByLabel('Areas for improvement').fill('Supervision is not recorded.')
        await auditor.getByLabel('Actions', { exact: true }).fill('Record supervision monthly.')
        await auditor.getByLabel('Early help').check()
        await auditor.getByRole('button', { name: 'Save draft' }).click()
        await auditor.getByText('Draft saved.').waitFor()
        await auditor.getByRole('button', { name: 'Submit audit' }).click()
        await auditor.getByText('Audit submitted. It can no longer be changed.').waitFor()
        await check(auditor, 'submitted audit')
        const auditUrl = auditor.url()

        current = lead
        await lead.goto(auditUrl)
        await lead.getByRole('link', { name: 'Record sign-off' }).click()
        await lead.getByRole('heading', { name: /^Sign off the audit/ }).waitFor()
        await check(lead, 'sign-off')
        await lead.getByRole('button', { name: 'Record sign-off' }).click()
        await lead.getByRole('link', { name: /Enter the name of the practitioner/ }).waitFor()
        await check(lead, 'sign-off with errors')
        await lead.getByLabel('Practitioner').fill('A Practitioner')
        await lead.getByLabel('Team manager').fill('A Manager')
        await lead.getByRole('button', { name: 'Record sign-off' }).click()
        await lead.getByText('Sign-off recorded.').waitFor()

        // Moderation by a second auditor (the administrator), grading independently.
        current = admin
        await signIn(admin, t.baseUrl!, t.orgA.users.admin.email, TEST_PASSWORD)
        await admin.goto(auditUrl)
        await admin.getByRole('link', { name: 'Moderate this audit' }).click()
        await admin.getByRole('heading', { name: /^Moderate the audit/ }).waitFor()
        await check(admin, 'moderate')
        await admin.getByRole('button', { name: 'Record moderation' }).click()
        await admin.getByRole('link', { name: 'Select an overall grade' }).waitFor()
        await check(admin, 'moderate with errors')
        for (const question of questionsOf(CHILDS_JOURNEY_AUDIT)) {
          const answer = question.scale === 'ofsted-4' ? 'Good' : 'Yes'
          await admin
            .getByRole('group', { name: question.label, exact: true })
            .getByLabel(answer, { exact: true })
            .check()
        }
        await admin.getByRole('group', { name: 'Overall grade' }).getByLabel('Good', { exact: true }).check()
        await admin.getByRole('button', { name: 'Record moderation' }).click()
        const count = questionsOf(CHILDS_JOURNEY_AUDIT).length
        await admin.getByText(`Moderation recorded: agreed on ${count - 1} of ${count} questions`).waitFor()
        await admin.getByRole('table', { name: 'Questions where the auditors disagreed' }).waitFor()
        await check(admin, 'moderated audit')

        current = lead
        await lead.goto(`${t.baseUrl}/audits/summary`)
        await lead.getByRole('img', { name: 'Overall grades by team' }).waitFor()
        await lead.getByRole('table', { name: 'Audits tagged with each theme, most frequent first' }).waitFor()
        assert.match((await lead.locator('#themes').textContent()) ?? '', /Early help/)
        await check(lead, 'summary')
        await lead.goto(`${t.baseUrl}/audits`)
        await check(lead, 'audits home with audits (lead)')
      } catch (error) {
        throw new Error(`Journey failed at ${current.url()}: ${await describePage(current)}`, { cause: error })
      } finally {
        await leadContext.close()
        await auditorContext.close()
        await adminContext.close()
      }
    })
  }
})
