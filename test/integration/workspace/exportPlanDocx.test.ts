import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { systemContext } from '../../../src/services/context.js'
import { runCliInProcess } from '../../support/cli.js'
import { docxText } from '../../support/docxText.js'
import { signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

const FIXTURE = path.resolve('test/fixtures/workspace/seed001-action-plan.xlsx')

describe('plan export as a committee paper (CLI and web)', () => {
  let t: TestApp
  let env: NodeJS.ProcessEnv
  let dir: string
  let planId: string
  let rag: { red: number; amber: number; green: number; complete: number }
  before(async () => {
    t = await startTestApp()
    env = { DATABASE_URL: t.database.url, NODE_ENV: 'development' }
    dir = await mkdtemp(path.join(os.tmpdir(), 'readiness-docx-'))
    const imported = await runCliInProcess(
      ['plans', 'import', FIXTURE, '--title', 'Safeguarding action plan', '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.equal(imported.code, 0, imported.stderr)
    const body = JSON.parse(imported.stdout) as { plan: { id: string }; rag: typeof rag }
    planId = body.plan.id
    rag = body.rag
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
    await t.close()
  })

  it('readiness plans export ID --format docx --out PATH writes the paper and records an audit event', async () => {
    const out = path.join(dir, 'paper.docx')
    const result = await runCliInProcess(
      ['plans', 'export', planId, '--format', 'docx', '--out', out, '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.equal(result.code, 0, result.stderr)
    const body = JSON.parse(result.stdout) as { format: string; out: string; bytes: number }
    assert.equal(body.format, 'docx')
    const bytes = await readFile(out)
    assert.equal(bytes.length, body.bytes)
    const { text } = await docxText(bytes)
    const lines = text.split('\n')
    assert.equal(lines[0], 'Safeguarding action plan')
    const summaryAt = lines.indexOf('3. Summary of RAG ratings')
    const redAt = lines.indexOf('Red', summaryAt)
    assert.deepEqual(lines.slice(redAt, redAt + 10), [
      'Red',
      String(rag.red),
      'Amber',
      String(rag.amber),
      'Green',
      String(rag.green),
      'Complete',
      String(rag.complete),
      'Total',
      '63',
    ])
    assert.equal(lines.filter(line => /^5\.\d+ /.test(line)).length, 8, 'one table per section, themes A to H')
    assert.equal(lines.filter(line => line === 'Progress against action').length, 8)
    // The 2009-2011 plan is long past its dates: overdue actions are called out by number.
    assert.match(text, /4\. Overdue actions\n\d+ open actions are past their due date/)
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('organisation_id', '=', t.orgA.organisationId)
      .where('action', '=', 'plan.exported')
      .execute()
    assert.ok(audit.some(event => (event.details as { format?: string }).format === 'docx'))
  })

  it('refuses an unknown format and an unknown plan with exit 2 and one line', async () => {
    const badFormat = await runCliInProcess(
      ['plans', 'export', planId, '--format', 'pdf', '--out', path.join(dir, 'x.pdf'), '--organisation', t.orgA.name],
      env,
    )
    assert.equal(badFormat.code, 2)
    assert.match(badFormat.stderr, /--format must be xlsx or docx/)
    const otherOrg = await runCliInProcess(
      ['plans', 'export', planId, '--format', 'docx', '--out', path.join(dir, 'y.docx'), '--organisation', t.orgB.name],
      env,
    )
    assert.equal(otherOrg.code, 2)
    assert.match(otherOrg.stderr, /No such plan/)
  })

  it('downloads from the plan page, with the latest dated update as progress; other organisations get 404', async () => {
    const context = systemContext(t.orgA.organisationId, 'test')
    const view = await t.services.workspace.plans.get(context, planId)
    const first = view.sections[0]!.items[0]!
    await t.services.workspace.plans.recordUpdate(context, first.itemId, {
      expectedVersion: first.version,
      date: view.today,
      status: 'at-risk',
      note: 'Audit programme delayed by sickness',
    })
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const page = await viewer.get(`/plans/${planId}`).expect(200)
    assert.match(page.text, new RegExp(`href="/plans/${planId}/export.docx" download>Download as a committee paper`))
    const response = await viewer.get(`/plans/${planId}/export.docx`).responseType('blob').expect(200)
    assert.equal(
      response.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    const { text } = await docxText(response.body as Buffer)
    assert.match(text, /At risk \(\d+ \w+ \d{4}\): Audit programme delayed by sickness/)
    const other = await signedInAgent(t.app, t.orgB.users.admin.email)
    await other.get(`/plans/${planId}/export.docx`).expect(404)
  })
})
