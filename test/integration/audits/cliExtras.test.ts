import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { runCliInProcess } from '../../support/cli.js'
import { docxText } from '../../support/docxText.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf, importSyntheticRun } from './fixtures.js'
import { completedRound } from './roundFixture.js'

describe('readiness audits', () => {
  let t: TestApp
  let env: NodeJS.ProcessEnv
  let dir: string
  let runId: string
  let round: Awaited<ReturnType<typeof completedRound>>
  const org = () => ['--organisation', t.orgA.name]
  before(async () => {
    t = await startTestApp()
    runId = await importSyntheticRun(t, 'orgA')
    round = await completedRound(t, runId, 'cli')
    env = { DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audits-cli-'))
  })
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true })
    await t.close()
  })

  it('exports one audit as DOCX', async () => {
    const out = path.join(dir, 'audit.docx')
    const result = await runCliInProcess(
      ['audits', 'export', round.auditIds[0]!, '--format', 'docx', '--out', out, ...org(), '--json'],
      env,
    )
    assert.equal(result.code, 0, result.stderr)
    assert.equal(JSON.parse(result.stdout).out, out)
    assert.match((await docxText(await fs.readFile(out))).text, new RegExp(`child ${round.childIds[0]}`))
  })

  it('prints the summary as JSON and writes the XLSX', async () => {
    const out = path.join(dir, 'summary.xlsx')
    const result = await runCliInProcess(
      ['audits', 'summary', '--sample', round.sampleId, '--xlsx', out, ...org(), '--json'],
      env,
    )
    assert.equal(result.code, 0, result.stderr)
    const summary = JSON.parse(result.stdout) as { audits: number; themes: { themeId: string; audits: number }[] }
    assert.equal(summary.audits, 3)
    assert.deepEqual(summary.themes[0], { ...summary.themes[0], themeId: 'social-work-practice', audits: 2 })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await fs.readFile(out)) as unknown as ArrayBuffer)
    assert.ok(workbook.getWorksheet('Agreement'))
  })

  it('prints the 20-day update as JSON', async () => {
    const result = await runCliInProcess(['audits', 'twenty-day-update', ...org(), '--json'], env)
    assert.equal(result.code, 0, result.stderr)
    const update = JSON.parse(result.stdout) as { audits: number; progress: { completed: number } }
    assert.equal(update.audits, 3)
    assert.equal(update.progress.completed, 3)
  })

  it('creates plan items from themes once', async () => {
    const { planId } = await t.services.workspace.plans.create(contextOf(t, 'orgA', 'lead'), {
      title: 'Plan',
      kind: 'improvement',
    })
    const args = ['audits', 'themes-to-plan', '--plan', planId, '--sample', round.sampleId, ...org(), '--json']
    const first = await runCliInProcess(args, env)
    assert.equal(first.code, 0, first.stderr)
    assert.equal((JSON.parse(first.stdout) as { created: unknown[] }).created.length, 3)
    const second = JSON.parse((await runCliInProcess(args, env)).stdout) as { created: unknown[]; skipped: string[] }
    assert.deepEqual([second.created.length, second.skipped.length], [0, 3])
  })

  it('redraws one case and assigns cases', async () => {
    const drawn = await t.services.audits.samples.draw(contextOf(t, 'orgA', 'lead'), {
      runId,
      plan: 'sif-2013-case-audit',
      seed: 'cli-redraw',
    })
    const child = drawn.cases[0]!.childId
    const redraw = await runCliInProcess(
      ['audits', 'redraw', '--sample', drawn.sampleId, '--child', child, ...org(), '--json'],
      env,
    )
    assert.equal(redraw.code, 0, redraw.stderr)
    const replaced = JSON.parse(redraw.stdout) as { replaced: { childId: string }; replacement: { childId: string } }
    assert.equal(replaced.replaced.childId, child)
    assert.notEqual(replaced.replacement.childId, child)
    const assign = await runCliInProcess(
      [
        'audits',
        'assign',
        '--sample',
        drawn.sampleId,
        '--auditor',
        t.orgA.users.auditor.email,
        '--working-days',
        '5',
        '--child',
        replaced.replacement.childId,
        ...org(),
        '--json',
      ],
      env,
    )
    assert.equal(assign.code, 0, assign.stderr)
    assert.equal((JSON.parse(assign.stdout) as { audits: string[] }).audits.length, 1)
    const again = await runCliInProcess(
      ['audits', 'redraw', '--sample', drawn.sampleId, '--child', replaced.replacement.childId, ...org(), '--json'],
      env,
    )
    assert.equal(again.code, 2)
    assert.equal(again.stdout, '')
    assert.match(again.stderr, /already been assigned/)
  })

  it('stores a plan and a template from files, and refuses bad input with exit 2 and one line', async () => {
    const planFile = path.join(dir, 'plan.json')
    await fs.writeFile(
      planFile,
      JSON.stringify({ id: 'cp-six', label: 'Six CP', strata: [{ id: 'cp', lists: [7], quota: 6 }] }),
    )
    const plan = await runCliInProcess(['audits', 'plan-save', '--file', planFile, ...org(), '--json'], env)
    assert.equal(plan.code, 0, plan.stderr)
    const drawn = await runCliInProcess(
      ['sample', '--run', runId, '--plan', 'cp-six', '--seed', '1', ...org(), '--json'],
      env,
    )
    assert.equal(drawn.code, 0, drawn.stderr)
    assert.equal((JSON.parse(drawn.stdout) as { cases: unknown[] }).cases.length, 6)
    const templateFile = path.join(dir, 'template.json')
    await fs.writeFile(
      templateFile,
      JSON.stringify({ id: 'cli-template', label: 'CLI', sections: [{ label: 'S', questions: [{ label: 'Q' }] }] }),
    )
    const template = await runCliInProcess(['audits', 'template-save', '--file', templateFile, ...org(), '--json'], env)
    assert.equal(template.code, 0, template.stderr)
    assert.deepEqual(JSON.parse(template.stdout), { id: 'cli-template', version: 1 })
    const listed = JSON.parse((await runCliInProcess(['audits', 'templates', ...org(), '--json'], env)).stdout) as {
      id: string
    }[]
    assert.ok(listed.some(item => item.id === 'cli-template'))
    for (const args of [
      ['audits', 'export', 'nope', '--out', path.join(dir, 'x.docx')],
      ['audits', 'export', round.auditIds[0]!, '--format', 'pdf', '--out', path.join(dir, 'x.pdf')],
      ['audits', 'summary', '--from', '2026-02-30', '--to', '2026-03-01'],
      ['audits', 'summary', '--sample', round.sampleId, '--from', '2026-01-01'],
      ['audits', 'themes-to-plan', '--plan', 'x'],
      ['audits', 'plan-save', '--file', path.join(dir, 'missing.json')],
      ['audits', 'assign', '--sample', round.sampleId, '--auditor', 'nobody@example.org'],
    ]) {
      const result = await runCliInProcess([...args, ...org(), '--json'], env)
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    }
  })
})
