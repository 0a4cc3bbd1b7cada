import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { questionsOf, readThemeItemMarker, twentyDayPeriod } from '../../../src/domain/audits/index.js'
import { exportAuditSummaryXlsx } from '../../../src/services/audits/exportAuditSummaryXlsx.js'
import { exportCaseAuditDocx } from '../../../src/services/audits/exportCaseAuditDocx.js'
import { exportTwentyDayUpdateDocx } from '../../../src/services/audits/exportTwentyDayUpdateDocx.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../../src/services/errors.js'
import { EditConflictError } from '../../../src/services/workspace/errors.js'
import { docxText } from '../../support/docxText.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf, importSyntheticRun } from './fixtures.js'
import { answersFor, completedRound } from './roundFixture.js'

async function events(t: TestApp, action: string) {
  return t.database.db
    .selectFrom('audit_event')
    .select(['action', 'subject_type', 'subject_id', 'details'])
    .where('organisation_id', '=', t.orgA.organisationId)
    .where('action', '=', action)
    .execute()
}

describe('audit exports, reports, themes into the plan, templates, taxonomy and stored plans', () => {
  let t: TestApp
  let runId: string
  let round: Awaited<ReturnType<typeof completedRound>>
  before(async () => {
    t = await startTestApp()
    runId = await importSyntheticRun(t, 'orgA')
    round = await completedRound(t, runId, 'extras')
  })
  after(async () => t.close())

  it('exports one audit as a committee-readable DOCX and logs a child-data export without the child id', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const { content, fileName } = await exportCaseAuditDocx(t.services.audits.reports, lead, round.auditIds[1]!)
    assert.match(fileName, /^case-audit-[0-9a-f]{8}\.docx$/)
    const { text } = await docxText(content)
    for (const expected of [
      `Case audit: child ${round.childIds[1]}`,
      'Template: Child’s journey case audit (version 1)',
      'Help and protection',
      'Risk management',
      'Supervision is not recorded monthly.',
      'Record supervision monthly on the child’s file.',
      'Overall grade: Requires improvement',
      'Social work practice',
      'Not signed off yet.',
      'overall grade agreed (moderator: Requires improvement)',
    ])
      assert.ok(text.includes(expected), `the document has "${expected}"`)
    const signed = await docxText(
      (await exportCaseAuditDocx(t.services.audits.reports, lead, round.auditIds[0]!)).content,
    )
    assert.match(signed.text, /Practitioner: Pat Practitioner\nTeam manager: Morgan Manager/)
    const exported = await events(t, 'child-data.export')
    assert.ok(exported.some(event => event.subject_type === 'case-audit' && event.subject_id === round.auditIds[1]))
    assert.ok(exported.every(event => !round.childIds.some(child => JSON.stringify(event.details).includes(child))))
  })

  it('refuses the DOCX export to people without the right, and across organisations', async () => {
    const reports = t.services.audits.reports
    await assert.rejects(
      exportCaseAuditDocx(reports, contextOf(t, 'orgA', 'auditor'), round.auditIds[0]!),
      ForbiddenError,
    )
    await assert.rejects(
      exportCaseAuditDocx(reports, contextOf(t, 'orgA', 'viewer'), round.auditIds[0]!),
      ForbiddenError,
    )
    await assert.rejects(exportCaseAuditDocx(reports, contextOf(t, 'orgB', 'lead'), round.auditIds[0]!), NotFoundError)
    await assert.rejects(exportCaseAuditDocx(reports, contextOf(t, 'orgA', 'lead'), 'not-an-id'), NotFoundError)
  })

  it('exports the summary as XLSX with grades by team, month and question, themes and agreement', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const { content, summary } = await exportAuditSummaryXlsx(t.services.audits.reports, lead, {
      kind: 'sample',
      sampleId: round.sampleId,
    })
    assert.equal(summary.audits, 3)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
    assert.deepEqual(
      workbook.worksheets.map(sheet => sheet.name),
      ['About', 'By team', 'By month', 'By question', 'Themes', 'Agreement'],
    )
    const themes = workbook.getWorksheet('Themes')!
    assert.equal(themes.getCell('A2').value, 'Social work practice')
    assert.equal(themes.getCell('B2').value, 2)
    const byQuestion = workbook.getWorksheet('By question')!
    assert.equal(byQuestion.rowCount, 1 + questionsOf(t.services.audits.caseAudits.templates()[0]!).length)
    const teamTotals = workbook
      .getWorksheet('By team')!
      .getSheetValues()
      .slice(2)
      .reduce((sum, row) => sum + Number((row as unknown[]).at(-1)), 0)
    assert.equal(teamTotals, 3)
    assert.equal(workbook.getWorksheet('Agreement')!.getCell('F2').value, 'Yes')
    assert.ok(
      (await events(t, 'child-data.export')).some(
        event => event.subject_type === 'case-audit-summary' && event.subject_id === round.sampleId,
      ),
    )
    await assert.rejects(
      exportAuditSummaryXlsx(t.services.audits.reports, contextOf(t, 'orgA', 'auditor')),
      ForbiddenError,
    )
  })

  it('turns the round’s themes into plan items that link back, once only, even when run twice at once', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const { planId } = await t.services.workspace.plans.create(lead, { title: 'Improvement plan', kind: 'improvement' })
    const request = { round: { kind: 'sample' as const, sampleId: round.sampleId }, planId }
    const [first, second] = await Promise.all([
      t.services.audits.themesToPlan.createItems(lead, request),
      t.services.audits.themesToPlan.createItems(lead, request),
    ])
    assert.equal(first.created.length + second.created.length, 3)
    assert.equal(first.skipped.length + second.skipped.length, 3)
    const again = await t.services.audits.themesToPlan.createItems(lead, request)
    assert.deepEqual(again.created, [])
    const plan = await t.services.workspace.plans.get(lead, planId)
    const items = plan.sections.flatMap(section => section.items)
    assert.equal(items.length, 3)
    assert.deepEqual(items.map(item => readThemeItemMarker(item.sourceReference)?.themeId).sort(), [
      'early-help',
      'multi-agency-working',
      'social-work-practice',
    ])
    const practice = items.find(item => item.sourceReference.includes('social-work-practice'))!
    assert.match(practice.issue, /^Social work practice: tagged in 2 of 3 audits/)
    // Counts, not the auditors' words: the plan is read by people without access to child-level data.
    assert.match(practice.action, /2 actions proposed by auditors/)
    assert.doesNotMatch(`${practice.issue} ${practice.action}`, /Record supervision monthly/)
    const preview = await t.services.audits.themesToPlan.preview(lead, request)
    assert.ok(preview.themes.every(theme => theme.itemId !== null))
    await assert.rejects(
      t.services.audits.themesToPlan.createItems(lead, { ...request, themeIds: ['leadership'] }),
      ValidationError,
    )
    await assert.rejects(
      t.services.audits.themesToPlan.createItems(contextOf(t, 'orgA', 'auditor'), request),
      ForbiddenError,
    )
    assert.equal((await events(t, 'plan.item.added')).length, 3)
    assert.equal((await events(t, 'case-audit.themes-to-plan')).length, 3)
  })

  it('reports the 20-day update: progress, grades, themes with examples, and logs the view', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const today = t.services.workspace.plans.today()
    const period = twentyDayPeriod(today)
    const update = await t.services.audits.reports.twentyDayUpdate(lead, period)
    assert.equal(update.audits, 3)
    assert.equal(update.progress.completed, 3)
    assert.equal(update.progress.signedOff, 1)
    assert.ok(update.progress.inProgress >= 1)
    assert.deepEqual(update.overallGrades, { outstanding: 0, good: 2, 'requires-improvement': 1, inadequate: 0 })
    assert.deepEqual([...update.themes[0]!.areasForImprovement].sort(), [
      'Supervision is not recorded monthly.',
      'The plan lacks timescales.',
    ])
    assert.equal(update.moderation.audits, 1)
    const empty = await t.services.audits.reports.twentyDayUpdate(lead, { from: '2020-01-01', to: '2020-01-20' })
    assert.equal(empty.audits, 0)
    await assert.rejects(
      t.services.audits.reports.twentyDayUpdate(lead, { from: '2020-02-01', to: '2020-01-20' }),
      ValidationError,
    )
    const { content } = await exportTwentyDayUpdateDocx(t.services.audits.reports, lead, period)
    assert.match((await docxText(content)).text, /Social work practice: 2 audit\(s\), 66\.7%/)
    assert.ok((await events(t, 'child-data.view')).some(event => event.subject_type === 'case-audit-twenty-day-update'))
  })

  it('versions custom templates: audits keep the version they were started with', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const auditor = contextOf(t, 'orgA', 'auditor')
    const templates = t.services.audits.templates
    const created = await templates.create(lead, {
      id: 'neglect',
      label: 'Neglect audit',
      sections: [{ label: 'Assessment', questions: [{ label: 'Graded care profile used', scale: 'yes-partly-no' }] }],
    })
    assert.equal(created.version, 1)
    await assert.rejects(templates.create(lead, { ...created, sections: created.sections }), ValidationError)
    const drawn = await t.services.audits.samples.draw(lead, { runId, plan: 'sif-2013-case-audit', seed: 'neglect' })
    const [oldAudit] = await t.services.audits.caseAudits.assignSample(lead, {
      sampleId: drawn.sampleId,
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'neglect',
      childIds: [drawn.cases[0]!.childId],
    })
    const revised = await templates.revise(lead, 'neglect', {
      expectedVersion: 1,
      sections: [
        ...created.sections,
        { label: 'Outcomes', questions: [{ label: 'Has the child’s lived experience improved?' }] },
      ],
    })
    assert.equal(revised.version, 2)
    await assert.rejects(templates.revise(lead, 'neglect', { expectedVersion: 1, label: 'Late' }), EditConflictError)
    await assert.rejects(templates.revise(lead, 'childs-journey', { expectedVersion: 1 }), NotFoundError)
    const [newAudit] = await t.services.audits.caseAudits.assignSample(lead, {
      sampleId: drawn.sampleId,
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'neglect',
      childIds: [drawn.cases[1]!.childId],
    })
    assert.equal(questionsOf((await t.services.audits.caseAudits.get(auditor, oldAudit!)).template).length, 1)
    assert.equal(questionsOf((await t.services.audits.caseAudits.get(auditor, newAudit!)).template).length, 2)
    await t.services.audits.caseAudits.record(
      auditor,
      oldAudit!,
      { answers: { 'graded-care-profile-used': { grade: 'partly' } }, overallGrade: 'good' },
      { submit: true },
    )
    assert.deepEqual(
      (await templates.versions(lead, 'neglect')).map(version => version.version),
      [2, 1],
    )
    assert.ok((await templates.list(contextOf(t, 'orgB', 'lead'))).every(template => template.id !== 'neglect'))
    await assert.rejects(templates.create(auditor, created), ForbiddenError)
  })

  it('keeps an editable taxonomy per organisation, starting from seed 004’s themes', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const auditor = contextOf(t, 'orgA', 'auditor')
    const taxonomy = t.services.audits.taxonomy
    const start = await taxonomy.list(lead)
    assert.ok(start.some(theme => theme.id === 'early-help'))
    const added = await taxonomy.add(lead, { label: 'Neglect', phrases: 'neglect, graded care profile' })
    assert.equal(added.id, 'neglect')
    const early = (await taxonomy.list(lead)).find(theme => theme.id === 'early-help')!
    await taxonomy.update(lead, 'early-help', { expectedVersion: early.version, retired: true })
    await assert.rejects(
      taxonomy.update(lead, 'early-help', { expectedVersion: early.version, label: 'Early intervention' }),
      EditConflictError,
    )
    await assert.rejects(taxonomy.add(lead, { label: 'neglect', phrases: '' }), ValidationError)
    assert.ok(
      (await taxonomy.list(contextOf(t, 'orgB', 'lead'))).find(theme => theme.id === 'early-help')?.retired === false,
    )
    const drawn = await t.services.audits.samples.draw(lead, { runId, plan: 'sif-2013-case-audit', seed: 'taxonomy' })
    const [auditId] = await t.services.audits.caseAudits.assignSample(lead, {
      sampleId: drawn.sampleId,
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
      childIds: [drawn.cases[0]!.childId],
    })
    const answers = answersFor(t.services.audits.caseAudits.templates()[0]!, 'good')
    await t.services.audits.caseAudits.record(auditor, auditId!, { answers, themes: ['neglect'] }, { submit: false })
    await assert.rejects(
      t.services.audits.caseAudits.record(auditor, auditId!, { answers, themes: ['early-help'] }, { submit: false }),
      ValidationError,
    )
    // The earlier round still reads its retired theme by name.
    const summary = await t.services.audits.reports.summary(lead, { kind: 'sample', sampleId: round.sampleId })
    assert.equal(summary.themes.find(theme => theme.themeId === 'early-help')?.label, 'Early help')
    await assert.rejects(taxonomy.add(auditor, { label: 'X', phrases: '' }), ForbiddenError)
  })

  it('stores custom sampling plans per organisation and draws from them by id', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const plans = t.services.audits.samplingPlans
    const plan = {
      id: 'open-by-worker',
      label: 'Open cases by worker',
      balanceBy: 'worker',
      strata: [{ id: 'open', lists: [8], quota: 3 }],
    }
    const saved = await plans.save(lead, JSON.stringify(plan))
    assert.deepEqual(saved, { planId: 'open-by-worker', version: 1 })
    await assert.rejects(plans.save(lead, plan), ValidationError)
    await assert.rejects(plans.save(lead, { ...plan, id: 'sif-2013-case-audit' }), /built-in plan/)
    await assert.rejects(plans.save(lead, '{not json'), /not valid JSON/)
    await assert.rejects(plans.save(lead, { ...plan, strata: [{ id: 'x', lists: [99], quota: 0 }] }), /strata\[0\]/)
    assert.equal((await plans.save(lead, { ...plan, label: 'Renamed' }, { expectedVersion: 1 })).version, 2)
    await assert.rejects(plans.save(lead, plan, { expectedVersion: 1 }), EditConflictError)
    const drawn = await t.services.audits.samples.draw(lead, { runId, plan: 'open-by-worker', seed: '1' })
    assert.equal(drawn.plan, 'open-by-worker')
    assert.equal(drawn.cases.length, 3)
    await assert.rejects(
      t.services.audits.samples.draw(contextOf(t, 'orgB', 'lead'), { runId, plan: 'open-by-worker' }),
      ValidationError,
    )
    assert.equal((await plans.list(contextOf(t, 'orgB', 'lead'))).length, 0)
  })

  it('locks the sample row on redraw, so concurrent redraws neither both replace a case nor lose a rejection', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const { samples } = t.services.audits
    const drawn = await samples.draw(lead, { runId, plan: 'slac-2009-case-files', seed: 'race' })
    const target = drawn.cases[2]!.childId
    const same = await Promise.allSettled([
      samples.redraw(lead, drawn.sampleId, target),
      samples.redraw(lead, drawn.sampleId, target),
    ])
    assert.deepEqual(same.map(result => result.status).sort(), ['fulfilled', 'rejected'])
    const refused = same.find(result => result.status === 'rejected') as PromiseRejectedResult
    assert.ok(refused.reason instanceof ValidationError)
    let stored = await samples.getSample(lead, drawn.sampleId)
    assert.deepEqual(stored.rejected, [target])
    const [a, b] = [stored.cases[5]!.childId, stored.cases[6]!.childId]
    await Promise.all([samples.redraw(lead, drawn.sampleId, a), samples.redraw(lead, drawn.sampleId, b)])
    stored = await samples.getSample(lead, drawn.sampleId)
    assert.deepEqual([...stored.rejected].sort(), [target, a, b].sort())
    assert.equal(new Set(stored.cases.map(item => item.childId)).size, drawn.cases.length)
    assert.ok(stored.cases.every(item => ![target, a, b].includes(item.childId)))
  })
})
