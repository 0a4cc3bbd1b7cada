import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
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
 * A lead writes a sampling plan in the form (two strata, a filter, a preview), saves it and draws a sample with it;
 * pastes another as JSON; imports an audit template from JSON. With JavaScript on axe checks every page and error
 * state; the form journey runs again with JavaScript off.
 */
describe('sampling plans and template import in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  let runId: string
  before(async () => {
    t = await startTestApp({ listen: true })
    runId = await importSyntheticRun(t, 'orgA', 200)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  /** Fills the plan form (already open) with two strata, the second added with the "Add another stratum" button. */
  async function writePlan(page: Page, id: string, check: (label: string) => Promise<void>) {
    await page.getByLabel('Name', { exact: true }).fill(`Plan ${id}`)
    await page.getByLabel('Short id', { exact: true }).fill(id)
    await page.getByLabel('Across allocated teams').check()
    await page.getByLabel('Leave out cases audited in the last (optional)').fill('90')
    await page.getByLabel('Name of stratum 1').fill('Open child protection plans')
    await page
      .getByRole('group', { name: 'Annex A lists for stratum 1' })
      .getByLabel('List 7: Child protection')
      .check()
    await page.getByRole('group', { name: 'How many cases stratum 1 draws' }).getByLabel('A number of cases').check()
    await page.getByLabel('Number of cases for stratum 1').fill('3')
    await page.locator('#s0-f0-column').selectOption('cpEndDate')
    await page.locator('#s0-f0-operator').selectOption('blank')
    await page.getByRole('button', { name: 'Add another stratum' }).click()
    await page.getByLabel('Name of stratum 2').waitFor()
    await check('plan form with a second stratum')
    assert.equal(await page.getByLabel('Name of stratum 1').inputValue(), 'Open child protection plans')
    await page.getByLabel('Name of stratum 2').fill('Care leavers')
    await page.getByRole('group', { name: 'Annex A lists for stratum 2' }).getByLabel('List 9: Care leavers').check()
    await page.getByRole('group', { name: 'How many cases stratum 2 draws' }).getByLabel('A number of cases').check()
    await page.getByLabel('Number of cases for stratum 2').fill('2')
  }

  async function drawWith(page: Page, planLabel: string, seed: string) {
    await page.goto(`${t.baseUrl}/audits/samples/new`)
    await page.getByLabel(planLabel).check()
    await page.getByLabel('Seed (optional)').fill(seed)
    await page.getByRole('button', { name: 'Draw the sample' }).click()
    await page.getByText(`Sample drawn: 5 cases with seed ${seed}`).waitFor()
  }

  it(
    'writes, previews, saves and draws from a plan, and imports JSON, with axe on every page',
    { timeout: 120_000 },
    async () => {
      const context = await newContext(browser)
      const page = await context.newPage()
      const check = (label: string) => assertAccessible(page, label)
      try {
        await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
        await page.goto(`${t.baseUrl}/audits`)
        await page.getByRole('link', { name: 'Sampling plans' }).click()
        await page.getByRole('heading', { name: 'Sampling plans', level: 1 }).waitFor()
        await check('sampling plans')
        await page.getByRole('link', { name: 'Baseline audit of all open cases' }).click()
        await check('a built-in plan')
        await page.goto(`${t.baseUrl}/audits/sampling-plans/columns`)
        await check('columns and codes')

        await page.goto(`${t.baseUrl}/audits/sampling-plans`)
        await page.getByRole('button', { name: 'Create a plan' }).click()
        await page.getByRole('heading', { name: 'Create a sampling plan' }).waitFor()
        await check('plan form')
        await page.getByRole('button', { name: 'Save plan' }).click()
        await page.getByRole('link', { name: 'Enter a name for the plan' }).waitFor()
        await check('plan form with errors')
        // The summary's links take you to the field.
        await page.getByRole('link', { name: 'Enter a short id for the plan' }).click()
        assert.equal(
          await page.evaluate(
            () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
          ),
          'id',
        )

        await writePlan(page, 'cp-and-leavers', check)
        await page.getByLabel('Annex A test run').selectOption(runId)
        await page.getByRole('button', { name: 'Preview the draw' }).click()
        await page.locator('#preview-results').waitFor()
        await check('plan form with a preview')
        const rows = await page.locator('#preview-results tbody tr').allInnerTexts()
        assert.equal(rows.length, 2)
        assert.match(rows[0]!, /Open child protection plans/)
        await page.getByRole('button', { name: 'Save plan' }).click()
        await page.getByText('Plan “Plan cp-and-leavers” saved (version 1).').waitFor()
        await check('a stored plan')
        await page.getByRole('link', { name: 'Edit this plan', exact: true }).click()
        await page.getByRole('heading', { name: 'Edit Plan cp-and-leavers' }).waitFor()
        await check('editing a plan')

        await drawWith(page, 'Plan cp-and-leavers', 'plan-js')
        await check('a sample drawn with a stored plan')

        await page.goto(`${t.baseUrl}/audits/sampling-plans/import`)
        await check('plan JSON page')
        await page
          .getByLabel('The plan as JSON')
          .fill('{"id": "pasted", "label": "Pasted", "strata": [{"id": "x", "lists": [12], "quota": 0}]}')
        await page.getByRole('button', { name: 'Save plan' }).click()
        await page.getByRole('link', { name: /lists must list Annex A lists 1 to 11/ }).waitFor()
        await check('plan JSON page with errors')
        await page
          .getByLabel('The plan as JSON')
          .fill('{"id": "pasted", "label": "Pasted", "strata": [{"id": "x", "lists": [8], "quota": 2}]}')
        await page.getByRole('button', { name: 'Save plan' }).click()
        await page.getByText('Plan “Pasted” saved (version 1).').waitFor()
        await page.getByRole('link', { name: 'Edit this plan as JSON' }).click()
        await check('editing a plan as JSON')

        await page.goto(`${t.baseUrl}/audits/templates`)
        await page.getByRole('link', { name: 'Import a template from JSON' }).click()
        await page.getByRole('heading', { name: 'Import a template from JSON' }).waitFor()
        await check('template JSON import')
        await page
          .getByLabel('The template as JSON')
          .fill(
            '{"id": "imported", "label": "Imported", "sections": [{"label": "Plans", "questions": [{"label": "Risk", "scale": "five"}]}]}',
          )
        await page.getByRole('button', { name: 'Import template' }).click()
        await page
          .getByRole('link', { name: /Section 1 \(“Plans”\), question 1 \(“Risk”\): scale must be one of/ })
          .waitFor()
        await check('template JSON import with errors')
        await page
          .getByLabel('The template as JSON')
          .fill(
            '{"id": "imported", "label": "Imported", "sections": [{"label": "Plans", "questions": [{"label": "Risk"}]}]}',
          )
        await page.getByRole('button', { name: 'Import template' }).click()
        await page.getByText('Template “Imported” imported (version 1).').waitFor()
        await check('an imported template')
      } catch (error) {
        assert.fail(`${String(error)}\n${await describePage(page)}`)
      } finally {
        await context.close()
      }
    },
  )

  it('writes a plan in the form and draws from it with JavaScript off', { timeout: 120_000 }, async () => {
    const context = await newContext(browser, { javaScript: false })
    const page = await context.newPage()
    try {
      await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
      await page.goto(`${t.baseUrl}/audits/samples/new`)
      await page.getByRole('link', { name: 'See the sampling plans, or create your own' }).click()
      await page.getByRole('button', { name: 'Create a plan' }).click()
      await writePlan(page, 'no-script-plan', async () => undefined)
      await page.getByLabel('Annex A test run').selectOption(runId)
      await page.getByRole('button', { name: 'Preview the draw' }).click()
      await page.locator('#preview-results').waitFor()
      await page.getByRole('button', { name: 'Save plan' }).click()
      await page.getByText('Plan “Plan no-script-plan” saved (version 1).').waitFor()
      await drawWith(page, 'Plan no-script-plan', 'plan-no-js')
    } catch (error) {
      assert.fail(`${String(error)}\n${await describePage(page)}`)
    } finally {
      await context.close()
    }
  })
})
