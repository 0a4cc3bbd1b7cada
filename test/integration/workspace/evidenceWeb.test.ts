import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { systemContext } from '../../../src/services/context.js'
import { runCliInProcess } from '../../support/cli.js'
import { minimalPdf } from '../../support/evidenceFixtures.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

const binaryParser = (
  res: NodeJS.ReadableStream & { setEncoding(e: string): void },
  done: (e: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

describe('evidence bank pages and command line', () => {
  let t: TestApp
  let dir: string
  const savedLimit = process.env.READINESS_EVIDENCE_MAX_MB
  const countItems = async (organisationId: string) =>
    (await t.services.workspace.evidence.list(systemContext(organisationId))).total

  before(async () => {
    // A 1 MB limit for this file: proves the limit is configurable without uploading 25 MB.
    process.env.READINESS_EVIDENCE_MAX_MB = '1'
    t = await startTestApp()
    dir = await mkdtemp(path.join(os.tmpdir(), 'readiness-evidence-web-'))
  })
  after(async () => {
    if (savedLimit === undefined) delete process.env.READINESS_EVIDENCE_MAX_MB
    else process.env.READINESS_EVIDENCE_MAX_MB = savedLimit
    await t.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('uploads a document, shows it, and downloads it as an attachment with the detected type', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const form = await agent.get('/evidence/new').expect(200)
    assert.match(form.text, /up to 1 MB/)
    const pdf = minimalPdf('Neglect strategy')
    const posted = await agent
      .post('/evidence/new')
      .field('_csrf', csrfTokenFrom(form.text))
      .field('title', 'Neglect strategy <b>2026</b>')
      .field('documentType', 'policy')
      .field('owner', 'LSCB business manager')
      .field('documentDate-day', '1')
      .field('documentDate-month', '9')
      .field('documentDate-year', '2026')
      .field('reviewDue-day', '1')
      .field('reviewDue-month', '1')
      .field('reviewDue-year', '2020')
      .field('tags', 'neglect, LSCB')
      .field('areas', 'slac-2009/missing-children')
      .field('areas', 'ilacs-2023/help-and-protection')
      .attach('file', pdf, 'Neglect strategy.pdf')
      .expect(302)
    const itemPath = posted.headers.location as string
    assert.match(itemPath, /^\/evidence\/[0-9a-f-]{36}$/)
    const page = await agent.get(itemPath).expect(200)
    assert.match(page.text, /Evidence added/)
    assert.match(page.text, /Neglect strategy &lt;b&gt;2026&lt;\/b&gt;/)
    assert.match(page.text, /Overdue/)
    assert.match(page.text, /Arrangements for identifying and responding to missing children/)
    const download = await agent
      .get(`${itemPath}/versions/1/download`)
      .buffer(true)
      .parse(binaryParser as never)
      .expect(200)
    assert.equal(download.headers['content-type'], 'application/pdf')
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="Neglect strategy.pdf"/)
    assert.equal(download.headers['x-content-type-options'], 'nosniff')
    assert.match(String(download.headers['content-security-policy']), /sandbox/)
    assert.ok(Buffer.from(download.body as Buffer).equals(pdf))

    const list = await agent.get('/evidence?search=neglect').expect(200)
    assert.match(list.text, /1 matching item/)
    const byTag = await agent.get('/evidence?tag=lscb').expect(200)
    assert.match(byTag.text, /Neglect strategy/)
    const byArea = await agent.get(`/evidence?area=${encodeURIComponent('ilacs-2023/help-and-protection')}`).expect(200)
    assert.match(byArea.text, /supporting “The experiences and progress of children who need help and protection”/)
    assert.match((await agent.get('/evidence?owner=nobody').expect(200)).text, /No evidence matches that search/)
    const policies = await agent.get('/evidence/policies').expect(200)
    assert.match(policies.text, /1 policy: 1 overdue for review/)
    const checklist = await agent.get('/evidence/checklists/slac-2009').expect(200)
    assert.match(checklist.text, /Minutes of the last six Local Safeguarding Children Board meetings/)
    assert.match(checklist.text, /Review overdue: &quot;Neglect strategy/)
    assert.match(
      (await agent.get('/evidence/checklists').expect(200)).text,
      /Inspection of safeguarding and looked after children services/,
    )
    await agent.get('/evidence/checklists/no-such').expect(404)
    await agent.get('/evidence/not-a-uuid').expect(404)
    await agent.get(`${itemPath}/versions/9/download`).expect(404)
  })

  it('refuses hostile, empty and oversized files with a message on the form, leaving nothing behind', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.lead.email)
    const before = await countItems(t.orgA.organisationId)
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.from('<html><body onload="alert(1)">x</body></html>'), 'minutes.pdf', /web page markup/],
      [Buffer.from('MZ\x90\x00\x03', 'latin1'), 'tool.exe', /Windows program/],
      [Buffer.alloc(1024 * 1024 + 10, 'a'), 'big.txt', /must be 1 MB or smaller/],
    ]
    for (const [content, name, message] of cases) {
      const form = await agent.get('/evidence/new').expect(200)
      const posted = await agent
        .post('/evidence/new')
        .field('_csrf', csrfTokenFrom(form.text))
        .field('title', 'Hostile')
        .field('documentType', 'report')
        .attach('file', content, name)
        .expect(302)
      assert.equal(posted.headers.location, '/evidence/new')
      const back = await agent.get('/evidence/new').expect(200)
      assert.match(back.text, /There is a problem/)
      assert.match(back.text, message, name)
      assert.match(back.text, /href="#file"/)
    }
    const form = await agent.get('/evidence/new').expect(200)
    await agent.post('/evidence/new').field('_csrf', csrfTokenFrom(form.text)).field('title', '').expect(302)
    const missing = await agent.get('/evidence/new').expect(200)
    assert.match(missing.text, /Select a file/)
    assert.match(missing.text, /Enter a title/)
    assert.match(missing.text, /Select the type of document/)
    assert.equal(await countItems(t.orgA.organisationId), before)
    const uploads = await readdir(path.join(os.tmpdir(), 'readiness-uploads')).catch(() => [])
    assert.ok(uploads.length < 50, 'multer temporary files are removed')
  })

  it('shows a clear conflict message when two people edit the same item, and keeps both versions of history', async () => {
    const created = await t.services.workspace.evidence.create(
      systemContext(t.orgA.organisationId),
      { title: 'CYPP annual review', documentType: 'plan' },
      { filename: 'cypp.txt', bytes: Buffer.from('Plan\n') },
    )
    const first = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const second = await signedInAgent(t.app, t.orgA.users.lead.email)
    const formA = await first.get(`/evidence/${created.id}/edit`).expect(200)
    const formB = await second.get(`/evidence/${created.id}/edit`).expect(200)
    const fields = (html: string, title: string) => ({
      _csrf: csrfTokenFrom(html),
      expectedVersion: /name="expectedVersion" value="(\d+)"/.exec(html)![1],
      title,
      documentType: 'plan',
      tags: 'cypp',
    })
    await first.post(`/evidence/${created.id}/edit`).type('form').send(fields(formA.text, 'Saved first')).expect(302)
    const conflict = await second
      .post(`/evidence/${created.id}/edit`)
      .type('form')
      .send(fields(formB.text, 'Saved second'))
      .expect(302)
    assert.equal(conflict.headers.location, `/evidence/${created.id}/edit`)
    const again = await second.get(`/evidence/${created.id}/edit`).expect(200)
    assert.match(again.text, /changed by someone else while you were editing it/)
    assert.match(again.text, /value="Saved second"/)
    assert.match(again.text, /name="expectedVersion" value="2"/)
    assert.equal(
      (await t.services.workspace.evidence.get(systemContext(t.orgA.organisationId), created.id)).item.title,
      'Saved first',
    )
    await second.post(`/evidence/${created.id}/edit`).type('form').send(fields(again.text, 'Saved second')).expect(302)
    assert.equal(
      (await t.services.workspace.evidence.get(systemContext(t.orgA.organisationId), created.id)).item.title,
      'Saved second',
    )

    const item = await first.get(`/evidence/${created.id}`).expect(200)
    const stale = await first
      .post(`/evidence/${created.id}/versions`)
      .field('_csrf', csrfTokenFrom(item.text))
      .field('expectedVersion', '1')
      .attach('file', Buffer.from('Plan v2\n'), 'cypp-v2.txt')
      .expect(302)
    assert.equal(stale.headers.location, `/evidence/${created.id}`)
    assert.match((await first.get(`/evidence/${created.id}`).expect(200)).text, /changed by someone else/)
    const fresh = await first.get(`/evidence/${created.id}`).expect(200)
    await first
      .post(`/evidence/${created.id}/versions`)
      .field('_csrf', csrfTokenFrom(fresh.text))
      .field('expectedVersion', /name="expectedVersion" value="(\d+)"/.exec(fresh.text)![1]!)
      .field('note', 'Updated priorities')
      .attach('file', Buffer.from('Plan v2\n'), 'cypp-v2.txt')
      .expect(302)
    const withVersions = await first.get(`/evidence/${created.id}`).expect(200)
    assert.match(withVersions.text, /Version 2 uploaded/)
    assert.match(withVersions.text, /Download cypp-v2.txt/)
    assert.match(withVersions.text, /Download cypp.txt/)
  })

  it('lets viewers and auditors read and download but not upload or edit; other organisations see nothing', async () => {
    const created = await t.services.workspace.evidence.create(
      systemContext(t.orgA.organisationId),
      { title: 'Org chart', documentType: 'organisation-chart' },
      { filename: 'chart.txt', bytes: Buffer.from('DCS\n') },
    )
    for (const role of ['viewer', 'auditor'] as const) {
      const agent = await signedInAgent(t.app, t.orgA.users[role].email)
      const page = await agent.get(`/evidence/${created.id}`).expect(200)
      assert.doesNotMatch(page.text, /Upload a new version|Edit details/)
      await agent.get(`/evidence/${created.id}/versions/1/download`).expect(200)
      await agent.get('/evidence/new').expect(403)
      await agent.get(`/evidence/${created.id}/edit`).expect(403)
      await agent
        .post(`/evidence/${created.id}/edit`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(page.text), expectedVersion: '1', title: 'x', documentType: 'plan' })
        .expect(403)
      await agent
        .post('/evidence/new')
        .field('_csrf', csrfTokenFrom(page.text))
        .field('title', 'x')
        .field('documentType', 'plan')
        .attach('file', Buffer.from('x\n'), 'x.txt')
        .expect(403)
    }
    const other = await signedInAgent(t.app, t.orgB.users.admin.email)
    await other.get(`/evidence/${created.id}`).expect(404)
    await other.get(`/evidence/${created.id}/versions/1/download`).expect(404)
    assert.doesNotMatch((await other.get('/evidence').expect(200)).text, /Org chart/)
  })

  it('adds, lists and checks evidence from the command line', async () => {
    const dataDir = path.join(dir, 'data')
    const env = { DATABASE_URL: t.database.url, NODE_ENV: 'development', READINESS_DATA_DIR: dataDir }
    const org = ['--organisation', t.orgB.name]
    const file = path.join(dir, 'lscb-minutes.pdf')
    await writeFile(file, minimalPdf('LSCB'))
    const added = await runCliInProcess(
      [
        'evidence',
        'add',
        file,
        '--title',
        'LSCB minutes',
        '--type',
        'minutes',
        '--tags',
        'lscb,governance',
        '--area',
        'slac-2009/lscb-minutes',
        '--date',
        '2026-10-01',
        '--review-due',
        '2027-10-01',
        '--json',
        ...org,
      ],
      env,
    )
    assert.equal(added.code, 0, added.stderr)
    const result = JSON.parse(added.stdout) as { id: string; sha256: string; mediaType: string }
    assert.equal(result.mediaType, 'application/pdf')
    assert.deepEqual(await readdir(path.join(dataDir, 'evidence', t.orgB.organisationId)), [result.sha256])

    const listed = await runCliInProcess(['evidence', 'list', '--search', 'lscb', '--json', ...org], env)
    assert.equal(listed.code, 0, listed.stderr)
    const list = JSON.parse(listed.stdout) as { total: number; items: { id: string; tags: string[] }[] }
    assert.equal(list.total, 1)
    assert.deepEqual(list.items[0]!.tags, ['lscb', 'governance'])

    const checked = await runCliInProcess(['evidence', 'checklist', '--framework', 'slac-2009', '--json', ...org], env)
    assert.equal(checked.code, 0, checked.stderr)
    const checklist = JSON.parse(checked.stdout) as {
      requirements: { key: string; status: string; reasons: string[] }[]
    }
    const lscb = checklist.requirements.find(entry => entry.key === 'slac-2009/lscb-minutes')!
    assert.equal(lscb.status, 'not-met')
    assert.deepEqual(lscb.reasons, ['1 of 6 items are in the bank'])

    const html = path.join(dir, 'report.pdf')
    await writeFile(html, '<html><script>alert(1)</script></html>')
    const refusals: [string[], RegExp][] = [
      [['evidence', 'add', html, '--title', 'x', '--json', ...org], /web page markup/],
      [
        ['evidence', 'add', file, '--title', 'x', '--review-due', '2026-02-30', '--json', ...org],
        /--review-due must be a real date/,
      ],
      [['evidence', 'add', path.join(dir, 'nope.pdf'), '--title', 'x', '--json', ...org], /no such file/],
      [['evidence', 'add', file, '--title', 'x', '--area', 'bogus', '--json', ...org], /framework areas/],
      [['evidence', 'checklist', '--framework', 'bogus', '--json', ...org], /--framework must be one of/],
    ]
    for (const [args, message] of refusals) {
      const refused = await runCliInProcess(args, env)
      assert.equal(refused.code, 2, `${args.join(' ')}: ${refused.stderr}`)
      assert.equal(refused.stdout, '')
      assert.match(refused.stderr, message)
      assert.equal(refused.stderr.trim().split('\n').length, 1)
    }
    assert.equal(await countItems(t.orgB.organisationId), 1)
    assert.equal((await readdir(path.join(dataDir, 'evidence', t.orgB.organisationId))).length, 1)
  })
})
