import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import {
  assertAccessible,
  browserTestsSkipped,
  describePage,
  launchBrowser,
  newContext,
  signIn,
} from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

const DATA = path.resolve('..', 'shared', 'data')
const OUTCOMES = path.resolve('test/fixtures/intelligence/outcomes-table.csv')
const WORKFORCE = path.join(DATA, 'dfe', 'csww_indicators_2017_to_2025.csv')
const REPORT = path.join(DATA, 'ofsted', 'reports', 'kent_05-july-2022.pdf')

describe('intelligence in the browser', { skip: browserTestsSkipped }, () => {
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

  async function importFile(page: Page, file: string, kind: string) {
    await page.goto(`${t.baseUrl}/intelligence/import`)
    await page.getByLabel('File', { exact: true }).setInputFiles(file)
    await page.getByLabel(kind).check()
    await page.getByRole('button', { name: 'Import file' }).click()
    await page
      .getByText(/imported: \d+/)
      .waitFor()
      .catch(async () => assert.fail(await describePage(page)))
  }

  for (const javaScript of [true, false]) {
    it(
      `imports outcomes, statistics and a report, and every page passes axe (JavaScript ${javaScript ? 'on' : 'off'})`,
      { timeout: 90_000 },
      async () => {
        const context = await newContext(browser, { javaScript })
        const page = await context.newPage()
        // axe runs inside the page, so it needs JavaScript: the JavaScript-off pass proves the journey works.
        const checkAccessible = async (label: string) => (javaScript ? assertAccessible(page, label) : undefined)
        await signIn(page, t.baseUrl!, t.orgA.users.analyst.email, TEST_PASSWORD)

        await page.goto(`${t.baseUrl}/intelligence/import`)
        await checkAccessible('import')
        await page.getByRole('button', { name: 'Import file' }).click()
        await page.getByRole('link', { name: 'Select a file' }).waitFor()
        await checkAccessible('import with errors')

        await importFile(page, OUTCOMES, 'Published inspection outcomes')
        await page.getByRole('heading', { name: 'Grades by judgement' }).waitFor()
        await page.getByLabel('Local authority').fill('Kent')
        await page.getByRole('button', { name: 'Show outcomes' }).click()
        await page.getByRole('heading', { name: 'Kent: inspection history' }).waitFor()
        await checkAccessible('outcomes')
        await page.getByLabel('Local authority').fill('Atlantis')
        await page.getByRole('button', { name: 'Show outcomes' }).click()
        await page.getByRole('link', { name: /Enter the name or code/ }).waitFor()
        await checkAccessible('outcomes with errors')

        await importFile(page, WORKFORCE, 'DfE children’s social care statistics')
        await page.goto(`${t.baseUrl}/intelligence`)
        await checkAccessible('intelligence home')
        await page.getByRole('link', { name: 'Benchmarking' }).first().click()
        await page.getByLabel('Indicator').selectOption('sw-turnover')
        await page.getByLabel('Local authority').fill('Kent')
        await page.getByRole('button', { name: 'Show benchmark' }).click()
        await page.getByRole('img', { name: /Social worker turnover rate, 2025/ }).waitFor()
        await page.getByRole('table', { name: 'Every year' }).waitFor()
        await checkAccessible('benchmarking')
        const download = page.waitForEvent('download')
        await page.getByRole('link', { name: /Download every indicator for Kent/ }).click()
        assert.match((await download).suggestedFilename(), /^benchmarking-886\.xlsx$/)
        await page.goto(`${t.baseUrl}/intelligence/benchmarking?authority=Atlantis`)
        await checkAccessible('benchmarking with errors')

        await page.goto(`${t.baseUrl}/intelligence/reports`)
        await checkAccessible('reports, empty')
        await page.getByRole('button', { name: 'Read reports' }).click()
        await page.getByRole('link', { name: 'Select one or more report PDFs' }).waitFor()
        await checkAccessible('reports with errors')
        await page.getByLabel('Report PDFs').setInputFiles(REPORT)
        await page.getByRole('button', { name: 'Read reports' }).click()
        await page.getByText(/1 report read/).waitFor()
        await page.getByRole('table', { name: 'Reports with each theme' }).waitFor()
        await checkAccessible('reports')
        await context.close()
      },
    )
  }
})
