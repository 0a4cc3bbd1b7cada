import type { Server } from 'node:http'
import type { Express } from 'express'
import request from 'supertest'
import { loadConfig } from '../../src/config.js'
import { ROLES, type Role } from '../../src/domain/platform/roles.js'
import { systemContext } from '../../src/services/context.js'
import { createServices, type Services } from '../../src/services/index.js'
import type { UserSummary } from '../../src/services/platform/userService.js'
import { createApp } from '../../src/web/app.js'
import { freshDatabase, type TestDatabase } from './database.js'

export const TEST_PASSWORD = 'correct horse battery staple'

export interface TestOrganisation {
  organisationId: string
  name: string
  users: Record<Role, UserSummary>
}

export interface TestApp {
  app: Express
  services: Services
  database: TestDatabase
  orgA: TestOrganisation
  orgB: TestOrganisation
  baseUrl: string | undefined
  errors: string[]
  close(): Promise<void>
}

/** A real app on a fresh database, with two organisations and one person per role in each. */
export async function startTestApp(options: { listen?: boolean } = {}): Promise<TestApp> {
  const database = await freshDatabase()
  const services = createServices({ db: database.db })
  const orgA = await seedOrganisation(services, 'Northshire County Council', 'a')
  const orgB = await seedOrganisation(services, 'Southbridge City Council', 'b')
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-session-secret-that-is-long-enough-123' })
  const errors: string[] = []
  const { app } = createApp({ services, db: database.db, config, log: message => errors.push(message) })
  let server: Server | undefined
  let baseUrl: string | undefined
  if (options.listen) {
    server = await new Promise<Server>(resolve => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
    })
    const address = server.address()
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  }
  return {
    app,
    services,
    database,
    orgA,
    orgB,
    baseUrl,
    errors,
    async close() {
      if (server) {
        server.closeAllConnections()
        await new Promise(resolve => server!.close(resolve))
      }
      await database.drop()
    },
  }
}

async function seedOrganisation(services: Services, name: string, suffix: string): Promise<TestOrganisation> {
  const organisation = await services.organisations.create({ name }, 'test')
  const context = systemContext(organisation.organisationId, 'test')
  const users = {} as Record<Role, UserSummary>
  for (const role of ROLES) {
    const { user } = await services.users.create(context, {
      email: `${role}.${suffix}@example.test`,
      displayName: `Test ${role} ${suffix.toUpperCase()}`,
      role,
      password: TEST_PASSWORD,
    })
    users[role] = user
  }
  return { organisationId: organisation.organisationId, name, users: users }
}

export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('No CSRF token on the page')
  return match[1]
}

/** A supertest agent (it keeps cookies) signed in as the given person. */
export async function signedInAgent(app: Express, email: string, password = TEST_PASSWORD) {
  const agent = request.agent(app)
  const page = await agent.get('/sign-in').expect(200)
  const response = await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email, password })
  if (response.status !== 302 || response.headers.location === '/sign-in') {
    throw new Error(`Sign-in as ${email} failed: ${response.status} ${response.headers.location}`)
  }
  return agent
}

/** Every GET path the app declares, found by walking Express's router (so a new page cannot be forgotten). */
export function declaredRoutes(app: Express): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = []
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          found.push({ method: method.toUpperCase(), path: layer.route.path })
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack)
      }
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack)
  return found
}
