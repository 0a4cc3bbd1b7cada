import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import {
  assertAccessible,
  browserTestsSkipped,
  describePage,
  launchBrowser,
  newContext,
  signIn,
} from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'
import { contextOf, importSyntheticRun } from '../integration/audits/fixtures.js'
import { completedRound } from '../integration/audits/roundFixture.js'

describe('audit extras in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  let round: Awaited<ReturnType<typeof completedRound>>
  let planId: string
  before(async () => {
    t = await startTestApp({ listen: true })
    browser = await launchBrowser()
    round = await completedRound(t, await importSyntheticRun(t, 'orgA'), 'browser')
    planId = (
      await t.services.workspace.plans.create(contextOf(t, 'orgA', 'lead'), { title: 'Our plan', kind: 'improvement' })
    ).planId
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  it('every page passes axe, with and without errors', { timeout: 90_000 }, async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    try {
      await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
      await page.goto(`${t.baseUrl}/audits/twenty-day-update`)
      await page.getByRole('heading', { name: 'Social work practice: 2 audits (66.7%)' }).waitFor()
      await assertAccessible(page, '20-day update')
      await page.goto(
        `${t.baseUrl}/audits/twenty-day-update?from-day=40&from-month=1&from-year=2026&to-day=1&to-month=2&to-year=2026`,
      )
      await page.getByRole('link', { name: /The start of the period must be a real date/ }).waitFor()
      await assertAccessible(page, '20-day update with errors')

      await page.goto(`${t.baseUrl}/audits/themes-to-plan?sample=${round.sampleId}&plan=${planId}`)
      await page.getByRole('button', { name: 'Add to the plan' }).click()
      await page.getByRole('link', { name: 'Select at least one theme' }).waitFor()
      await assertAccessible(page, 'themes to plan with errors')

      await page.goto(`${t.baseUrl}/audits/templates`)
      await assertAccessible(page, 'templates')
      await page.getByRole('button', { name: 'Create template' }).click()
      await page.getByRole('link', { name: 'Select the template to start from' }).waitFor()
      await assertAccessible(page, 'templates with errors')
      await page.goto(`${t.baseUrl}/audits/templates/childs-journey`)
      await assertAccessible(page, 'a built-in template')

      await page.goto(`${t.baseUrl}/audits/taxonomy`)
      await assertAccessible(page, 'taxonomy')
      await page.getByRole('button', { name: 'Add theme' }).click()
      await page.getByRole('link', { name: 'Enter a name for the theme' }).waitFor()
      await assertAccessible(page, 'taxonomy with errors')
      await page.goto(`${t.baseUrl}/audits/taxonomy/early-help`)
      await assertAccessible(page, 'one theme')
    } catch (error) {
      assert.fail(`${String(error)}\n${await describePage(page)}`)
    } finally {
      await context.close()
    }
  })

  it('adds themes to the plan and edits a template with JavaScript off', { timeout: 60_000 }, async () => {
    const context = await newContext(browser, { javaScript: false })
    const page = await context.newPage()
    try {
      await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
      await page.goto(`${t.baseUrl}/audits/themes-to-plan`)
      await page.getByLabel('Audit round (sample)').selectOption(round.sampleId)
      await page.getByLabel('Improvement plan').selectOption(planId)
      await page.getByRole('button', { name: 'Show themes' }).click()
      await page.locator('label', { hasText: 'Social work practice (2 audits)' }).click()
      await page.getByRole('button', { name: 'Add to the plan' }).click()
      await page.getByText('1 action added to the plan.').waitFor()
      await page.getByRole('link', { name: 'Action for Social work practice' }).click()
      await page
        .getByText(/Social work practice: tagged in 2 of 3 audits/)
        .first()
        .waitFor()

      await page.goto(`${t.baseUrl}/audits/templates`)
      await page.getByLabel('Start from').selectOption('childs-journey')
      await page.getByLabel('Name').fill('Browser audit')
      await page.getByLabel('Short id').fill('browser-audit')
      await page.getByRole('button', { name: 'Create template' }).click()
      await page.getByText('Template “Browser audit” created (version 1).').waitFor()
      await page.getByLabel('Sections and questions').fill('# Practice\nRisk management | ofsted-4')
      await page.getByRole('button', { name: 'Save version 2' }).click()
      await page.getByText('Version 2 saved.', { exact: false }).waitFor()
    } catch (error) {
      assert.fail(`${String(error)}\n${await describePage(page)}`)
    } finally {
      await context.close()
    }
  })
})
