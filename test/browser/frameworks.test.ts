import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { listFrameworks } from '../../src/domain/frameworks/index.js'
import { assertAccessible, browserTestsSkipped, launchBrowser, newContext, signIn } from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

describe('frameworks in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  before(async () => {
    t = await startTestApp({ listen: true })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  it('has no axe violations on any frameworks page, including error states', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, t.baseUrl!, t.orgA.users.analyst.email, TEST_PASSWORD)
    const paths = [
      '/frameworks',
      ...listFrameworks().map(framework => `/frameworks/${framework.id}`),
      '/frameworks/sif-2013/simulator',
      '/frameworks/ucra-2009/simulator',
      '/frameworks/sif-2013/simulator?grade-help-and-protection=inadequate&whatIfJudgement=help-and-protection&whatIfGrade=good',
      '/frameworks/sif-2013/simulator?grade-help-and-protection=nonsense&whatIfJudgement=lscb&whatIfGrade=',
      '/frameworks/ilacs-2023/timeline',
      '/frameworks/ilacs-2023/timeline?type=standard-inspection&event=notification&date-day=1&date-month=4&date-year=2025',
      '/frameworks/ilacs-2023/timeline?type=standard-inspection&event=&date-day=31&date-month=2&date-year=2025',
      '/frameworks/jtai/timeline',
      '/frameworks/history',
      '/frameworks/history/new',
      '/frameworks/history/new?framework=',
      '/frameworks/history/new?framework=ilacs-2023',
    ]
    for (const path of paths) {
      await page.goto(`${t.baseUrl}${path}`)
      await assertAccessible(page, path)
    }
    // The add form's error state, after Post/Redirect/Get.
    await page.goto(`${t.baseUrl}/frameworks/history/new?framework=ilacs-2023`)
    await page.getByRole('button', { name: 'Add inspection' }).click()
    await page.getByText('There is a problem').waitFor()
    await assertAccessible(page, 'add an inspection with errors')
    await context.close()
  })

  for (const javaScript of [true, false]) {
    it(`simulates judgements, plans a timeline and records an inspection (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScript })
      const page = await context.newPage()
      await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)

      await page.goto(`${t.baseUrl}/frameworks`)
      await page.getByRole('link', { name: /single inspection framework/i }).click()
      await page.getByRole('link', { name: 'Judgement simulator' }).click()
      await page
        .getByRole('group', { name: 'The experiences and progress of children who need help and protection' })
        .getByLabel('Inadequate')
        .check()
      await page.getByLabel('Judgement to change').selectOption('help-and-protection')
      await page.getByLabel('Change it to').selectOption('good')
      await page.getByRole('button', { name: 'Judge these grades' }).click()
      await page.getByText('Overall effectiveness is inadequate.').waitFor()
      assert.ok(await page.getByText(/lifts the cap on overall effectiveness to outstanding/).isVisible())

      await page.getByRole('link', { name: 'Timeline planner' }).click()
      await page.locator('input[name="type"]').first().check()
      await page.locator('input[name="event"][value="fieldwork-end"]').check()
      await page.getByLabel('Day').fill('27')
      await page.getByLabel('Month').fill('5')
      await page.getByLabel('Year').fill('2022')
      await page.getByRole('button', { name: 'Plan the timeline' }).click()
      await page.locator('[data-milestone]').first().waitFor()
      assert.ok((await page.locator('tbody tr').count()) > 1)

      await page.goto(`${t.baseUrl}/frameworks/history`)
      await page.getByRole('button', { name: 'Add an inspection' }).click()
      await page.getByLabel(/from January 2023/).check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('button', { name: 'Add inspection' }).click()
      await page.getByRole('link', { name: 'Select the type of inspection or visit' }).waitFor()
      await page.getByLabel('Standard inspection').check()
      await page.getByLabel('Day').fill('10')
      await page.getByLabel('Month').fill('7')
      await page.getByLabel('Year').fill(javaScript ? '2023' : '2022')
      await page.getByLabel('Overall effectiveness', { exact: true }).selectOption('good')
      const note = `<img src=x onerror=alert(1)> team ${javaScript ? 'on' : 'off'}`
      await page.getByLabel('Note (optional)').fill(note)
      await page.getByRole('button', { name: 'Add inspection' }).click()
      await page.getByText(/Added the standard inspection of/).waitFor()
      assert.equal(await page.locator('td', { hasText: note }).count(), 1, 'hostile text is shown as text')
      assert.equal(await page.locator('main img').count(), 0, 'and never as markup')
      assert.ok(await page.getByRole('heading', { name: 'Next inspection' }).isVisible())

      // A mistaken entry comes out again after a confirmation page.
      await page
        .locator('tr', { hasText: note })
        .getByRole('link', { name: /Remove/ })
        .click()
      await page.getByRole('heading', { name: 'Remove this inspection from your history?' }).waitFor()
      // axe runs in the page, so only where JavaScript is on.
      if (javaScript) await assertAccessible(page, 'remove an inspection')
      await page.getByRole('button', { name: 'Remove inspection' }).click()
      await page.getByText(/Removed the standard inspection of/).waitFor()
      assert.equal(await page.locator('td', { hasText: note }).count(), 0)
      await context.close()
    })
  }
})
