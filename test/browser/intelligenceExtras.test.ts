import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { systemContext } from '../../src/services/context.js'
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
const CPP_SUBSEQUENT = path.join(DATA, 'dfe', 'd3_cpps_subsequent_plan_2013_to_2025.csv')
const OFSTED_2025 = path.join(DATA, 'ofsted', 'LA_Inspection_Outcomes_as_at_31_March_2025.ods')

describe('intelligence extras in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  let importId: string
  before(async () => {
    t = await startTestApp({ listen: true })
    browser = await launchBrowser()
    await t.database.db
      .updateTable('organisation')
      .set({ la_code: '886' })
      .where('organisation_id', '=', t.orgA.organisationId)
      .execute()
    const context = systemContext(t.orgA.organisationId, 'test')
    const intelligence = t.services.intelligence.outcomes
    importId = (
      await intelligence.importIndicators(context, { content: await readFile(CPP_SUBSEQUENT), fileName: 'd3.csv' })
    ).importId
    await intelligence.importOutcomes(context, { content: await readFile(OFSTED_2025), fileName: 'outcomes.ods' })
    await t.database.db
      .insertInto('intelligence_report')
      .values({
        organisation_id: t.orgA.organisationId,
        report_id: randomUUID(),
        source_name: 'kent.pdf',
        pages: 10,
        authority: 'Kent',
        publication_date: '2022-07-05',
        grades: '[]',
        recommendations: JSON.stringify(['Partnership working at the front door.', 'The quality of plans.']),
        themes: '[]',
        problems: '[]',
        extracted_by_label: 'test',
      })
      .execute()
  })
  after(async () => {
    await browser?.close()
    await t?.close()
  })

  it('every new page passes axe, with and without errors', { timeout: 90_000 }, async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    try {
      await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)

      await page.goto(`${t.baseUrl}/intelligence/own-indicators`)
      await assertAccessible(page, 'own indicators, empty')
      await page.getByLabel('Value', { exact: true }).fill('lots')
      await page.getByRole('button', { name: 'Save value' }).click()
      await page.getByRole('link', { name: /Enter the year as 4 digits/ }).waitFor()
      await assertAccessible(page, 'own indicators with errors')
      await page.getByLabel('Indicator').selectOption('cpp-subsequent')
      await page.getByLabel('Year').fill('2025')
      await page.getByLabel('Value', { exact: true }).fill('21.5')
      await page.getByRole('button', { name: 'Save value' }).click()
      await page.getByText('Second or subsequent child protection plans for 2025 saved: 21.5.').waitFor()
      await assertAccessible(page, 'own indicators with a value')

      await page.goto(`${t.baseUrl}/intelligence/benchmarking?indicator=cpp-subsequent`)
      await page.getByLabel('Statistical neighbour model').selectOption('2021')
      await page.getByRole('button', { name: 'Show benchmark' }).click()
      await page.getByRole('table', { name: 'Our values against the published figures' }).waitFor()
      await page.getByText('Statistical neighbours, 2021 model').waitFor()
      await assertAccessible(page, 'benchmarking with our values')

      await page.goto(`${t.baseUrl}/intelligence/cycle`)
      await page.getByRole('table', { name: /Months since the last graded inspection/ }).waitFor()
      await assertAccessible(page, 'cycle')
      await page.goto(`${t.baseUrl}/intelligence/cycle?framework=nope`)
      await assertAccessible(page, 'cycle with errors')

      await page.goto(`${t.baseUrl}/intelligence/themes`)
      await assertAccessible(page, 'theme rules')
      await page.getByRole('link', { name: 'Change Multi-agency working' }).click()
      await page.getByLabel('Phrases').fill('partnership*\nzebra')
      await page.getByRole('button', { name: 'Preview matches' }).click()
      await page.getByText('These phrases match 1 recommendation in 1 of the stored reports.').waitFor()
      await assertAccessible(page, 'theme rule preview')
      await page.getByLabel('Phrases').fill('')
      await page.getByRole('button', { name: 'Save rule' }).click()
      await page.getByRole('link', { name: 'Enter at least one phrase, one a line' }).waitFor()
      await assertAccessible(page, 'theme rule with errors')
      await page.goto(`${t.baseUrl}/intelligence/themes/new`)
      await assertAccessible(page, 'new theme')

      await page.goto(`${t.baseUrl}/intelligence`)
      await assertAccessible(page, 'intelligence home with delete links')
      await page.goto(`${t.baseUrl}/intelligence/imports/${importId}/delete`)
      await page.getByRole('heading', { name: 'Delete the import of d3.csv?' }).waitFor()
      await assertAccessible(page, 'delete an import')
    } catch (error) {
      assert.fail(`${String(error)}\n${await describePage(page)}`)
    } finally {
      await context.close()
    }
  })

  it(
    'types in a value, saves a theme rule and deletes an import with JavaScript off',
    { timeout: 60_000 },
    async () => {
      const context = await newContext(browser, { javaScript: false })
      const page = await context.newPage()
      try {
        await signIn(page, t.baseUrl!, t.orgA.users.lead.email, TEST_PASSWORD)
        await page.goto(`${t.baseUrl}/intelligence/own-indicators`)
        await page.getByLabel('Indicator').selectOption('sw-caseload')
        await page.getByLabel('Year').fill('2024')
        await page.getByLabel('Value', { exact: true }).fill('17')
        await page.getByRole('button', { name: 'Save value' }).click()
        await page.getByText('Average caseload for 2024 saved: 17.').waitFor()

        await page.goto(`${t.baseUrl}/intelligence/themes/new`)
        await page.getByLabel('Theme id').fill('school-attendance')
        await page.getByLabel('Label').fill('School attendance')
        await page.getByLabel('Phrases').fill('attendance')
        await page.getByRole('button', { name: 'Save rule' }).click()
        await page.getByText('Theme “School attendance” saved.').waitFor()

        await page.goto(`${t.baseUrl}/intelligence/imports/${importId}/delete`)
        await page.getByRole('button', { name: 'Yes, delete it' }).click()
        await page.getByText('The import of d3.csv was deleted').waitFor()
        assert.equal(page.url(), `${t.baseUrl}/intelligence`)
      } catch (error) {
        assert.fail(`${String(error)}\n${await describePage(page)}`)
      } finally {
        await context.close()
      }
    },
  )
})
