import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { seedDemoWorkspace } from '../../src/services/workspace/seedDemoWorkspace.js'
import { assertAccessible, browserTestsSkipped, launchBrowser, newContext, signIn } from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

const FIXTURE = path.resolve('test/fixtures/workspace/seed001-action-plan.csv')

describe('readiness workspace in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  before(async () => {
    t = await startTestApp({ listen: true })
    await seedDemoWorkspace(t.services.workspace, t.orgA.organisationId)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  async function visit(page: Page, path: string) {
    const response = await page.goto(`${t.baseUrl}${path}`)
    assert.equal(response?.status(), 200, path)
    await assertAccessible(page, path)
  }

  it('has no axe violations on any workspace page, including error states', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
    for (const path of ['/plans', '/plans/import', '/plans/rag-rules', '/self-evaluation']) await visit(page, path)
    await page.goto(`${t.baseUrl}/plans/import`)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('link', { name: 'Select a plan file' }).waitFor()
    await assertAccessible(page, 'import with errors')

    await page.goto(`${t.baseUrl}/plans`)
    await page.getByRole('link', { name: 'Inspection preparation work plan' }).click()
    await assertAccessible(page, 'plan')
    await page
      .getByRole('link', { name: /Continue monthly test runs/ })
      .first()
      .click()
    await assertAccessible(page, 'plan item')
    await page.getByRole('button', { name: 'Save override' }).click()
    await page.getByRole('link', { name: 'Select the RAG rating to show' }).waitFor()
    await assertAccessible(page, 'override with errors')

    await page.goto(`${t.baseUrl}/self-evaluation`)
    await page.getByRole('link', { name: 'Self-evaluation (draft)' }).click()
    await assertAccessible(page, 'self-evaluation')
    await page.getByRole('button', { name: 'Add criterion' }).click()
    await page.getByRole('link', { name: 'Enter the criterion' }).waitFor()
    await assertAccessible(page, 'self-evaluation with errors')
    await context.close()
  })

  for (const javaScript of [true, false]) {
    it(`imports a plan, updates an action, and overrides its RAG with a reason (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScript })
      const page = await context.newPage()
      await signIn(page, t.baseUrl!, t.orgA.users.analyst.email, TEST_PASSWORD)
      await page.goto(`${t.baseUrl}/plans/import`)
      await page.getByLabel('Plan file').setInputFiles(FIXTURE)
      await page.getByLabel('Plan title (optional)').fill(`Safeguarding action plan ${javaScript}`)
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('heading', { name: 'Choose the columns' }).waitFor()
      await page.getByRole('button', { name: 'Import with these columns' }).click()
      await page.getByText('Plan imported: 8 sections and 63 actions').waitFor()
      await page.getByRole('link', { name: /Revise current procedures to ensure/ }).click()
      await page.getByRole('heading', { name: 'Add a progress update' }).waitFor()

      const [year, month, day] = t.services.workspace.plans.today().split('-')
      await page.getByLabel('Day').fill(day!)
      await page.getByLabel('Month').fill(month!)
      await page.getByLabel('Year').fill(year!)
      await page.getByLabel('Off track').check()
      await page.getByLabel('What has happened').fill('Procedures redrafted; sign-off delayed')
      await page.getByRole('button', { name: 'Save update' }).click()
      await page.getByText('Progress update saved.').waitFor()
      assert.ok(await page.getByText('Procedures redrafted; sign-off delayed').isVisible())

      await page.getByRole('radio', { name: 'Amber' }).check()
      await page.getByLabel('Reason for the override').fill('New procedure agreed in principle by the board')
      await page.getByRole('button', { name: 'Save override' }).click()
      await page.getByText('RAG override saved.').waitFor()
      assert.ok(await page.getByText(/Overridden by .*: New procedure agreed in principle/).isVisible())
      assert.ok(await page.getByText(/Computed RAG: Red/).isVisible(), 'both values are shown')
      await context.close()
    })
  }
})
