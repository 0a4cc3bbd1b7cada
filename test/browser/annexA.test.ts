import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { assertAccessible, browserTestsSkipped, launchBrowser, newContext, signIn } from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'
import { syntheticCsvs, syntheticWorkbook, tempDir } from '../integration/annex-a/fixtures.js'
import path from 'node:path'

describe('Annex A in the browser', { skip: browserTestsSkipped }, () => {
  let t: TestApp
  let browser: Browser
  let dir: string
  let file: string
  before(async () => {
    t = await startTestApp({ listen: true })
    browser = await launchBrowser()
    dir = await tempDir()
    file = (await syntheticWorkbook(dir, { children: 150, errorRate: 0.1 })).file
  })
  after(async () => {
    await t?.services.annexAImports.stop()
    await browser?.close()
    await t?.close()
    if (dir) await fs.rm(dir, { recursive: true, force: true })
  })

  for (const javaScript of [true, false]) {
    it(
      `uploads a test run, with errors first, and every page passes axe (JavaScript ${javaScript ? 'on' : 'off'})`,
      { timeout: 120_000 },
      async () => {
        const context = await newContext(browser, { javaScript })
        const page = await context.newPage()
        // axe is injected as a script, which a JavaScript-off page never runs: the JS-on pass checks the same pages.
        const checkAccessible = (label: string) => (javaScript ? assertAccessible(page, label) : Promise.resolve())
        await signIn(page, t.baseUrl!, t.orgA.users.analyst.email, TEST_PASSWORD)
        await page.goto(`${t.baseUrl}/annex-a`)
        await checkAccessible('runs list')
        await page.getByRole('button', { name: 'Upload a test run' }).click()
        await checkAccessible('upload')

        await page.getByRole('button', { name: 'Upload and check' }).click()
        await page.getByRole('link', { name: 'Select an Annex A file' }).waitFor()
        await page.getByRole('link', { name: /Reference date must be a real date/ }).waitFor()
        await checkAccessible('upload with errors')

        await page.getByLabel('Annex A file').setInputFiles(file)
        await page.getByLabel('Day').fill('31')
        await page.getByLabel('Month').fill('3')
        await page.getByLabel('Year').fill('2024')
        await page.getByRole('button', { name: 'Upload and check' }).click()
        await page.getByText('Test run imported').waitFor()
        assert.match(page.url(), /\/annex-a\/runs\/[0-9a-f-]{36}$/)
        await checkAccessible('run page')

        await page.getByLabel('Severity').selectOption('error')
        await page.getByRole('button', { name: 'Filter issues' }).click()
        assert.match(page.url(), /severity=error/)
        await checkAccessible('run page filtered')
        const runUrl = page.url().replace(/\?.*$/, '')

        await page.locator('.app-table-wrapper a[href*="/issues/"]').first().click()
        await checkAccessible('issue detail')
        await page.getByLabel('Accepted (the data is right)').check()
        await page.getByRole('button', { name: 'Save status' }).click()
        await page.getByRole('link', { name: 'Enter why the issue is accepted' }).waitFor()
        await checkAccessible('issue status with errors')

        await page.goto(`${runUrl}/indicators`)
        await checkAccessible('indicators')
        await page.goto(`${t.baseUrl}/annex-a/mappings`)
        await checkAccessible('value mappings')
        await page.getByRole('button', { name: 'Save mapping' }).click()
        await page.getByRole('link', { name: /Enter the column key/ }).waitFor()
        await checkAccessible('value mappings with errors')

        await page.goto(`${t.baseUrl}/annex-a`)
        await checkAccessible('runs list')
        await context.close()
      },
    )
  }

  for (const javaScript of [true, false]) {
    it(
      `uploads one CSV per list in the background, follows its status page, then a child across lists (JavaScript ${javaScript ? 'on' : 'off'})`,
      { timeout: 120_000 },
      async () => {
        const saved = process.env.READINESS_ANNEX_A_BACKGROUND_BYTES
        process.env.READINESS_ANNEX_A_BACKGROUND_BYTES = '0'
        try {
          const { files } = await syntheticCsvs(path.join(dir, `lists-${javaScript}`), {
            children: 60,
            seed: 4,
            errorRate: 0.1,
          })
          const context = await newContext(browser, { javaScript })
          const page = await context.newPage()
          const checkAccessible = (label: string) => (javaScript ? assertAccessible(page, label) : Promise.resolve())
          await signIn(page, t.baseUrl!, t.orgA.users.analyst.email, TEST_PASSWORD)
          await page.goto(`${t.baseUrl}/annex-a/runs/new`)
          await page.getByLabel('Annex A files').setInputFiles(files)
          await page.getByLabel('Day').fill('31')
          await page.getByLabel('Month').fill('3')
          await page.getByLabel('Year').fill('2024')
          await page.getByRole('button', { name: 'Upload and check' }).click()
          await page.waitForURL(/\/annex-a\/imports\/[0-9a-f-]{36}$/)
          await checkAccessible('import status')
          for (let tries = 0; tries < 50; tries += 1) {
            if ((await page.getByRole('button', { name: 'View the test run' }).count()) > 0) break
            await t.services.annexAImports.idle()
            await page.getByRole('button', { name: 'Check progress' }).click()
          }
          await page.getByText('Test run imported').first().waitFor()
          await checkAccessible('import status, done')
          await page.getByRole('button', { name: 'View the test run' }).click()
          await page.waitForURL(/\/annex-a\/runs\/[0-9a-f-]{36}$/)

          const childLink = page.locator('a[href*="/children/"]').first()
          const childId = (await childLink.textContent())!.replace('on every list', '').trim()
          await childLink.click()
          await page.getByRole('heading', { name: `Child ${childId} on every list` }).waitFor()
          await checkAccessible('child across lists')
          await page.getByRole('link', { name: 'Filter the issues log to this child' }).click()
          assert.equal(await page.getByLabel('Child Unique ID').inputValue(), childId)
          await checkAccessible('run page filtered by child')
          await context.close()
        } finally {
          if (saved === undefined) delete process.env.READINESS_ANNEX_A_BACKGROUND_BYTES
          else process.env.READINESS_ANNEX_A_BACKGROUND_BYTES = saved
        }
      },
    )
  }

  for (const javaScript of [true, false]) {
    it(`lists background imports and cancels a running one (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const analyst = t.orgA.users.analyst
      const context = { actor: { kind: 'user' as const, ...analyst, label: analyst.email } }
      const jobId = await t.services.annexAImports.enqueue(context, [], { referenceDate: '2024-03-31', schema: 'auto' })
      // As if another worker were reading it (a fresh heartbeat), so no worker here picks it up while we look.
      await t.database.db
        .updateTable('annex_a_import_job')
        .set({ status: 'reading', attempts: 1, rows_read: 4000, heartbeat_at: new Date(), started_at: new Date() })
        .where('job_id', '=', jobId)
        .execute()
      const browserContext = await newContext(browser, { javaScript })
      const page = await browserContext.newPage()
      const checkAccessible = (label: string) => (javaScript ? assertAccessible(page, label) : Promise.resolve())
      await signIn(page, t.baseUrl!, analyst.email, TEST_PASSWORD)
      await page.goto(`${t.baseUrl}/annex-a`)
      await page.getByRole('link', { name: 'Background imports' }).click()
      await page.getByRole('heading', { name: 'Background imports' }).waitFor()
      await checkAccessible('background imports')
      await page.locator(`a[href="/annex-a/imports/${jobId}"]`).click()
      await page.getByText('Reading and checking rows').waitFor()
      await checkAccessible('running import')
      await page.getByRole('button', { name: 'Cancel this import' }).click()
      await page.getByText('Import cancelled. Nothing from it was stored.').waitFor()
      await page.getByRole('heading', { name: 'The import was cancelled' }).waitFor()
      await checkAccessible('cancelled import')
      assert.equal((await t.services.annexAImports.getJob(context, jobId)).status, 'cancelled')
      await browserContext.close()
    })
  }

  it('passes axe on the compare, settings and viewer pages', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, t.baseUrl!, t.orgA.users.admin.email, TEST_PASSWORD)
    const system = { actor: { kind: 'system' as const, organisationId: t.orgA.organisationId, label: 'test' } }
    const { importFile } = await import('../../src/services/annex-a/importFile.js')
    for (let index = 0; index < 2; index += 1)
      await importFile(t.services.annexA, system, file, {
        sourceName: `run-${index}.xlsx`,
        referenceDate: '2024-03-31',
      })
    const runs = await t.services.annexA.listRuns(system)
    await page.goto(`${t.baseUrl}/annex-a/runs/${runs[0]!.runId}/compare?with=${runs[1]!.runId}`)
    await assertAccessible(page, 'compare')
    await page.getByRole('link', { name: 'Persisting' }).click()
    await assertAccessible(page, 'compare, persisting')
    await page.goto(`${t.baseUrl}/annex-a/settings`)
    await assertAccessible(page, 'settings')
    await page.getByLabel('Keep child-level rows for').fill('0')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('link', { name: /at least 1 month/ }).waitFor()
    await assertAccessible(page, 'settings with errors')
    await context.close()

    const viewerContext = await newContext(browser)
    const viewer = await viewerContext.newPage()
    await signIn(viewer, t.baseUrl!, t.orgA.users.viewer.email, TEST_PASSWORD)
    await viewer.goto(`${t.baseUrl}/annex-a/runs/${runs[0]!.runId}`)
    await assertAccessible(viewer, 'run page for a viewer')
    assert.equal(await viewer.getByRole('heading', { name: 'Issues log' }).count(), 0)
    await viewerContext.close()
  })
})
