import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { systemContext, type RequestContext } from '../../../src/services/context.js'
import { ForbiddenError } from '../../../src/services/errors.js'
import { EditConflictError } from '../../../src/services/workspace/errors.js'
import { runCliInProcess } from '../../support/cli.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'

const FIXTURES = path.resolve('test/fixtures/workspace')

function userContext(t: TestApp, org: 'orgA' | 'orgB', role: 'admin' | 'lead' | 'analyst' | 'viewer'): RequestContext {
  const user = t[org].users[role]
  return {
    actor: { kind: 'user', userId: user.userId, organisationId: t[org].organisationId, role, label: user.displayName },
  }
}

interface ImportJson {
  plan: { id: string; title: string }
  sections: number
  items: number
  rag: { red: number; amber: number; green: number; complete: number }
  warnings: { rowNumber: number; message: string }[]
}

describe('plans: import, RAG, updates, overrides, export (CLI and services)', () => {
  let t: TestApp
  let env: NodeJS.ProcessEnv
  let dir: string
  let seedPlan: ImportJson
  before(async () => {
    t = await startTestApp()
    env = { DATABASE_URL: t.database.url, NODE_ENV: 'development' }
    dir = await mkdtemp(path.join(os.tmpdir(), 'readiness-plans-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
    await t.close()
  })

  for (const file of ['seed001-action-plan.xlsx', 'seed001-action-plan.csv']) {
    it(`imports seed 001's action plan from ${path.extname(file)} cleanly`, async () => {
      const result = await runCliInProcess(
        [
          'plans',
          'import',
          path.join(FIXTURES, file),
          '--title',
          'Safeguarding action plan',
          '--organisation',
          t.orgA.name,
          '--json',
        ],
        env,
      )
      assert.equal(result.code, 0, result.stderr)
      const body = JSON.parse(result.stdout) as ImportJson
      seedPlan = body
      assert.equal(body.plan.title, 'Safeguarding action plan')
      assert.equal(body.sections, 8, 'themes A to H')
      assert.equal(body.items, 63)
      assert.equal(body.rag.complete, 9, 'the "Action Completed" rows')
      assert.equal(body.rag.red + body.rag.amber + body.rag.green + body.rag.complete, 63)
      assert.ok(
        body.warnings.some(w => /"lan 10" is not a date/.test(w.message)),
        'an unreadable date is reported, not guessed',
      )
      assert.ok(body.warnings.some(w => /"Jan- 11" read as the end of that month/.test(w.message)))
      assert.match(result.stderr, /warning: /)
    })
  }

  it('lists RAG and overdue actions by lead; org B sees none of org A plans', async () => {
    const rag = await runCliInProcess(['plans', 'rag', '--organisation', t.orgA.name, '--json'], env)
    assert.equal(rag.code, 0, rag.stderr)
    const body = JSON.parse(rag.stdout) as { overdue: { lead: string; items: unknown[] }[] }
    assert.ok(
      body.overdue.some(group => group.lead === 'Principal Manager Safeguarding (JB)'),
      '2009 milestones are long past',
    )
    const other = await runCliInProcess(['plans', 'list', '--organisation', t.orgB.name, '--json'], env)
    assert.deepEqual(JSON.parse(other.stdout), { plans: [] })
    await assert.rejects(
      t.services.workspace.plans.get(userContext(t, 'orgB', 'admin'), seedPlan.plan.id),
      /No such plan/,
    )
  })

  it('exports to XLSX, and the export imports back to the same actions', async () => {
    const out = path.join(dir, 'export.xlsx')
    const exported = await runCliInProcess(
      ['plans', 'export', seedPlan.plan.id, '--out', out, '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.equal(exported.code, 0, exported.stderr)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(out)
    assert.equal(workbook.worksheets[0]!.getRow(1).getCell(6).value, 'Action')
    const again = await runCliInProcess(['plans', 'import', out, '--organisation', t.orgA.name, '--json'], env)
    assert.equal(again.code, 0, again.stderr)
    const body = JSON.parse(again.stdout) as ImportJson
    assert.equal(body.items, 63)
    assert.equal(body.sections, 8)
  })

  it('refuses unusable files with a one-line reason and stores nothing', async () => {
    const before = (await t.services.workspace.plans.list(systemContext(t.orgA.organisationId))).length
    const cases: [string, string | Buffer, RegExp][] = [
      ['no-header.csv', 'just,some\nwords,here\n', /No header row found/],
      ['broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /cannot|not|zip/i],
      ['report.pdf', '%PDF-1.4 not a plan', /is a PDF/],
      ['empty.csv', '', /is empty/],
      ['header-only.csv', 'Ref,Action,Lead officer\n', /no actions/],
    ]
    for (const [name, content, reason] of cases) {
      const file = path.join(dir, name)
      await writeFile(file, content)
      const result = await runCliInProcess(['plans', 'import', file, '--organisation', t.orgA.name, '--json'], env)
      assert.equal(result.code, 2, `${name}: ${result.stderr}`)
      assert.equal(result.stdout, '')
      assert.match(result.stderr, reason)
      assert.equal(result.stderr.trim().split('\n').length, 1, `${name}: one line`)
    }
    const wrongMap = await runCliInProcess(
      ['plans', 'import', path.join(dir, 'no-header.csv'), '--map', 'nonsense=1'],
      env,
    )
    assert.equal(wrongMap.code, 2)
    assert.equal((await t.services.workspace.plans.list(systemContext(t.orgA.organisationId))).length, before)
  })

  it('imports with a chosen column mapping when headers are not recognised', async () => {
    const file = path.join(dir, 'odd.csv')
    await writeFile(file, 'Thing to do,Who,When\nRun the partnership event,Kaimi Ithia,20/06/14\n')
    const result = await runCliInProcess(
      [
        'plans',
        'import',
        file,
        '--map',
        'action=1',
        '--map',
        'leadOfficer=2',
        '--map',
        'milestoneDate=3',
        '--organisation',
        t.orgA.name,
        '--json',
      ],
      env,
    )
    assert.equal(result.code, 0, result.stderr)
    assert.equal((JSON.parse(result.stdout) as ImportJson).items, 1)
  })

  it('records dated updates with optimistic locking, and overrides RAG only with a reason', async () => {
    const analyst = userContext(t, 'orgA', 'analyst')
    const plan = await t.services.workspace.plans.get(analyst, seedPlan.plan.id)
    const item = plan.sections[0]!.items[0]!
    assert.equal(item.computedRag, 'red')
    await t.services.workspace.plans.recordUpdate(analyst, item.itemId, {
      expectedVersion: item.version,
      date: t.services.workspace.plans.today(),
      status: 'complete',
      note: 'Done: <b>reported</b> to the board',
    })
    await assert.rejects(
      t.services.workspace.plans.recordUpdate(analyst, item.itemId, {
        expectedVersion: item.version,
        date: t.services.workspace.plans.today(),
        status: 'on-track',
        note: 'A stale form',
      }),
      EditConflictError,
    )
    const { item: updated, updates } = await t.services.workspace.plans.getItem(analyst, item.itemId)
    assert.equal(updated.rag, 'complete')
    assert.equal(updates[0]!.note, 'Done: <b>reported</b> to the board')

    await assert.rejects(
      t.services.workspace.plans.setRagOverride(analyst, item.itemId, {
        action: 'set',
        expectedVersion: updated.version,
        rag: 'amber',
        reason: '',
      }),
      /Give the reason/,
    )
    await t.services.workspace.plans.setRagOverride(analyst, item.itemId, {
      action: 'set',
      expectedVersion: updated.version,
      rag: 'amber',
      reason: 'Board not yet assured',
    })
    const { item: overridden } = await t.services.workspace.plans.getItem(analyst, item.itemId)
    assert.deepEqual(
      [overridden.rag, overridden.computedRag, overridden.override?.reason],
      ['amber', 'complete', 'Board not yet assured'],
    )

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', item.itemId)
      .execute()
    assert.deepEqual(audit.map(event => event.action).sort(), ['plan.item.rag-overridden', 'plan.item.updated'])
  })

  it('lets a viewer read but never change a plan', async () => {
    const viewer = userContext(t, 'orgA', 'viewer')
    const plan = await t.services.workspace.plans.get(viewer, seedPlan.plan.id)
    const item = plan.sections[1]!.items[0]!
    await assert.rejects(
      t.services.workspace.plans.recordUpdate(viewer, item.itemId, {
        expectedVersion: item.version,
        date: '2026-01-05',
        status: 'on-track',
        note: 'x',
      }),
      ForbiddenError,
    )
    await assert.rejects(t.services.workspace.plans.create(viewer, { title: 'Mine', kind: 'work' }), ForbiddenError)
  })
})
