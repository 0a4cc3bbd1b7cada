/**
 * Platform benchmark: what every page pays (session, CSRF, user load, render, audit) against the bare
 * health check, and the cost of sign-in (argon2id). Prints one JSON object. Compare ratios, not seconds.
 */
import type { Server } from 'node:http'
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../src/config.js'
import { systemContext } from '../src/services/context.js'
import { createServices } from '../src/services/index.js'
import { hashPassword, verifyPassword } from '../src/services/platform/passwords.js'
import { createApp } from '../src/web/app.js'
import { benchDatabase, machine, percentile, round } from './support.js'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400)
const CONCURRENCY = 8

async function timeRequests(url: string, headers: Record<string, string>) {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1
        const t0 = performance.now()
        const response = await fetch(url, { headers, redirect: 'manual' })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    perSecond: round(latencies.length / seconds, 1),
    p50ms: round(percentile(latencies, 0.5)),
    p95ms: round(percentile(latencies, 0.95)),
  }
}

async function main() {
  const database = await benchDatabase()
  const services = createServices({ db: database.db })
  const organisation = await services.organisations.create({ name: 'Bench Council' })
  const password = 'benchmark passphrase 1'
  await services.users.create(systemContext(organisation.organisationId), {
    email: 'admin@bench.test',
    displayName: 'Bench',
    role: 'admin',
    password,
  })
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'bench-session-secret-long-enough-0123456789' })
  const { app } = createApp({ services, db: database.db, config, log: () => undefined })
  const server = await new Promise<Server>(resolve => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const address = server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

  const signInPage = await fetch(`${base}/sign-in`)
  const cookie = signInPage.headers.get('set-cookie')!.split(';')[0]!
  const token = /name="_csrf" value="([^"]+)"/.exec(await signInPage.text())![1]!
  const signIn = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email: 'admin@bench.test', password }).toString(),
  })
  const sessionCookie = signIn.headers.get('set-cookie')!.split(';')[0]!

  const health = await timeRequests(`${base}/health`, {})
  const home = await timeRequests(`${base}/`, { cookie: sessionCookie })
  const auditLog = await timeRequests(`${base}/admin/audit-log`, { cookie: sessionCookie })

  const hashStarted = performance.now()
  const hash = await hashPassword(password)
  const hashMs = performance.now() - hashStarted
  const verifyStarted = performance.now()
  await verifyPassword(hash, password)
  const verifyMs = performance.now() - verifyStarted

  server.closeAllConnections()
  await new Promise(resolve => server.close(resolve))
  await database.close()
  return {
    benchmark: 'platform',
    machine: machine(),
    concurrency: CONCURRENCY,
    health,
    homePageSignedIn: home,
    auditLogPage: auditLog,
    ratioHomeToHealthP50: round(home.p50ms / health.p50ms, 1),
    argon2id: { hashMs: round(hashMs), verifyMs: round(verifyMs) },
  }
}

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`)
process.exit(0)
