import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from '../../../src/config.js'

describe('configuration', () => {
  it('has safe development defaults', () => {
    const config = loadConfig({})
    assert.equal(config.port, 3000)
    assert.equal(config.env, 'development')
    assert.equal(config.secureCookies, false)
    assert.equal(config.seedDemo, true)
    assert.match(config.dataDir, /\/data$/)
    assert.equal(config.databaseUrl, undefined)
  })

  const refused: [string, Record<string, string>, RegExp][] = [
    ['production without a session secret', { NODE_ENV: 'production' }, /SESSION_SECRET is required/],
    ['a short session secret', { SESSION_SECRET: 'short' }, /at least 32 characters/],
    [
      'a demo in production',
      { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), READINESS_DEMO: 'true' },
      /refused in production/,
    ],
    ['a port out of range', { PORT: '70000' }, /PORT/],
    ['a database URL of another kind', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
  ]
  for (const [label, env, message] of refused) {
    it(`refuses ${label}`, () => {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      )
    })
  }

  it('in production: secure cookies, and no demo even when not asked to skip it', () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) })
    assert.equal(config.secureCookies, true)
    assert.equal(config.seedDemo, false)
  })
})
