import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import type { RequestContext } from '../../src/services/context.js'
import { seedDemoWorkspace } from '../../src/services/workspace/seedDemoWorkspace.js'
import { assertAccessible, browserTestsSkipped, launchBrowser, newContext, signIn } from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

const ODD_CSV = ['Thing,Who,When', 'Write the procedure,Jo,31/12/2026', 'Train staff,Sam,01/06/2026'].join('\n')

describe(
  'readiness dashboard, version comparison, action editing and column mapping in the browser',
  { skip: browserTestsSkipped },
  () => {
    let t: TestApp
    let browser: Browser
    let sefId: string
    before(async () => {
      t = await startTestApp({ listen: true })
      await seedDemoWorkspace(t.services.workspace, t.orgA.organisationId)
      const user = t.orgA.users.lead
      const lead: RequestContext = {
        actor: {
          kind: 'user',
          userId: user.userId,
          organisationId: t.orgA.organisationId,
          role: 'lead',
          label: 'Lead',
        },
      }
      const sefs = t.services.workspace.selfEvaluations
      sefId = (await sefs.create(lead, { frameworkId: 'ilacs-2023', title: 'Compared SEF' })).sefId
      let sef = await sefs.get(lead, sefId)
      const answer = (whatWeKnow: string, gradeId: string) => ({
        expectedLock: sef.version.lock,
        whatWeKnow,
        howWeKnow: '',
        ourPlans: '',
        gradeId,
        justification: '',
      })
      await sefs.saveArea(lead, sefId, 'care-leavers', answer('Most care leavers are in touch', 'requires-improvement'))
      sef = await sefs.get(lead, sefId)
      await sefs.submit(lead, sefId, sef.version.lock)
      await sefs.newVersion(lead, sefId)
      sef = await sefs.get(lead, sefId)
      await sefs.saveArea(lead, sefId, 'care-leavers', answer('Nearly all care leavers are in touch', 'good'))
      browser = await launchBrowser()
    })
    after(async () => {
      await browser?.close()
      await t?.close()
    })

    it('has no axe violations on the dashboard, comparison, edit, add and column pages, including error states', async () => {
      const context = await newContext(browser)
      const page = await context.newPage()
      await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
      await page.goto(`${t.baseUrl}/`)
      await page.getByRole('link', { name: 'Dashboard' }).first().click()
      await page.getByRole('heading', { name: 'Readiness dashboard' }).waitFor()
      await assertAccessible(page, 'dashboard')
      assert.ok(await page.locator('svg[role="img"]').first().isVisible(), 'charts are drawn')
      await page.goto(`${t.baseUrl}/dashboard?framework=nope`)
      await assertAccessible(page, 'dashboard with an error')

      await page.goto(`${t.baseUrl}/self-evaluation/${sefId}/compare`)
      await assertAccessible(page, 'compare versions')
      await page.goto(`${t.baseUrl}/self-evaluation/${sefId}/compare?from=2&to=2`)
      await assertAccessible(page, 'compare with an error')

      await page.goto(`${t.baseUrl}/plans`)
      await page.getByRole('link', { name: 'Inspection preparation work plan' }).click()
      await page.getByRole('link', { name: 'Add an action', exact: true }).click()
      await assertAccessible(page, 'add an action')
      await page.getByRole('button', { name: 'Add action' }).click()
      await page.getByRole('link', { name: 'Enter the action' }).waitFor()
      await assertAccessible(page, 'add an action with errors')
      await page.goto(`${t.baseUrl}/plans`)
      await page.getByRole('link', { name: 'Inspection preparation work plan' }).click()
      await page
        .getByRole('link', { name: /Continue monthly test runs/ })
        .first()
        .click()
      await page.getByRole('link', { name: /Edit this action/ }).click()
      await assertAccessible(page, 'edit an action')

      await page.goto(`${t.baseUrl}/plans/import`)
      await page
        .getByLabel('Plan file')
        .setInputFiles({ name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(ODD_CSV) })
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('heading', { name: 'Choose the columns' }).waitFor()
      await assertAccessible(page, 'choose the columns')
      await page.getByRole('button', { name: 'Import with these columns' }).click()
      await page.getByRole('link', { name: 'Select the column that holds the actions' }).waitFor()
      await assertAccessible(page, 'choose the columns with errors')
      await page.getByRole('button', { name: 'Cancel and delete the upload' }).click()
      await page.getByText('Import cancelled').waitFor()
      await context.close()
    })

    for (const javaScript of [true, false]) {
      it(`maps columns, edits an action, compares versions and reads the dashboard (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
        const context = await newContext(browser, { javaScript })
        const page = await context.newPage()
        await signIn(page, t.baseUrl!, t.orgA.users.analyst.email, TEST_PASSWORD)
        await page.goto(`${t.baseUrl}/plans/import`)
        await page
          .getByLabel('Plan file')
          .setInputFiles({ name: 'odd.csv', mimeType: 'text/csv', buffer: Buffer.from(ODD_CSV) })
        await page.getByLabel('Plan title (optional)').fill(`Mapped plan ${javaScript}`)
        await page.getByRole('button', { name: 'Continue' }).click()
        await page.getByLabel('Action (required)').selectOption({ label: 'Column 1: Thing' })
        await page.getByLabel('Lead officer').selectOption({ label: 'Column 2: Who' })
        await page.getByLabel('Completion date').selectOption({ label: 'Column 3: When' })
        await page.getByRole('button', { name: 'Import with these columns' }).click()
        await page.getByText('Plan imported: 1 sections and 2 actions').waitFor()

        await page.getByRole('link', { name: 'Write the procedure' }).click()
        await page.getByRole('link', { name: /Edit this action/ }).click()
        await page.getByLabel('Lead officer').fill('Alex Smith')
        await page.getByRole('button', { name: 'Save changes' }).click()
        await page.getByText('Action saved.').waitFor()
        assert.ok(await page.getByText('Alex Smith').isVisible())

        await page.goto(`${t.baseUrl}/self-evaluation/${sefId}`)
        await page.getByRole('link', { name: 'Compare versions side by side' }).click()
        await page.getByRole('button', { name: 'Compare' }).click()
        assert.ok(await page.locator('#area-care-leavers ins').first().isVisible(), 'added words are marked')
        assert.ok(await page.getByText('1 of 4 judgement areas changed').isVisible())

        await page.goto(`${t.baseUrl}/dashboard`)
        await page.getByLabel('Framework').selectOption('ilacs-2023')
        await page.getByRole('button', { name: 'Show dashboard' }).click()
        await page.getByRole('heading', { name: 'Readiness dashboard' }).waitFor()
        assert.ok(await page.locator('#rag-chart-table').isVisible(), 'the table beside the chart')
        assert.ok(await page.getByRole('link', { name: 'Compared SEF' }).isVisible())
        await context.close()
      })
    }
  },
)
