import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium } from './chromium.js'

/** `npm test` sets SKIP_BROWSER_TESTS only outside CI, after saying so loudly. */
export const browserTestsSkipped: false | string =
  process.env.SKIP_BROWSER_TESTS === '1' ? 'Chromium not found (see the warning above)' : false

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('Chromium not found: set CHROMIUM_PATH or apt-get install chromium')
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS })
}

/** Contexts made with JavaScript off: page.evaluate never settles in them, so axe cannot run there. */
const contextsWithoutJavaScript = new WeakSet<BrowserContext>()

export async function newContext(browser: Browser, options: { javaScript?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  })
  if (options.javaScript === false) contextsWithoutJavaScript.add(context)
  return context
}

interface AxeViolation {
  id: string
  impact: string
  help: string
  nodes: { target: string[] }[]
}

/** Runs axe-core with the WCAG 2.2 AA tags and fails with a readable list of every violation. */
export async function assertAccessible(page: Page, label = page.url()): Promise<void> {
  if (contextsWithoutJavaScript.has(page.context())) {
    throw new Error(`axe runs in the page, so it needs JavaScript: check ${label} in a context with JavaScript on`)
  }
  // Evaluated through the DevTools protocol, so our own CSP (rightly) does not block it.
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async tags => {
    const scope = globalThis as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> }
      document: unknown
    }
    return (await scope.axe.run(scope.document, { runOnly: { type: 'tag', values: tags } })).violations
  }, WCAG_TAGS)
  const described = (violations as AxeViolation[]).map(
    violation =>
      `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map(node => node.target.join(' ')).join(', ')}`,
  )
  assert.deepEqual(described, [], `axe found problems on ${label}`)
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('domcontentloaded')
}

/** What a person would see: the heading, any error summary and banner. For failure messages. */
export async function describePage(page: Page): Promise<string> {
  const text = async (selector: string) =>
    (
      await page
        .locator(selector)
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => '')
    )
      ?.replace(/\s+/g, ' ')
      .trim()
  return `h1="${await text('h1')}" errors="${await text('.govuk-error-summary')}" banner="${await text('.govuk-notification-banner')}"`
}
