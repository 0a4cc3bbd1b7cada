import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import ExcelJS from 'exceljs'
import { createAnnexAService } from '../../../src/services/annex-a/annexAService.js'
import { importFile } from '../../../src/services/annex-a/importFile.js'
import { ForbiddenError, NotFoundError } from '../../../src/services/errors.js'
import { SpreadsheetError } from '../../../src/services/spreadsheets/index.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf, REFERENCE_DATE, syntheticWorkbook, tempDir } from './fixtures.js'

const count = async (t: TestApp, table: string, organisationId: string) =>
  Number(
    (
      await sql<{
        n: number
      }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE organisation_id = ${organisationId}`.execute(
        t.database.db,
      )
    ).rows[0]!.n,
  )

function collectBytes(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(Buffer.from(chunk))
      callback()
    },
  })
  return { sink, bytes: () => Buffer.concat(chunks) }
}

describe('Annex A test runs on PostgreSQL', () => {
  let t: TestApp
  let dir: string
  let workbook: Awaited<ReturnType<typeof syntheticWorkbook>>
  let firstRun: string
  before(async () => {
    t = await startTestApp()
    dir = await tempDir()
    workbook = await syntheticWorkbook(dir)
  })
  after(async () => {
    await t.close()
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('imports a workbook as one test run with every row, every planted error and an audit event', async () => {
    const analyst = contextOf(t, 'orgA', 'analyst')
    const result = await importFile(t.services.annexA, analyst, workbook.file, {
      sourceName: 'annex-a.xlsx',
      referenceDate: REFERENCE_DATE,
      population: 50_000,
    })
    firstRun = result.runId
    const expectedRows = workbook.generated.sheets.reduce((total, sheet) => total + sheet.rows.length - 2, 0)
    assert.equal(result.summary.rows, expectedRows)
    assert.equal(await count(t, 'annex_a_row', t.orgA.organisationId), expectedRows)
    const issues = await t.database.db
      .selectFrom('annex_a_issue')
      .select(['code', 'list', 'row_number'])
      .where('run_id', '=', firstRun)
      .execute()
    assert.ok(workbook.generated.planted.length > 0)
    for (const planted of workbook.generated.planted) {
      assert.ok(
        issues.some(
          issue =>
            issue.code === planted.expectedCode && issue.list === planted.list && issue.row_number === planted.row,
        ),
        `planted ${planted.expectedCode} on list ${planted.list} row ${planted.row} was not reported`,
      )
    }
    const events = await t.services.audit.listRecent(contextOf(t, 'orgA', 'admin'))
    const imported = events.find(event => event.action === 'annex-a.run.imported' && event.subjectId === firstRun)
    assert.ok(imported)
    assert.doesNotMatch(JSON.stringify(imported.details), /\d{7}/, 'no child ids in audit details')
    const { indicators } = await t.services.annexA.indicators(analyst, firstRun)
    assert.ok(indicators.some(indicator => indicator.id === 'contacts-per-10k' && indicator.value !== null))
  })

  it('is all-or-nothing: a file that breaks after thousands of rows leaves nothing behind', async () => {
    const file = path.join(dir, 'List 1.csv')
    const header =
      'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\r\n'
    const rows = Array.from(
      { length: 6000 },
      (_, index) => `${String(index).padStart(6, '0')},a) Male,a) WBRI,01/01/2015,9,01/03/2024,a) Individual\r\n`,
    )
    await fs.writeFile(file, `${header}${rows.join('')}9999999,"b) Female,a) WBRI\r\n`)
    const before = {
      runs: await count(t, 'annex_a_run', t.orgA.organisationId),
      rows: await count(t, 'annex_a_row', t.orgA.organisationId),
      issues: await count(t, 'annex_a_issue', t.orgA.organisationId),
    }
    await assert.rejects(
      importFile(t.services.annexA, contextOf(t, 'orgA', 'analyst'), file, {
        sourceName: 'List 1.csv',
        referenceDate: REFERENCE_DATE,
      }),
      (error: unknown) => error instanceof SpreadsheetError && /never closed/.test(error.message),
    )
    assert.deepEqual(
      {
        runs: await count(t, 'annex_a_run', t.orgA.organisationId),
        rows: await count(t, 'annex_a_row', t.orgA.organisationId),
        issues: await count(t, 'annex_a_issue', t.orgA.organisationId),
      },
      before,
    )
  })

  it('keeps organisations apart: org B never sees org A’s runs', async () => {
    const adminB = contextOf(t, 'orgB', 'admin')
    assert.deepEqual(await t.services.annexA.listRuns(adminB), [])
    await assert.rejects(t.services.annexA.getRun(adminB, firstRun), NotFoundError)
    await assert.rejects(t.services.annexA.listIssues(adminB, firstRun), NotFoundError)
    await assert.rejects(t.services.annexA.exportRun(adminB, firstRun, 'issues', collectBytes().sink), NotFoundError)
  })

  it('shows viewers counts only, never child-level rows, and lets only importers import', async () => {
    const viewer = contextOf(t, 'orgA', 'viewer')
    const run = await t.services.annexA.getRun(viewer, firstRun)
    assert.ok(run.rows > 0)
    await assert.rejects(t.services.annexA.listIssues(viewer, firstRun), ForbiddenError)
    await assert.rejects(t.services.annexA.getIssue(viewer, firstRun, 1), ForbiddenError)
    await assert.rejects(t.services.annexA.listRows(viewer, firstRun, 1), ForbiddenError)
    await assert.rejects(
      t.services.annexA.compareRuns(viewer, firstRun, firstRun, { withIssues: true }),
      ForbiddenError,
    )
    await assert.rejects(
      t.services.annexA.exportRun(contextOf(t, 'orgA', 'auditor'), firstRun, 'issues', collectBytes().sink),
      ForbiddenError,
    )
    await assert.rejects(
      importFile(t.services.annexA, contextOf(t, 'orgA', 'lead'), workbook.file, {
        sourceName: 'x.xlsx',
        referenceDate: REFERENCE_DATE,
      }),
      ForbiddenError,
    )
  })

  it('writes an audit event for every view and export of child-level data', async () => {
    const auditor = contextOf(t, 'orgA', 'auditor')
    const analyst = contextOf(t, 'orgA', 'analyst')
    await t.services.annexA.listIssues(auditor, firstRun, { severity: 'error' })
    await t.services.annexA.getIssue(auditor, firstRun, 1)
    const { sink, bytes } = collectBytes()
    await t.services.annexA.exportRun(analyst, firstRun, 'lists', sink)
    const events = await t.services.audit.listRecent(contextOf(t, 'orgA', 'admin'), { limit: 50 })
    const mine = (action: string, label: string) =>
      events.filter(event => event.action === action && event.actorLabel === label)
    assert.ok(mine('child-data.view', t.orgA.users.auditor.email).length >= 2)
    assert.equal(mine('child-data.export', t.orgA.users.analyst.email).length, 1)
    assert.equal(mine('child-data.export', t.orgA.users.analyst.email)[0]!.details.pseudonymised, true)

    // Pseudonymised by default: no child id from the data appears in the export.
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes() as unknown as ArrayBuffer)
    const list1 = book.getWorksheet('List 1')!
    const firstId = String(list1.getRow(3).getCell(1).value)
    assert.match(firstId, /^P-[0-9a-f]{12}$/)
    assert.equal(String(list1.getRow(2).getCell(1).value), 'Child Unique ID')
  })

  it('carries accepted statuses to the next run and compares runs by new, resolved and persisting issues', async () => {
    const analyst = contextOf(t, 'orgA', 'analyst')
    const { issues } = await t.services.annexA.listIssues(analyst, firstRun, { pageSize: 5 })
    const accepted = issues[0]!
    await t.services.annexA.updateIssueStatus(analyst, firstRun, accepted.issueSeq, {
      status: 'accepted',
      reason: 'Confirmed with the team',
      owner: 'Data team',
    })
    const fixedOne = issues[1]!
    await t.services.annexA.updateIssueStatus(analyst, firstRun, fixedOne.issueSeq, { status: 'fixed' })
    await assert.rejects(
      t.services.annexA.updateIssueStatus(analyst, firstRun, accepted.issueSeq, { status: 'accepted', reason: '' }),
      /why/,
    )

    const second = await importFile(t.services.annexA, analyst, workbook.file, {
      sourceName: 'annex-a.xlsx',
      referenceDate: REFERENCE_DATE,
    })
    assert.equal(second.comparedWith, firstRun)
    assert.equal(second.comparison?.new, 0)
    assert.equal(second.comparison?.resolved, 0)
    assert.ok((second.comparison?.persisting ?? 0) > 0)
    const carried = await t.database.db
      .selectFrom('annex_a_issue')
      .selectAll()
      .where('run_id', '=', second.runId)
      .where('status', '<>', 'open')
      .execute()
    assert.equal(
      carried.length,
      1,
      'only the accepted issue keeps a non-open status; a "fixed" issue that persists is open again',
    )
    assert.equal(carried[0]!.status_reason, 'Confirmed with the team')
    assert.equal(carried[0]!.owner, 'Data team')

    const cleaner = await syntheticWorkbook(dir, { errorRate: 0, name: 'clean.xlsx' })
    const third = await importFile(t.services.annexA, analyst, cleaner.file, {
      sourceName: 'clean.xlsx',
      referenceDate: REFERENCE_DATE,
    })
    assert.ok((third.comparison?.resolved ?? 0) > 0, 'planted errors are resolved in a clean file')
    const compared = await t.services.annexA.compareRuns(analyst, second.runId, third.runId, {
      withIssues: true,
      category: 'resolved',
    })
    assert.equal(compared.issues?.length, Math.min(50, third.comparison!.resolved))
    assert.ok(compared.issues?.every(issue => issue.category === 'resolved' && issue.runId === second.runId))
  })

  it('re-applies an edited value mapping to a stored run as a new run', async () => {
    const analyst = contextOf(t, 'orgA', 'analyst')
    const csvDir = await tempDir()
    const file = path.join(csvDir, 'List 1.csv')
    await fs.writeFile(
      file,
      'Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Date of Contact,Contact Source\r\n0000001,a) Male,a) WBRI,01/01/2015,9,01/03/2024,Front door hub\r\n',
    )
    const run = await importFile(t.services.annexA, analyst, file, {
      sourceName: 'List 1.csv',
      referenceDate: REFERENCE_DATE,
    })
    const before = await t.database.db
      .selectFrom('annex_a_issue')
      .select('code')
      .where('run_id', '=', run.runId)
      .where('code', '=', 'code-invalid')
      .execute()
    assert.equal(before.length, 1)
    await t.services.annexA.saveValueMapping(analyst, {
      list: '1',
      column: 'contactSource',
      from: 'Front door hub',
      to: 'n) 5A: LA services',
    })
    const again = await t.services.annexA.reapplyMappings(analyst, run.runId)
    const after = await t.database.db
      .selectFrom('annex_a_issue')
      .select('code')
      .where('run_id', '=', again.runId)
      .where('code', '=', 'code-invalid')
      .execute()
    assert.equal(after.length, 0)
    assert.equal(again.comparedWith, run.runId)
    await fs.rm(csvDir, { recursive: true, force: true })
  })

  it('purges child-level rows after the retention period, keeping counts, with an audit event', async () => {
    const admin = contextOf(t, 'orgA', 'admin')
    await assert.rejects(
      t.services.annexA.setRetention(contextOf(t, 'orgA', 'analyst'), { retentionMonths: 1 }),
      ForbiddenError,
    )
    await t.services.annexA.setRetention(admin, { retentionMonths: 1 })
    const later = createAnnexAService({
      db: t.database.db,
      audit: t.services.audit,
      clock: () => new Date(Date.now() + 40 * 86_400_000),
    })
    const { purgedRuns } = await later.purgeExpired(admin)
    assert.ok(purgedRuns.includes(firstRun))
    assert.equal(await count(t, 'annex_a_row', t.orgA.organisationId), 0)
    const run = await t.services.annexA.getRun(admin, firstRun)
    assert.equal(run.purged, true)
    assert.ok(run.rows > 0, 'counts are kept')
    const events = await t.services.audit.listRecent(admin, { limit: 100 })
    assert.ok(events.some(event => event.action === 'annex-a.run.purged' && event.subjectId === firstRun))
  })
})
