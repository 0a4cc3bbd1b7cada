import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import {
  csrfTokenFrom,
  declaredRoutes,
  signedInAgent,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../support/testApp.js'

const PUBLIC_GET_PATHS = new Set(['/health', '/sign-in', '/accessibility', '/privacy'])

describe('web security', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('declares the routes we expect to check (the walk finds them)', () => {
    const paths = declaredRoutes(t.app).map(route => `${route.method} ${route.path}`)
    for (const expected of ['GET /', 'GET /admin/users', 'POST /admin/users/new', 'POST /sign-in', 'GET /health']) {
      assert.ok(paths.includes(expected), `${expected} missing from ${paths.join(', ')}`)
    }
  })

  it('refuses every route without a session, except sign-in, health, statements and assets', async () => {
    for (const route of declaredRoutes(t.app)) {
      if (route.method !== 'GET' || PUBLIC_GET_PATHS.has(route.path)) continue
      const response = await request(t.app).get(route.path)
      if (route.path.startsWith('/api/')) {
        assert.equal(response.status, 401, `GET ${route.path} answered ${response.status} without a session`)
        assert.match(String(response.body.error), /Sign in first/)
        continue
      }
      assert.equal(response.status, 302, `GET ${route.path} answered ${response.status} without a session`)
      assert.equal(response.headers.location, '/sign-in', `GET ${route.path} did not send to sign-in`)
    }
    for (const path of PUBLIC_GET_PATHS) {
      const response = await request(t.app).get(path)
      assert.equal(response.status, 200, `${path} should be public`)
    }
    const asset = await request(t.app).get('/assets/govuk/govuk-frontend.min.css')
    assert.equal(asset.status, 200)
  })

  it('answers 403 to every POST without a CSRF token, signed in or not', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.admin.email)
    const posts = declaredRoutes(t.app).filter(route => route.method === 'POST')
    assert.ok(posts.length >= 4)
    for (const route of posts) {
      const anonymous = await request(t.app).post(route.path).type('form').send({ email: 'x@example.test' })
      assert.equal(anonymous.status, 403, `anonymous POST ${route.path} answered ${anonymous.status}`)
      const signedIn = await agent.post(route.path).type('form').send({ email: 'x@example.test' })
      assert.equal(signedIn.status, 403, `signed-in POST ${route.path} without a token answered ${signedIn.status}`)
      const wrongToken = await agent.post(route.path).type('form').send({ _csrf: 'forged-token' })
      assert.equal(wrongToken.status, 403, `POST ${route.path} with a forged token answered ${wrongToken.status}`)
    }
  })

  it('keeps viewers, analysts, auditors and leads out of admin pages', async () => {
    for (const role of ['viewer', 'analyst', 'auditor', 'lead'] as const) {
      const agent = await signedInAgent(t.app, t.orgA.users[role].email)
      for (const path of ['/admin', '/admin/users', '/admin/users/new', '/admin/audit-log']) {
        const response = await agent.get(path)
        assert.equal(response.status, 403, `${role} reached ${path}`)
        assert.match(response.text, /You do not have permission/)
      }
      const page = await agent.get('/')
      const post = await agent
        .post('/admin/users/new')
        .type('form')
        .send({
          _csrf: csrfTokenFrom(page.text),
          displayName: 'Intruder',
          email: 'intruder@example.test',
          role: 'admin',
        })
      assert.equal(post.status, 403, `${role} could add a person`)
    }
  })

  it('never shows one organisation the people or audit events of another', async () => {
    const agentA = await signedInAgent(t.app, t.orgA.users.admin.email)
    const pageA = await agentA.get('/admin/users').expect(200)
    assert.match(pageA.text, /admin\.a@example\.test/)
    assert.doesNotMatch(pageA.text, /\.b@example\.test/)
    const agentB = await signedInAgent(t.app, t.orgB.users.admin.email)
    const pageB = await agentB.get('/admin/users').expect(200)
    assert.match(pageB.text, /admin\.b@example\.test/)
    assert.doesNotMatch(pageB.text, /\.a@example\.test/)
    const auditB = await agentB.get('/admin/audit-log').expect(200)
    assert.match(auditB.text, /admin\.b@example\.test/)
    assert.doesNotMatch(auditB.text, /\.a@example\.test/)
  })

  it('sets a per-response nonce CSP without unsafe-inline, and safe headers', async () => {
    const response = await request(t.app).get('/sign-in').expect(200)
    const csp = String(response.headers['content-security-policy'])
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    assert.ok(nonce, 'no nonce in the CSP')
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
    assert.ok(response.text.includes(`nonce="${nonce}"`), 'the inline script does not carry the nonce')
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.equal(response.headers['cache-control'], 'no-store')
    const again = await request(t.app).get('/sign-in')
    assert.notEqual(/'nonce-([^']+)'/.exec(String(again.headers['content-security-policy']))?.[1], nonce)
  })

  it('rotates the session id at sign-in and sets safe cookie flags', async () => {
    const agent = request.agent(t.app)
    const page = await agent.get('/sign-in')
    const before = String(page.headers['set-cookie'])
    assert.match(before, /HttpOnly/)
    assert.match(before, /SameSite=Lax/)
    const signIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), email: t.orgA.users.analyst.email, password: TEST_PASSWORD })
    assert.equal(signIn.status, 302)
    const after = String(signIn.headers['set-cookie'])
    const id = (cookie: string) => /readiness\.sid=([^;]+)/.exec(cookie)?.[1]
    assert.ok(id(after))
    assert.notEqual(id(after), id(before))
  })

  it('shows GOV.UK-style 404 pages to signed-in people', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const response = await agent.get('/no-such-page').expect(404)
    assert.match(response.text, /Page not found/)
  })
})
