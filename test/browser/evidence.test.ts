import assert from 'node:assert/strict'
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
import { minimalPdf } from '../support/evidenceFixtures.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

describe('evidence bank in the browser', { skip: browserTestsSkipped }, () => {
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

  async function journey(page: Page, javaScript: boolean) {
    // axe runs inside the page, so it needs JavaScript: the JavaScript-off pass proves the journey works.
    const checkAccessible = async (label: string) => (javaScript ? assertAccessible(page, label) : undefined)
    const title = `LSCB minutes ${javaScript ? 'October' : 'September'}`
    await signIn(page, t.baseUrl!, t.orgA.users.analyst.email, TEST_PASSWORD)

    await page.goto(`${t.baseUrl}/evidence`)
    await page.getByRole('heading', { name: 'Evidence bank', level: 1 }).waitFor()
    await checkAccessible('evidence list')
    await page.getByRole('link', { name: 'Add evidence' }).first().click()
    await page.getByRole('heading', { name: 'Add evidence' }).waitFor()
    await checkAccessible('add evidence')

    // Nothing filled in: one error summary naming every problem.
    await page.getByRole('button', { name: 'Add evidence' }).click()
    await page.getByRole('link', { name: 'Select a file' }).waitFor()
    assert.ok(await page.getByRole('link', { name: 'Enter a title' }).isVisible())
    await checkAccessible('add evidence with errors')

    // A web page renamed .pdf is refused with the reason.
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'minutes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    })
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Type of document').selectOption('minutes')
    await page.getByRole('button', { name: 'Add evidence' }).click()
    await page.getByRole('link', { name: /web page markup/ }).waitFor()

    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: `${title}.pdf`,
      mimeType: 'application/pdf',
      buffer: minimalPdf(title),
    })
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Type of document').selectOption('minutes')
    await page.getByLabel('Owner (optional)').fill('LSCB business manager')
    await page.getByLabel('Tags (optional)').fill('lscb, governance')
    await page
      .getByText('Inspection of safeguarding and looked after children services', { exact: false })
      .first()
      .click()
    await page.getByLabel('Required: Minutes of the last six Local Safeguarding Children Board meetings').check()
    await page.getByRole('button', { name: 'Add evidence' }).click()
    await page.getByText('Evidence added').waitFor()
    await page.getByRole('heading', { name: title, level: 1 }).waitFor()
    assert.ok(await page.getByRole('link', { name: /Minutes of the last six Local Safeguarding/ }).isVisible())
    await checkAccessible('evidence item')

    // A new version keeps the first.
    await page.getByLabel('New version of the file').setInputFiles({
      name: `${title} corrected.pdf`,
      mimeType: 'application/pdf',
      buffer: minimalPdf(`${title} corrected`),
    })
    await page.getByLabel('What changed (optional)').fill('Corrected attendance')
    await page.getByRole('button', { name: 'Upload version' }).click()
    await page.getByText('Version 2 uploaded').waitFor()
    assert.ok(await page.getByRole('link', { name: new RegExp(`Download ${title}.pdf`) }).isVisible())
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: new RegExp(`Download ${title} corrected.pdf`) }).click()
    assert.equal((await download).suggestedFilename(), `${title} corrected.pdf`)

    await page.getByRole('link', { name: /Edit details/ }).click()
    await page.getByRole('heading', { name: 'Edit details' }).waitFor()
    await checkAccessible('edit evidence')
    await page.getByLabel('Title').fill('')
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.getByRole('link', { name: 'Enter a title' }).waitFor()
    await checkAccessible('edit evidence with errors')
    await page.getByLabel('Title').fill(`${title} (approved)`)
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.getByText('Details saved.').waitFor()

    await page.goto(`${t.baseUrl}/evidence`)
    await page.getByLabel('Text').fill('approved')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('link', { name: `${title} (approved)` }).waitFor()
    await checkAccessible('evidence search results')

    await page.goto(`${t.baseUrl}/evidence/checklists`)
    await checkAccessible('checklists')
    await page.getByRole('link', { name: 'Inspection of safeguarding and looked after children services' }).click()
    await page.getByRole('heading', { name: 'Lists the authority must be able to produce' }).waitFor()
    assert.ok(
      await page
        .getByText(/of 6 items are in the bank/)
        .first()
        .isVisible(),
    )
    await checkAccessible('SLAC checklist')
    await page.goto(`${t.baseUrl}/evidence/checklists/ilacs-2023`)
    await checkAccessible('ILACS checklist')
    await page.goto(`${t.baseUrl}/evidence/policies`)
    await page.getByRole('heading', { name: 'Policies and procedures register' }).waitFor()
    await checkAccessible('policies register')
  }

  for (const javaScript of [true, false]) {
    it(
      `uploads, versions, edits, searches and checks evidence (JavaScript ${javaScript ? 'on' : 'off'})`,
      { timeout: 120_000 },
      async () => {
        const context = await newContext(browser, { javaScript })
        const page = await context.newPage()
        try {
          await journey(page, javaScript)
        } catch (error) {
          throw new Error(`Journey failed at ${page.url()}: ${await describePage(page)}`, { cause: error })
        } finally {
          await context.close()
        }
      },
    )
  }
})
