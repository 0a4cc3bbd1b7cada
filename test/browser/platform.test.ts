import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { MODULES } from '../../src/web/navigation.js'
import {
  assertAccessible,
  browserTestsSkipped,
  describePage,
  launchBrowser,
  newContext,
  signIn,
} from '../support/browser.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/testApp.js'

describe('platform in the browser', { skip: browserTestsSkipped }, () => {
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

  it('has no axe violations on any page, signed out or signed in', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    for (const path of ['/sign-in', '/accessibility', '/privacy']) {
      await page.goto(`${t.baseUrl}${path}`)
      await assertAccessible(page, path)
    }
    // The error state of the sign-in form, too.
    await page.goto(`${t.baseUrl}/sign-in`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('link', { name: 'Enter your email address' }).waitFor()
    await assertAccessible(page, 'sign-in with errors')

    await signIn(page, t.baseUrl!, t.orgA.users.admin.email, TEST_PASSWORD)
    const signedInPaths = [
      '/',
      '/account',
      '/change-password',
      '/admin',
      '/admin/users',
      '/admin/users/new',
      '/admin/audit-log',
      '/no-such-page',
      ...MODULES.map(module => module.href),
    ]
    for (const path of signedInPaths) {
      await page.goto(`${t.baseUrl}${path}`)
      await assertAccessible(page, path)
    }
    await page.goto(`${t.baseUrl}/admin/users/new`)
    await page.getByRole('button', { name: 'Add person' }).click()
    await assertAccessible(page, 'add a person with errors')
    await context.close()

    const viewer = await newContext(browser)
    const viewerPage = await viewer.newPage()
    await signIn(viewerPage, t.baseUrl!, t.orgA.users.viewer.email, TEST_PASSWORD)
    const forbidden = await viewerPage.goto(`${t.baseUrl}/admin/users`)
    assert.equal(forbidden?.status(), 403)
    await assertAccessible(viewerPage, '403 page')
    await viewer.close()
  })

  for (const javaScript of [true, false]) {
    it(`signs in, adds a person who then sets their password, and signs out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await newContext(browser, { javaScript })
      const page = await context.newPage()
      try {
        await journey(page, javaScript)
      } catch (error) {
        throw new Error(`Journey failed at ${page.url()}: ${await describePage(page)}`, { cause: error })
      } finally {
        await context.close()
      }
    })
  }

  async function journey(page: Page, javaScript: boolean) {
    await page.goto(`${t.baseUrl}/admin/users`)
    assert.match(page.url(), /\/sign-in$/, 'signed-out people are sent to sign in')

    await page.getByLabel('Email address').fill(t.orgA.users.admin.email)
    await page.getByLabel('Password', { exact: true }).fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page
      .getByRole('link', { name: 'Enter a correct email address and password' })
      .waitFor()
      .catch(async (error: unknown) => {
        throw new Error(
          `No error summary: at ${page.url()} the page says "${await page.locator('h1').first().textContent()}"`,
          { cause: error },
        )
      })
    assert.equal(await page.getByLabel('Email address').inputValue(), t.orgA.users.admin.email, 'the email is kept')

    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    assert.match(page.url(), /\/admin\/users$/, 'back to the page they asked for')

    await page.getByRole('button', { name: 'Add a person' }).click()
    await page.getByRole('button', { name: 'Add person' }).click()
    await page.getByRole('link', { name: 'Enter the person’s name' }).waitFor()
    const email = `new.${javaScript ? 'js' : 'nojs'}@example.test`
    const hostileName = `<script>alert(1)</script> Pat ${javaScript ? 'with' : 'without'} JavaScript`
    await page.getByLabel('Full name').fill(hostileName)
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Performance analyst').check()
    await page.getByRole('button', { name: 'Add person' }).click()
    const oneTimePassword = (await page.locator('[data-qa="one-time-password"]').textContent())?.trim()
    assert.ok(oneTimePassword && oneTimePassword.length === 20)
    assert.ok(await page.getByRole('cell', { name: hostileName }).isVisible(), 'hostile text is shown as text')
    await page.getByRole('button', { name: 'Sign out' }).click()
    assert.match(page.url(), /\/sign-in$/)

    await signIn(page, t.baseUrl!, email, oneTimePassword)
    assert.match(page.url(), /\/change-password$/, 'a one-time password must be changed first')
    await page.getByLabel('Current password').fill(oneTimePassword)
    await page.getByLabel('New password', { exact: true }).fill('a long and private passphrase')
    await page.getByLabel('Confirm new password').fill('a long and private passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.getByText('Your password has been changed').waitFor()
    await page.goto(`${t.baseUrl}/`)
    await page.getByRole('heading', { name: 'Inspection readiness' }).waitFor()
  }
})
