import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { syntheticCsvs, syntheticWorkbook, tempDir } from './fixtures.js'

describe('Annex A pages', () => {
  let t: TestApp
  let dir: string
  let file: string
  let runId: string
  before(async () => {
    t = await startTestApp()
    dir = await tempDir()
    file = (await syntheticWorkbook(dir, { children: 200, errorRate: 0.1 })).file
  })
  after(async () => {
    await t.close()
    await fs.rm(dir, { recursive: true, force: true })
  })

  const upload = async (
    agent: Awaited<ReturnType<typeof signedInAgent>>,
    attach: string | null,
    date = ['31', '3', '2024'],
  ) => {
    const form = await agent.get('/annex-a/runs/new').expect(200)
    let request = agent
      .post('/annex-a/runs/new')
      .field('_csrf', csrfTokenFrom(form.text))
      .field('referenceDate-day', date[0]!)
      .field('referenceDate-month', date[1]!)
      .field('referenceDate-year', date[2]!)
      .field('schema', 'auto')
      .field('population', '')
    if (attach) request = request.attach('annexAFile', attach)
    return request
  }

  it('uploads a workbook and shows the run with its issues log, filters and pagination', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const response = await upload(agent, file)
    assert.equal(response.status, 302)
    const match = /\/annex-a\/runs\/([0-9a-f-]{36})$/.exec(response.headers.location ?? '')
    assert.ok(match, `redirected to ${response.headers.location}`)
    runId = match[1]!
    const page = await agent.get(`/annex-a/runs/${runId}`).expect(200)
    assert.match(page.text, /Test run imported/)
    assert.match(page.text, /Issues log/)
    assert.ok(page.text.includes('govuk-pagination'), 'the issues log is paginated')
    const errorsOnly = await agent.get(`/annex-a/runs/${runId}?severity=error&list=1`).expect(200)
    const issuesSection = errorsOnly.text.slice(errorsOnly.text.indexOf('id="issues"'))
    assert.match(issuesSection, />\s*error\s*</)
    assert.ok(!/>\s*(warning|query)\s*</.test(issuesSection), 'only errors are listed')
    const issue = await agent.get(`/annex-a/runs/${runId}/issues/1`).expect(200)
    assert.match(issue.text, /The row as it was uploaded|Status/)
    await agent.get(`/annex-a/runs/${runId}/indicators`).expect(200).expect(/<svg/)
  })

  it('refuses an upload without a CSRF token before keeping anything', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    await agent.get('/annex-a/runs/new').expect(200)
    await agent.post('/annex-a/runs/new').field('referenceDate-day', '31').attach('annexAFile', file).expect(403)
  })

  it('shows precise errors for a missing file, a bad date and an unreadable file', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const missing = await upload(agent, null, ['31', '2', '2024'])
    assert.equal(missing.headers.location, '/annex-a/runs/new')
    const page = await agent.get('/annex-a/runs/new').expect(200)
    assert.match(page.text, /Select an Annex A file/)
    assert.match(page.text, /Reference date must be a real date/)

    const garbage = path.join(dir, 'garbage.xlsx')
    await fs.writeFile(garbage, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]))
    await upload(agent, garbage)
    const again = await agent.get('/annex-a/runs/new').expect(200)
    assert.match(again.text, /The selected file cannot be read: garbage\.xlsx is damaged/)
    const legacy = path.join(dir, 'old.xls')
    await fs.writeFile(
      legacy,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
    )
    await upload(agent, legacy)
    assert.match((await agent.get('/annex-a/runs/new')).text, /save it as|Save As/i)
  })

  it('gives viewers counts and indicators but no child-level rows, and no upload', async () => {
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const page = await viewer.get(`/annex-a/runs/${runId}`).expect(200)
    assert.match(page.text, /Rows and issues by list/)
    assert.doesNotMatch(page.text, /Issues log/)
    assert.doesNotMatch(page.text, /000000\d/, 'no child ids on the page')
    await viewer.get(`/annex-a/runs/${runId}/issues/1`).expect(403)
    await viewer.get(`/annex-a/runs/${runId}/export/issues.xlsx`).expect(403)
    await viewer.get('/annex-a/runs/new').expect(403)
    await viewer.get(`/annex-a/runs/${runId}/indicators`).expect(200)
  })

  it('never shows org A’s run to org B', async () => {
    const adminB = await signedInAgent(t.app, t.orgB.users.admin.email)
    await adminB.get(`/annex-a/runs/${runId}`).expect(404)
    await adminB.get(`/annex-a/runs/${runId}/export/lists.xlsx`).expect(404)
    const list = await adminB.get('/annex-a').expect(200)
    assert.doesNotMatch(list.text, new RegExp(runId))
  })

  it('exports a pseudonymised issues log as XLSX and records the export', async () => {
    const analyst = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const response = await analyst
      .get(`/annex-a/runs/${runId}/export/issues.xlsx`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => callback(null, Buffer.concat(chunks)))
      })
      .expect(200)
    assert.match(String(response.headers['content-disposition']), /pseudonymised\.xlsx/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(response.body as ArrayBuffer)
    const sheet = book.getWorksheet('Issues')!
    assert.equal(sheet.getRow(1).getCell(3).value, 'Child (pseudonym)')
    const children = sheet.getColumn(3).values.slice(2).filter(Boolean).map(String)
    assert.ok(children.length > 0 && children.every(child => /^P-[0-9a-f]{12}$/.test(child)))
    const events = await t.services.audit.listRecent({
      actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' },
    })
    assert.ok(events.some(event => event.action === 'child-data.export' && event.subjectId === runId))
  })

  it('shows one child across every list with their issues (audit-logged), filters the log by child, links the two', async () => {
    const analyst = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const { issues } = await t.services.annexA.listIssues(
      { actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' } },
      runId,
      { pageSize: 200 },
    )
    const childId = issues.find(issue => issue.childId && issue.list === 6)?.childId
    assert.ok(childId, 'a List 6 issue about a child')
    const runPage = await analyst.get(`/annex-a/runs/${runId}`).expect(200)
    assert.ok(runPage.text.includes(`/annex-a/runs/${runId}/children/`), 'the issues table links to child pages')

    const before = await t.database.db
      .selectFrom('audit_event')
      .select(t.database.db.fn.countAll<number>().as('count'))
      .where('action', '=', 'child-data.view')
      .executeTakeFirstOrThrow()
    const child = await analyst.get(`/annex-a/runs/${runId}/children/${encodeURIComponent(childId)}`).expect(200)
    assert.match(child.text, new RegExp(`Child ${childId} on every list`))
    assert.match(child.text, /List 6: /)
    assert.match(child.text, /Issues about this child/)
    const mine = issues.filter(issue => issue.childId === childId)
    for (const issue of mine) assert.ok(child.text.includes(`/issues/${issue.issueSeq}"`), `issue ${issue.issueSeq}`)
    const afterCount = await t.database.db
      .selectFrom('audit_event')
      .select(t.database.db.fn.countAll<number>().as('count'))
      .where('action', '=', 'child-data.view')
      .executeTakeFirstOrThrow()
    assert.ok(Number(afterCount.count) > Number(before.count), 'the child view is a child-data.view event')
    const latest = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'child-data.view')
      .orderBy('occurred_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    assert.ok(!JSON.stringify(latest).includes(childId), 'the audit event does not name the child')

    const filtered = await analyst.get(`/annex-a/runs/${runId}?child=${encodeURIComponent(childId)}`).expect(200)
    assert.match(filtered.text, new RegExp(`${mine.length} issues? match`))
    await analyst.get(`/annex-a/runs/${runId}/children/no-such-child`).expect(404)
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    await viewer.get(`/annex-a/runs/${runId}/children/${encodeURIComponent(childId)}`).expect(403)
    const adminB = await signedInAgent(t.app, t.orgB.users.admin.email)
    await adminB.get(`/annex-a/runs/${runId}/children/${encodeURIComponent(childId)}`).expect(404)
  })

  it('exports the issues log as CSV: pseudonymised, formulas neutralised, audit-logged', async () => {
    const analyst = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const response = await analyst.get(`/annex-a/runs/${runId}/export/issues.csv`).buffer(true).expect(200)
    assert.match(String(response.headers['content-type']), /text\/csv/)
    assert.match(String(response.headers['content-disposition']), /pseudonymised\.csv/)
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.match(lines[0]!, /^List,Row,Child \(pseudonym\),Column,Value,Severity,Code,What to fix/)
    const { total } = await t.services.annexA.listIssues(
      { actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' } },
      runId,
    )
    assert.ok(lines.length - 1 >= total, 'one line per issue (quoted messages may span no lines)')
    assert.ok(!/,0000\d{3},/.test(response.text), 'no raw child ids')
    const events = await t.services.audit.listRecent({
      actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' },
    })
    assert.ok(
      events.some(event => event.action === 'child-data.export' && JSON.stringify(event.details ?? {}).includes('csv')),
    )
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    await viewer.get(`/annex-a/runs/${runId}/export/issues.csv`).expect(403)
  })

  it('uploads several files (one CSV per list) as one test run', async () => {
    const csvDir = path.join(dir, 'lists')
    const { files } = await syntheticCsvs(csvDir, { children: 40, seed: 3 })
    const agent = await signedInAgent(t.app, t.orgB.users.analyst.email)
    const form = await agent.get('/annex-a/runs/new').expect(200)
    assert.match(form.text, /multiple/)
    let request = agent
      .post('/annex-a/runs/new')
      .field('_csrf', csrfTokenFrom(form.text))
      .field('referenceDate-day', '31')
      .field('referenceDate-month', '3')
      .field('referenceDate-year', '2024')
      .field('schema', 'auto')
      .field('population', '')
    for (const listFile of files) request = request.attach('annexAFile', listFile)
    const response = await request.expect(302)
    const match = /\/annex-a\/runs\/([0-9a-f-]{36})$/.exec(response.headers.location ?? '')
    assert.ok(match, `redirected to ${response.headers.location}`)
    const run = await t.services.annexA.getRun(
      { actor: { kind: 'system', organisationId: t.orgB.organisationId, label: 'test' } },
      match[1]!,
    )
    assert.equal(run.lists.length, 11)
    assert.ok(!run.issueCodes.some(entry => entry.code === 'list-missing'), 'no list is missing')
    assert.match(run.sourceName, /List 1\.csv/)
  })

  it('saves issue statuses with GOV.UK errors, and value mappings', async () => {
    const analyst = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const page = await analyst.get(`/annex-a/runs/${runId}/issues/1`).expect(200)
    await analyst
      .post(`/annex-a/runs/${runId}/issues/1`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), status: 'accepted', reason: '' })
      .expect(302)
    const withError = await analyst.get(`/annex-a/runs/${runId}/issues/1`).expect(200)
    assert.match(withError.text, /Enter why the issue is accepted/)
    await analyst
      .post(`/annex-a/runs/${runId}/issues/1`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(withError.text), status: 'accepted', reason: 'Right at source' })
      .expect(302)
    assert.match((await analyst.get(`/annex-a/runs/${runId}/issues/1`)).text, /accepted: Right at source/)

    const mappings = await analyst.get('/annex-a/mappings').expect(200)
    await analyst
      .post('/annex-a/mappings')
      .type('form')
      .send({ _csrf: csrfTokenFrom(mappings.text), list: '', column: 'gender', from: 'Boy', to: 'a) Male' })
      .expect(302)
    assert.match((await analyst.get('/annex-a/mappings')).text, /Boy/)
  })
})
