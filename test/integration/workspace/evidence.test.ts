import assert from 'node:assert/strict'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { systemContext, type RequestContext } from '../../../src/services/context.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../../src/services/errors.js'
import { EditConflictError } from '../../../src/services/workspace/errors.js'
import { createDiskEvidenceStore } from '../../../src/services/workspace/evidenceFiles.js'
import { createEvidenceService, EvidenceFileError } from '../../../src/services/workspace/evidenceService.js'
import { summariseEvidence } from '../../../src/services/workspace/evidenceSummary.js'
import { seedDemoEvidence } from '../../../src/services/workspace/evidenceDemo.js'
import { docx, minimalPdf } from '../../support/evidenceFixtures.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'

type Role = 'admin' | 'lead' | 'analyst' | 'auditor' | 'viewer'

function userContext(t: TestApp, org: 'orgA' | 'orgB', role: Role): RequestContext {
  const user = t[org].users[role]
  return {
    actor: { kind: 'user', userId: user.userId, organisationId: t[org].organisationId, role, label: user.displayName },
  }
}

const NOW = new Date('2026-11-23T10:00:00Z')

describe('evidence bank service: uploads, versions, locking, search, checklists', () => {
  let t: TestApp
  let root: string
  let evidence: ReturnType<typeof createEvidenceService>
  let analyst: RequestContext

  const filesOf = async (organisationId: string) => {
    try {
      return await readdir(path.join(root, organisationId))
    } catch {
      return []
    }
  }
  const count = async (table: 'evidence_item' | 'evidence_file', organisationId: string) =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select(eb => eb.fn.countAll<number>().as('n'))
          .where('organisation_id', '=', organisationId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const auditActions = async (organisationId: string, subjectId: string) =>
    (
      await t.database.db
        .selectFrom('audit_event')
        .select('action')
        .where('organisation_id', '=', organisationId)
        .where('subject_id', '=', subjectId)
        .orderBy('occurred_at')
        .execute()
    ).map(row => row.action)

  before(async () => {
    t = await startTestApp()
    root = await mkdtemp(path.join(os.tmpdir(), 'readiness-evidence-test-'))
    evidence = createEvidenceService({
      db: t.database.db,
      audit: t.services.audit,
      clock: () => NOW,
      files: createDiskEvidenceStore(root),
      maxBytes: 64 * 1024,
    })
    analyst = userContext(t, 'orgA', 'analyst')
  })
  after(async () => {
    await t.close()
    await rm(root, { recursive: true, force: true })
  })

  it('stores a file by content address with its checksum, detected type and an audit event', async () => {
    const pdf = minimalPdf('LSCB minutes')
    const created = await evidence.create(
      analyst,
      {
        title: '  LSCB minutes, October  ',
        documentType: 'minutes',
        owner: 'LSCB business manager',
        documentDate: '2026-10-14',
        reviewDue: '',
        tags: 'LSCB, Governance, lscb',
        areas: ['slac-2009/lscb-minutes'],
      },
      { filename: 'C:\\fakepath\\lscb-october.pdf', bytes: pdf },
    )
    assert.equal(created.mediaType, 'application/pdf')
    assert.match(created.sha256, /^[0-9a-f]{64}$/)
    assert.deepEqual(await filesOf(t.orgA.organisationId), [created.sha256])
    const { item, versions } = await evidence.get(analyst, created.id)
    assert.equal(item.title, 'LSCB minutes, October')
    assert.deepEqual(item.tags, ['lscb', 'governance'])
    assert.equal(item.version, 1)
    assert.equal(versions.length, 1)
    assert.equal(versions[0]!.originalFilename, 'lscb-october.pdf')
    assert.equal(versions[0]!.sizeBytes, pdf.length)
    const download = await evidence.download(analyst, created.id)
    assert.ok(download.bytes.equals(pdf))
    assert.equal(download.mediaType, 'application/pdf')
    assert.deepEqual(await auditActions(t.orgA.organisationId, created.id), ['evidence.created', 'evidence.downloaded'])
  })

  it('keeps every version, and refuses a new version uploaded against a stale lock without leaving its file', async () => {
    const created = await evidence.create(
      analyst,
      { title: 'QA framework', documentType: 'audit' },
      { filename: 'qa.docx', bytes: await docx('Version 1') },
    )
    const second = await docx('Version 2 with the audit plan')
    const added = await evidence.addVersion(
      analyst,
      created.id,
      { expectedVersion: 1, note: 'Audit plan' },
      {
        filename: 'qa-v2.docx',
        bytes: second,
      },
    )
    assert.equal(added.versionNumber, 2)
    const { item, versions } = await evidence.get(analyst, created.id)
    assert.equal(item.version, 2)
    assert.deepEqual(
      versions.map(version => [version.versionNumber, version.originalFilename, version.note]),
      [
        [2, 'qa-v2.docx', 'Audit plan'],
        [1, 'qa.docx', ''],
      ],
    )
    assert.ok((await evidence.download(analyst, created.id, 2)).bytes.equals(second))
    assert.match((await evidence.download(analyst, created.id, 1)).bytes.toString('latin1'), /^PK/)
    await assert.rejects(evidence.download(analyst, created.id, 3), NotFoundError)

    const before = await filesOf(t.orgA.organisationId)
    await assert.rejects(
      evidence.addVersion(
        analyst,
        created.id,
        { expectedVersion: 1 },
        { filename: 'late.pdf', bytes: minimalPdf('late') },
      ),
      EditConflictError,
    )
    assert.deepEqual((await filesOf(t.orgA.organisationId)).sort(), before.sort(), 'the refused version left a file')
    assert.equal((await evidence.get(analyst, created.id)).versions.length, 2)
    assert.deepEqual(await auditActions(t.orgA.organisationId, created.id), [
      'evidence.created',
      'evidence.version-added',
      'evidence.downloaded',
      'evidence.downloaded',
    ])
  })

  it('never silently overwrites a concurrent metadata edit (optimistic locking)', async () => {
    const created = await evidence.create(
      analyst,
      { title: 'Missing children protocol', documentType: 'policy', reviewDue: '2027-01-31' },
      { filename: 'missing.txt', bytes: Buffer.from('Protocol text\n') },
    )
    const lead = userContext(t, 'orgA', 'lead')
    const results = await Promise.allSettled([
      evidence.update(analyst, created.id, { expectedVersion: 1, title: 'Edit by analyst', documentType: 'policy' }),
      evidence.update(lead, created.id, { expectedVersion: 1, title: 'Edit by lead', documentType: 'policy' }),
    ])
    assert.equal(results.filter(result => result.status === 'fulfilled').length, 1)
    const rejected = results.find(result => result.status === 'rejected') as PromiseRejectedResult
    assert.ok(rejected.reason instanceof EditConflictError)
    assert.match(rejected.reason.message, /changed by someone else.*not saved/)
    const { item } = await evidence.get(analyst, created.id)
    assert.equal(item.version, 2)
    assert.ok(['Edit by analyst', 'Edit by lead'].includes(item.title))
    await assert.rejects(
      evidence.update(analyst, created.id, { expectedVersion: 1, title: 'Stale', documentType: 'policy' }),
      EditConflictError,
    )
    const updated = await evidence.update(analyst, created.id, {
      expectedVersion: 2,
      title: 'Missing children protocol',
      documentType: 'policy',
      reviewDue: '2026-11-01',
      owner: 'Head of Safeguarding',
    })
    assert.equal(updated.version, 3)
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('subject_id', '=', created.id)
      .where('action', '=', 'evidence.updated')
      .execute()
    assert.equal(events.length, 2)
    assert.deepEqual((events[1]!.details as { changed: string[] }).changed.sort(), ['owner', 'review_due', 'title'])
  })

  it('refuses bad files and bad metadata before storing anything', async () => {
    const org = t.orgA.organisationId
    const before = {
      items: await count('evidence_item', org),
      files: await count('evidence_file', org),
      disk: await filesOf(org),
    }
    const refusals: [Parameters<typeof evidence.create>[1], { filename: string; bytes: Uint8Array }, RegExp][] = [
      [
        { title: 'Report', documentType: 'report' },
        { filename: 'report.pdf', bytes: Buffer.from('<html><script>x</script></html>') },
        /web page markup/,
      ],
      [{ title: 'Empty', documentType: 'report' }, { filename: 'empty.pdf', bytes: new Uint8Array() }, /empty/],
      [
        { title: 'Big', documentType: 'report' },
        { filename: 'big.txt', bytes: Buffer.alloc(64 * 1024 + 1, 'a') },
        /64 KB|0\.1 MB.*files must be/,
      ],
      [
        { title: 'Zip', documentType: 'report' },
        { filename: 'x.docx', bytes: Buffer.from('PK\x03\x04junk', 'latin1') },
        /damaged/,
      ],
    ]
    for (const [metadata, file, reason] of refusals) {
      const error = await evidence.create(analyst, metadata, file).then(
        () => assert.fail(`${file.filename} was accepted`),
        (caught: unknown) => caught,
      )
      assert.ok(error instanceof EvidenceFileError, String(error))
      assert.match(error.fieldErrors.file!, reason)
    }
    const badMetadata: [Parameters<typeof evidence.create>[1], string][] = [
      [{ title: '', documentType: 'report' }, 'title'],
      [{ title: 'x', documentType: 'spreadsheet' }, 'documentType'],
      [{ title: 'x', documentType: 'report', documentDate: '2026-02-30' }, 'documentDate'],
      [{ title: 'x', documentType: 'report', areas: ['slac-2009/not-a-document'] }, 'areas'],
      [{ title: 'x', documentType: 'report', tags: 'a'.repeat(41) }, 'tags'],
    ]
    for (const [metadata, field] of badMetadata) {
      await assert.rejects(
        evidence.create(analyst, metadata, { filename: 'ok.pdf', bytes: minimalPdf('never stored') }),
        (error: unknown) => error instanceof ValidationError && field in error.fieldErrors,
        field,
      )
    }
    assert.equal(await count('evidence_item', org), before.items)
    assert.equal(await count('evidence_file', org), before.files)
    assert.deepEqual((await filesOf(org)).sort(), before.disk.sort())
  })

  it('lets every role read, only editors change, and keeps organisations apart', async () => {
    const created = await evidence.create(
      analyst,
      { title: 'IRO annual report', documentType: 'report' },
      { filename: 'iro.pdf', bytes: minimalPdf('IRO') },
    )
    for (const role of ['admin', 'lead', 'analyst', 'auditor', 'viewer'] as const) {
      const context = userContext(t, 'orgA', role)
      assert.match((await evidence.get(context, created.id)).item.title, /^IRO annual report/, role)
      assert.ok((await evidence.download(context, created.id)).bytes.length > 0, role)
      const canEdit = role === 'admin' || role === 'lead' || role === 'analyst'
      const update = evidence.update(context, created.id, {
        expectedVersion: (await evidence.get(context, created.id)).item.version,
        title: `IRO annual report (${role})`,
        documentType: 'report',
      })
      if (canEdit) await update
      else await assert.rejects(update, ForbiddenError, role)
      const upload = evidence.create(
        context,
        { title: 'x', documentType: 'report' },
        { filename: 'x.txt', bytes: Buffer.from('x') },
      )
      if (canEdit) await upload
      else await assert.rejects(upload, ForbiddenError, role)
    }
    const other = userContext(t, 'orgB', 'admin')
    await assert.rejects(evidence.get(other, created.id), NotFoundError)
    await assert.rejects(evidence.download(other, created.id), NotFoundError)
    await assert.rejects(
      evidence.update(other, created.id, { expectedVersion: 9, title: 'Hijack', documentType: 'report' }),
      NotFoundError,
    )
    assert.equal((await evidence.list(other, { search: 'IRO' })).total, 0)
    // The same bytes uploaded by another organisation are stored under that organisation, not shared.
    const mine = await evidence.create(
      other,
      { title: 'Same bytes', documentType: 'report' },
      {
        filename: 'iro.pdf',
        bytes: minimalPdf('IRO'),
      },
    )
    assert.deepEqual(await filesOf(t.orgB.organisationId), [mine.sha256])
  })

  it('searches by text, file name, tag, area, owner and type; LIKE wildcards are literal', async () => {
    const context = userContext(t, 'orgB', 'analyst')
    const add = (title: string, extra: Record<string, unknown>, filename = `${title.replace(/\W+/g, '-')}.txt`) =>
      evidence.create(
        context,
        { title, documentType: 'report', ...extra },
        { filename, bytes: Buffer.from(`${title}\n`) },
      )
    await add('Neglect strategy', { tags: 'neglect, lscb', owner: 'LSCB business manager', documentType: 'policy' })
    await add('Workforce report', {
      tags: 'workforce',
      owner: 'Principal social worker',
      areas: ['slac-2009/workforce-data'],
    })
    await add('Case audit summary', { description: 'Themed audit of 100% of neglect cases' }, 'audit_summary_q3.csv')
    const titles = async (filters: Record<string, string>) =>
      (await evidence.list(context, filters)).items.map(item => item.title).sort()
    assert.deepEqual(await titles({ search: 'NEGLECT' }), ['Case audit summary', 'Neglect strategy'])
    assert.deepEqual(await titles({ search: 'summary_q3' }), ['Case audit summary'])
    assert.deepEqual(await titles({ search: '100%' }), ['Case audit summary'])
    assert.deepEqual(await titles({ search: '%' }), ['Case audit summary'])
    assert.deepEqual(await titles({ search: '_' }), ['Case audit summary'])
    assert.deepEqual(await titles({ tag: 'LSCB' }), ['Neglect strategy'])
    assert.deepEqual(await titles({ area: 'slac-2009/workforce-data' }), ['Workforce report'])
    assert.deepEqual(await titles({ owner: 'principal social worker' }), ['Workforce report'])
    assert.deepEqual(await titles({ documentType: 'policy' }), ['Neglect strategy'])
    assert.deepEqual(await titles({ search: 'workforce', tag: 'neglect' }), [])
    const facets = await evidence.facets(context)
    assert.deepEqual(facets.tags, ['lscb', 'neglect', 'workforce'])
    assert.deepEqual(facets.owners, ['LSCB business manager', 'Principal social worker'])
  })

  it('links evidence to self-evaluation criteria ("What is our evidence?")', async () => {
    const lead = userContext(t, 'orgA', 'lead')
    const { sefId } = await t.services.workspace.selfEvaluations.create(lead, {
      frameworkId: 'ilacs-2023',
      title: 'SEF 2026',
    })
    const options = await evidence.criterionOptions(lead)
    const criterion = options.find(option => option.sefId === sefId)!.criteria[0]!
    const created = await evidence.create(
      lead,
      { title: 'Audit findings', documentType: 'audit' },
      {
        filename: 'audit.txt',
        bytes: Buffer.from('Audit findings\n'),
      },
    )
    await evidence.linkCriterion(lead, created.id, { expectedVersion: 1, sefId, criterionId: criterion.criterionId })
    await assert.rejects(
      evidence.linkCriterion(lead, created.id, { expectedVersion: 2, sefId, criterionId: criterion.criterionId }),
      ValidationError,
    )
    await assert.rejects(
      evidence.linkCriterion(lead, created.id, { expectedVersion: 2, sefId, criterionId: 'no-such' }),
      ValidationError,
    )
    const { links } = await evidence.get(lead, created.id)
    assert.deepEqual(
      links.map(link => [link.sefTitle, link.criterionText]),
      [['SEF 2026', criterion.text]],
    )
    assert.deepEqual(await evidence.evidenceForSef(lead, sefId), {
      [criterion.criterionId]: [{ id: created.id, title: 'Audit findings' }],
    })
    await assert.rejects(
      evidence.linkCriterion(userContext(t, 'orgA', 'viewer'), created.id, {
        expectedVersion: 2,
        sefId,
        criterionId: 'x',
      }),
      ForbiddenError,
    )
    await evidence.unlinkCriterion(lead, created.id, { expectedVersion: 2, sefId, criterionId: criterion.criterionId })
    assert.deepEqual((await evidence.get(lead, created.id)).links, [])
  })

  it('gives the dashboard coverage, staleness and overdue policies from a realistic demo bank', async () => {
    const organisation = await t.services.organisations.create({ name: 'Evidence Demo Council' }, 'test')
    const context = systemContext(organisation.organisationId, 'test')
    const workspace = { ...t.services.workspace, evidence }
    await seedDemoEvidence(workspace, organisation.organisationId)
    const slac = await summariseEvidence(evidence, context, { frameworkId: 'slac-2009' })
    const checklist = await evidence.checklist(context, 'slac-2009')
    const status = (id: string) => checklist.results.find(entry => entry.requirement.documentId === id)!.status
    assert.equal(status('lscb-minutes'), 'met')
    assert.equal(status('childrens-trust-board'), 'not-met')
    assert.equal(status('workforce-data'), 'stale')
    assert.equal(status('missing-children'), 'stale')
    assert.equal(status('caf-data'), 'not-met')
    assert.equal(slac.requirements, 16)
    assert.equal(slac.met + slac.stale + slac.notMet, 16)
    assert.equal(slac.coveragePercent, Math.floor((slac.met * 100) / 16))
    assert.deepEqual(slac.policies, { total: 7, overdue: 2, dueSoon: 1, noReviewDate: 1 })
    assert.equal(slac.reviewsOverdue, 2)
    const ilacs = await summariseEvidence(evidence, context)
    assert.equal(ilacs.frameworkId, 'ilacs-2023')
    assert.equal(ilacs.requirements, 12)
    assert.equal(ilacs.met, 9)
    assert.equal(ilacs.notMet, 3)
    assert.equal(ilacs.href, '/evidence/checklists/ilacs-2023')
    const qa = (await evidence.list(context, { search: 'Quality assurance framework' })).items[0]!
    assert.equal(qa.fileCount, 2)
    await assert.rejects(evidence.checklist(context, 'no-such-framework'), NotFoundError)
  })
})
