import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { systemContext } from '../../../src/services/context.js'
import { ForbiddenError } from '../../../src/services/errors.js'
import { EditConflictError } from '../../../src/services/workspace/errors.js'
import { runCliInProcess } from '../../support/cli.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

const SHARED = path.resolve('..', 'shared')
const CPP_SUBSEQUENT = path.join(SHARED, 'data', 'dfe', 'd3_cpps_subsequent_plan_2013_to_2025.csv')
const OFSTED_2025 = path.join(SHARED, 'data', 'ofsted', 'LA_Inspection_Outcomes_as_at_31_March_2025.ods')

type Agent = Awaited<ReturnType<typeof signedInAgent>>

/** GET a page for its CSRF token, then POST a form from it. */
async function postForm(agent: Agent, pageUrl: string, url: string, fields: Record<string, string>) {
  const page = await agent.get(pageUrl).expect(200)
  return agent
    .post(url)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...fields })
}

function tableOf(html: string, id: string): string {
  const match = new RegExp(`<table class="govuk-table" id="${id}">([\\s\\S]*?)</table>`).exec(html)
  assert.ok(match, `table ${id} on the page`)
  return match[1]!
}

async function auditActions(t: TestApp, organisationId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_event')
    .select('action')
    .where('organisation_id', '=', organisationId)
    .execute()
  return rows.map(row => row.action)
}

describe('intelligence extras: own values, SN models, deleting imports, theme rules, the cycle', () => {
  let t: TestApp
  let analyst: Agent
  let lead: Agent
  let viewer: Agent
  let importId: string
  before(async () => {
    t = await startTestApp()
    analyst = await signedInAgent(t.app, t.orgA.users.analyst.email)
    lead = await signedInAgent(t.app, t.orgA.users.lead.email)
    viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    // Organisation A is Kent (old code 886); B has no LA code.
    await t.database.db
      .updateTable('organisation')
      .set({ la_code: '886' })
      .where('organisation_id', '=', t.orgA.organisationId)
      .execute()
    const context = systemContext(t.orgA.organisationId, 'test')
    const imported = await t.services.intelligence.outcomes.importIndicators(context, {
      content: await readFile(CPP_SUBSEQUENT),
      fileName: 'd3.csv',
    })
    importId = imported.importId
  })
  after(async () => t?.close())

  it('saves a typed-in value (PRG), shows it beside the DfE figures with its source, and ranks it', async () => {
    const saved = await postForm(analyst, '/intelligence/own-indicators', '/intelligence/own-indicators', {
      indicator: 'cpp-subsequent',
      year: '2025',
      value: '0',
      note: 'From our performance report',
      version: '0',
    })
    assert.equal(saved.status, 302)
    assert.equal(saved.headers.location, '/intelligence/own-indicators')
    const list = await analyst.get('/intelligence/own-indicators').expect(200)
    assert.match(list.text, /Second or subsequent child protection plans for 2025 saved: 0\./)
    const values = tableOf(list.text, 'own-values')
    assert.match(values, /Second or subsequent child protection plans[\s\S]*2025[\s\S]*0%[\s\S]*typed in/)

    const page = await analyst.get('/intelligence/benchmarking?indicator=cpp-subsequent').expect(200)
    const latest = tableOf(page.text, 'latest-table')
    assert.match(latest, /Our value \(source: typed in\)<\/th><td[^>]*>0%/)
    assert.match(latest, /Kent \(source: DfE\)<\/th><td[^>]*>24\.3%/)
    // 0 ties with City of London's published 0: rank 1, band A (low polarity).
    const ownTable = tableOf(page.text, 'own-table')
    assert.match(ownTable, /<th scope="row" class="govuk-table__header">2025<\/th>/)
    assert.match(ownTable, />1 of \d+</)
    assert.match(ownTable, />A</)
    assert.match(ownTable, />24\.3%</, 'the published value beside ours')
    assert.ok((await auditActions(t, t.orgA.organisationId)).includes('intelligence.own-value-saved'))
  })

  it('refuses bad values with GOV.UK errors and keeps what was typed', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ indicator: 'cpp-subsequent', year: '2025', value: 'lots' }, /Enter the value as a number, like 21\.5/],
      [{ indicator: 'cpp-subsequent', year: '1999', value: '5' }, /The year must be 2000 or later/],
      [{ indicator: 'cpp-subsequent', year: '2024', value: '150' }, /A percentage must be between 0 and 100/],
      [{ indicator: 'no-such', year: '2024', value: '5' }, /Select an indicator from the list/],
    ]
    for (const [fields, message] of cases) {
      const response = await postForm(analyst, '/intelligence/own-indicators', '/intelligence/own-indicators', {
        ...fields,
        version: '0',
      })
      assert.equal(response.status, 302)
      const page = await analyst.get('/intelligence/own-indicators').expect(200)
      assert.match(page.text, /govuk-error-summary/)
      assert.match(page.text, message)
      assert.match(page.text, new RegExp(`value="${fields.value}"`), 'the typed value is kept')
    }
    const stored = await t.services.intelligence.ownIndicators.list(systemContext(t.orgA.organisationId))
    assert.equal(stored.length, 1, 'nothing saved by bad input')
  })

  it('does not overwrite a value someone else changed (optimistic locking)', async () => {
    // Both open the 2025 value at version 1; the lead saves first.
    const first = await postForm(lead, '/intelligence/own-indicators', '/intelligence/own-indicators', {
      indicator: 'cpp-subsequent',
      year: '2025',
      value: '19.5',
      version: '1',
    })
    assert.equal(first.status, 302)
    await postForm(analyst, '/intelligence/own-indicators', '/intelligence/own-indicators', {
      indicator: 'cpp-subsequent',
      year: '2025',
      value: '30',
      version: '1',
    })
    const page = await analyst.get('/intelligence/own-indicators').expect(200)
    assert.match(page.text, /was changed by someone else while you were editing it/)
    const stored = await t.services.intelligence.ownIndicators.get(
      systemContext(t.orgA.organisationId),
      'cpp-subsequent',
      2025,
    )
    assert.equal(stored!.value, 19.5)
    assert.equal(stored!.version, 2)
    await assert.rejects(
      t.services.intelligence.ownIndicators.set(systemContext(t.orgA.organisationId), {
        indicator: 'cpp-subsequent',
        year: 2025,
        value: 1,
        version: 0,
      }),
      EditConflictError,
    )
    // The "Change" link fills the form with the stored value and its version.
    const change = await analyst.get('/intelligence/own-indicators?indicator=cpp-subsequent&year=2025').expect(200)
    assert.match(change.text, /name="version" value="2"/)
    assert.match(change.text, /name="value" type="text" value="19.5"|value="19.5"/)
  })

  it('keeps values to their organisation and lets viewers read but not write', async () => {
    const orgB = await signedInAgent(t.app, t.orgB.users.analyst.email)
    const page = await orgB.get('/intelligence/own-indicators').expect(200)
    assert.match(page.text, /No values saved yet/)
    const viewerPage = await viewer.get('/intelligence/own-indicators').expect(200)
    assert.doesNotMatch(viewerPage.text, /Save value/)
    const refused = await viewer
      .post('/intelligence/own-indicators')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(viewerPage.text),
        indicator: 'cpp-subsequent',
        year: '2024',
        value: '1',
        version: '0',
      })
    assert.equal(refused.status, 403)
    await assert.rejects(
      t.services.intelligence.ownIndicators.set(
        {
          actor: {
            kind: 'user',
            userId: t.orgA.users.viewer.userId,
            organisationId: t.orgA.organisationId,
            role: 'viewer',
            label: 'v',
          },
        },
        { indicator: 'cpp-subsequent', year: 2024, value: 1 },
      ),
      ForbiddenError,
    )
  })

  it('takes values from an Annex A run for the DfE year of its reference date', async () => {
    const runId = randomUUID()
    await t.database.db
      .insertInto('annex_a_run')
      .values({
        organisation_id: t.orgA.organisationId,
        run_id: runId,
        reference_date: '2025-09-30',
        schema_version: '2023',
        schema_reason: 'test',
        source_name: 'annex-a-sept.xlsx',
        source_kind: 'xlsx',
        created_by_label: 'test',
        indicators: JSON.stringify([
          {
            id: 'cp-plans-second-or-subsequent-rate',
            label: 'x',
            unit: 'percent',
            value: 22.2,
            numerator: 2,
            denominator: 9,
            breakdown: [],
          },
          { id: 'cla-per-10k', label: 'x', unit: 'per-10k', value: null, numerator: 3, denominator: 0, breakdown: [] },
        ]),
      })
      .execute()
    const response = await postForm(
      analyst,
      '/intelligence/own-indicators',
      '/intelligence/own-indicators/from-annex-a',
      { runId },
    )
    assert.equal(response.status, 302)
    const page = await analyst.get('/intelligence/own-indicators').expect(200)
    assert.match(page.text, /1 values taken from the Annex A run of 2025-09-30, for 2026\./)
    assert.match(page.text, /Not taken: [^<]*cla-per-10k: no value/)
    assert.match(
      tableOf(page.text, 'own-values'),
      new RegExp(`Annex A run ${runId.slice(0, 8)} \\(reference date 2025-09-30\\)`),
    )
    const bench = await analyst.get('/intelligence/benchmarking?indicator=cpp-subsequent&authority=Kent').expect(200)
    assert.match(tableOf(bench.text, 'own-table'), /2026 <span class="govuk-body-s">\(against 2025’s figures\)<\/span>/)
    // Another organisation cannot use this run.
    const orgB = await signedInAgent(t.app, t.orgB.users.analyst.email)
    await postForm(orgB, '/intelligence/own-indicators', '/intelligence/own-indicators/from-annex-a', { runId })
    assert.match((await orgB.get('/intelligence/own-indicators').expect(200)).text, /No such test run/)
    // A malformed id is a field error, not a crash.
    await postForm(analyst, '/intelligence/own-indicators', '/intelligence/own-indicators/from-annex-a', { runId: 'x' })
    assert.match((await analyst.get('/intelligence/own-indicators').expect(200)).text, /Select an Annex A test run/)
  })

  it('switches the statistical-neighbour model on the page and in the export', async () => {
    const model2025 = await analyst.get(
      '/intelligence/benchmarking?indicator=cpp-subsequent&authority=Kent&snModel=2025',
    )
    const model2021 = await analyst.get(
      '/intelligence/benchmarking?indicator=cpp-subsequent&authority=Kent&snModel=2021',
    )
    assert.match(model2025.text, /The 2025 model: /)
    assert.match(model2021.text, /The 2021 model: /)
    assert.match(tableOf(model2021.text, 'latest-table'), /Statistical neighbours, 2021 model/)
    assert.match(model2021.text, /<option value="2021" selected>/)
    const neighbours = (html: string) => /The 20\d\d model: ([^<]*)</.exec(html)![1]
    assert.notEqual(neighbours(model2025.text), neighbours(model2021.text), 'the two models group Kent differently')
    const bad = await analyst.get('/intelligence/benchmarking?indicator=cpp-subsequent&authority=Kent&snModel=1999')
    assert.match(bad.text, /Select the 2025 or the 2021 statistical neighbour model/)

    const xlsx = await analyst
      .get('/intelligence/benchmarking/export.xlsx?authority=Kent&snModel=2021')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = []
        res.on('data', chunk => chunks.push(chunk))
        res.on('end', () => done(null, Buffer.concat(chunks)))
      })
      .expect(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer as ArrayBuffer)
    const rows = workbook.getWorksheet('Benchmarking')!.getSheetValues().filter(Boolean) as unknown[][]
    assert.equal(rows[0]![16], 'SN model')
    const kent2025 = rows.find(row => row[1] === 'Second or subsequent child protection plans' && row[2] === 2025)!
    assert.equal(kent2025[3], 24.3)
    assert.equal(kent2025[16], '2021')
    const ours = workbook.getWorksheet('Our values')!.getSheetValues().filter(Boolean) as unknown[][]
    assert.deepEqual(
      ours.slice(1).map(row => [row[2], row[3], String(row[4]).slice(0, 11)]),
      [
        [2026, 22.2, 'Annex A run'],
        [2025, 19.5, 'typed in'],
      ],
    )
  })

  it('benchmarks from the command line with --sn-model and sets values with --json', async () => {
    const env = { DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }
    const org = ['--organisation', t.orgA.organisationId]
    const shown = await runCliInProcess(
      ['benchmark', 'show', '--indicator', 'cpp-subsequent', '--sn-model', '2021', '--json', ...org],
      env,
    )
    assert.equal(shown.code, 0, shown.stderr)
    const data = JSON.parse(shown.stdout)
    assert.equal(data.snModel, '2021')
    assert.equal(data.authority.oldCode, '886')
    assert.equal(data.neighbours.length, 10)
    const y2025 = data.years.find((year: { year: number }) => year.year === 2025)
    assert.deepEqual([y2025.value, y2025.rank, y2025.band], [24.3, 75, 'B'])
    assert.deepEqual(
      data.own.map((item: { year: number; sourceLabel: string }) => [item.year, item.sourceLabel.slice(0, 8)]),
      [
        [2026, 'Annex A '],
        [2025, 'typed in'],
      ],
    )

    const set = await runCliInProcess(
      ['benchmark', 'own', 'set', '--indicator', 'sw-caseload', '--year', '2024', '--value', '17.5', '--json', ...org],
      env,
    )
    assert.equal(set.code, 0, set.stderr)
    assert.deepEqual(
      (({ indicator, year, value, source, version }) => ({ indicator, year, value, source, version }))(
        JSON.parse(set.stdout),
      ),
      { indicator: 'sw-caseload', year: 2024, value: 17.5, source: 'typed', version: 1 },
    )
    const conflict = await runCliInProcess(
      [
        'benchmark',
        'own',
        'set',
        '--indicator',
        'sw-caseload',
        '--year',
        '2024',
        '--value',
        '18',
        '--if-version',
        '0',
        ...org,
      ],
      env,
    )
    assert.equal(conflict.code, 2)
    assert.match(conflict.stderr, /changed by someone else/)
    assert.equal(conflict.stderr.trim().split('\n').length, 1)
    for (const [args, message] of [
      [['--indicator', 'nope', '--year', '2024', '--value', '1'], /--indicator must be one of/],
      [['--indicator', 'sw-caseload', '--year', '20x4', '--value', '1'], /Enter the year as 4 digits/],
      [['--indicator', 'sw-caseload', '--year', '2024', '--value', '-3'], /cannot be negative/],
    ] as const) {
      const refused = await runCliInProcess(['benchmark', 'own', 'set', ...args, '--json', ...org], env)
      assert.equal(refused.code, 2, refused.stderr)
      assert.equal(refused.stdout, '')
      assert.match(refused.stderr, message)
    }
    const badModel = await runCliInProcess(
      ['benchmark', 'show', '--indicator', 'cpp-subsequent', '--sn-model', '2019', ...org],
      env,
    )
    assert.equal(badModel.code, 2)
    assert.match(badModel.stderr, /--sn-model must be 2025 or 2021/)
    const badRun = await runCliInProcess(['benchmark', 'own', 'from-annex-a', '--run', randomUUID(), ...org], env)
    assert.equal(badRun.code, 2)
    assert.match(badRun.stderr, /No such test run/)
    // An Annex A run at 31 March 2024 gives values for 2024.
    const runId = randomUUID()
    await t.database.db
      .insertInto('annex_a_run')
      .values({
        organisation_id: t.orgA.organisationId,
        run_id: runId,
        reference_date: '2024-03-31',
        schema_version: '2023',
        schema_reason: 'test',
        source_name: 'annex-a-march.xlsx',
        source_kind: 'xlsx',
        created_by_label: 'test',
        indicators: JSON.stringify([
          { id: 're-referrals-within-12-months-rate', value: 18.4, numerator: 23, denominator: 125, breakdown: [] },
        ]),
      })
      .execute()
    const taken = await runCliInProcess(['benchmark', 'own', 'from-annex-a', '--run', runId, '--json', ...org], env)
    assert.equal(taken.code, 0, taken.stderr)
    const takenJson = JSON.parse(taken.stdout)
    assert.equal(takenJson.year, 2024)
    assert.deepEqual(
      takenJson.saved.map((value: { indicator: string; value: number; note: string }) => [
        value.indicator,
        value.value,
        value.note,
      ]),
      [['cin-rereferrals', 18.4, '23 of 125']],
    )
    assert.equal(takenJson.skipped.length, 5)
    const list = await runCliInProcess(['benchmark', 'own', 'list', '--json', ...org], env)
    assert.equal(JSON.parse(list.stdout).values.length, 4)
  })

  it('edits theme rules with a preview before saving, and the report mapping uses them', async () => {
    // Two stored reports (synthetic recommendations: reading PDFs is tested in web.test.ts and reportsCli.test.ts).
    const report = (authority: string, recommendations: string[]) => ({
      organisation_id: t.orgA.organisationId,
      report_id: randomUUID(),
      source_name: `${authority.toLowerCase()}.pdf`,
      pages: 10,
      authority,
      publication_date: '2022-07-05',
      grades: JSON.stringify([]),
      recommendations: JSON.stringify(recommendations),
      themes: JSON.stringify([]),
      problems: JSON.stringify([]),
      extracted_by_label: 'test',
    })
    await t.database.db
      .insertInto('intelligence_report')
      .values([
        report('Kent', [
          'The quality of plans for children in need.',
          'Partnership working at the front door.',
          'Supervision of social workers.',
        ]),
        report('Medway', ['Plans for care leavers.', 'Management oversight of strategy meetings.']),
      ])
      .execute()
    const list = await analyst.get('/intelligence/themes').expect(200)
    assert.match(list.text, /Multi-agency working/)
    const edit = '/intelligence/themes/multi-agency-working/edit'
    const form = await analyst.get(edit).expect(200)
    assert.match(form.text, /name="version" value="0"/)

    const word = 'plans'
    const preview = await analyst
      .post(edit)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(form.text),
        label: 'Partnerships',
        phrases: `${word}\nzebra crossing\npartnership*`,
        enabled: 'yes',
        version: '0',
        action: 'preview',
      })
    assert.equal(preview.status, 302)
    const previewPage = await analyst.get(edit).expect(200)
    // "plans" in Kent 1 and Medway 1, "partnership*" in Kent 2: 3 recommendations in 2 reports.
    assert.match(previewPage.text, /These phrases match 3 recommendations in 2 of the stored reports/)
    assert.match(tableOf(previewPage.text, 'preview-phrases'), /plans<\/th><td[^>]*>2</)
    assert.match(tableOf(previewPage.text, 'preview-phrases'), /partnership\*<\/th><td[^>]*>1</)
    assert.match(tableOf(previewPage.text, 'preview-phrases'), /zebra crossing<\/th><td[^>]*>0</)
    assert.match(previewPage.text, /value="Partnerships"/, 'the typed rule is kept')
    assert.equal(
      (await t.database.db.selectFrom('intelligence_theme_rule').selectAll().execute()).length,
      0,
      'a preview saves nothing',
    )

    // Save, then a stale save is refused.
    const saved = await analyst
      .post(edit)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(previewPage.text),
        label: 'Partnerships',
        phrases: word,
        enabled: 'yes',
        version: '0',
        action: 'save',
      })
    assert.equal(saved.headers.location, '/intelligence/themes')
    const stale = await lead
      .post(edit)
      .type('form')
      .send({
        _csrf: csrfTokenFrom((await lead.get(edit)).text),
        label: 'Other',
        phrases: 'x',
        enabled: 'yes',
        version: '0',
        action: 'save',
      })
    assert.equal(stale.status, 302)
    assert.match((await lead.get(edit).expect(200)).text, /was changed by someone else/)

    const reports = await analyst.get('/intelligence/reports').expect(200)
    assert.match(tableOf(reports.text, 'themes-table'), /Partnerships<\/th>/)

    // Switch it off: it leaves the analysis.
    const current = await analyst.get(edit).expect(200)
    await analyst
      .post(edit)
      .type('form')
      .send({ _csrf: csrfTokenFrom(current.text), label: 'Partnerships', phrases: word, version: '1', action: 'save' })
    assert.doesNotMatch(tableOf((await analyst.get('/intelligence/reports')).text, 'themes-table'), /Partnerships/)
    assert.match((await analyst.get('/intelligence/themes')).text, /Switched off/)

    // A new theme; a bad id and no phrases are field errors.
    const newForm = await analyst.get('/intelligence/themes/new').expect(200)
    await analyst
      .post('/intelligence/themes/new')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(newForm.text),
        themeId: 'Bad Id',
        label: 'X',
        phrases: '',
        enabled: 'yes',
        version: '0',
        action: 'save',
      })
    const errors = await analyst.get('/intelligence/themes/new').expect(200)
    assert.match(errors.text, /The theme id must be 1 to 60 lower-case letters/)
    assert.match(errors.text, /Enter at least one phrase, one a line/)
    const added = await analyst
      .post('/intelligence/themes/new')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(errors.text),
        themeId: 'school-attendance',
        label: 'School attendance',
        phrases: 'attendance',
        enabled: 'yes',
        version: '0',
        action: 'save',
      })
    assert.equal(added.headers.location, '/intelligence/themes')
    // Other organisations keep seed 004's rules; viewers cannot edit.
    const orgB = await signedInAgent(t.app, t.orgB.users.analyst.email)
    const orgBList = await orgB.get('/intelligence/themes').expect(200)
    assert.doesNotMatch(orgBList.text, /School attendance|Partnerships/)
    assert.equal((await viewer.get(edit)).status, 403)
    const actions = await auditActions(t, t.orgA.organisationId)
    assert.equal(actions.filter(action => action === 'intelligence.theme-rule-saved').length, 3)
  })

  it('deletes an import after confirmation: admins and leads only, audited, in its organisation only', async () => {
    const home = await lead.get('/intelligence').expect(200)
    assert.match(home.text, new RegExp(`/intelligence/imports/${importId}/delete`))
    assert.doesNotMatch((await analyst.get('/intelligence')).text, /\/delete"/)
    assert.equal((await analyst.get(`/intelligence/imports/${importId}/delete`)).status, 403)
    const orgBLead = await signedInAgent(t.app, t.orgB.users.lead.email)
    assert.equal((await orgBLead.get(`/intelligence/imports/${importId}/delete`)).status, 404)
    assert.equal((await lead.get('/intelligence/imports/not-a-uuid/delete')).status, 404)
    assert.equal((await lead.get(`/intelligence/reports/${'-'.repeat(36)}/delete`)).status, 404)

    const confirm = await lead.get(`/intelligence/imports/${importId}/delete`).expect(200)
    assert.match(confirm.text, /Delete the import of d3\.csv\?/)
    const analystToken = csrfTokenFrom((await analyst.get('/intelligence')).text)
    assert.equal(
      (await analyst.post(`/intelligence/imports/${importId}/delete`).type('form').send({ _csrf: analystToken }))
        .status,
      403,
    )
    const deleted = await lead
      .post(`/intelligence/imports/${importId}/delete`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
    assert.equal(deleted.headers.location, '/intelligence')
    assert.match((await lead.get('/intelligence')).text, /The import of d3\.csv was deleted/)
    const values = await t.database.db
      .selectFrom('intelligence_indicator_value')
      .select(eb => eb.fn.countAll().as('n'))
      .where('organisation_id', '=', t.orgA.organisationId)
      .executeTakeFirstOrThrow()
    assert.equal(Number(values.n), 0, 'every value read from the file went with it')
    assert.equal(
      (await t.services.intelligence.ownIndicators.list(systemContext(t.orgA.organisationId))).length,
      4,
      'own values kept',
    )
    assert.ok((await auditActions(t, t.orgA.organisationId)).includes('intelligence.import-deleted'))

    // A stored report, likewise.
    const report = await t.database.db
      .selectFrom('intelligence_report')
      .select('report_id')
      .where('authority', '=', 'Kent')
      .executeTakeFirstOrThrow()
    assert.match(
      (await lead.get('/intelligence/reports')).text,
      new RegExp(`/intelligence/reports/${report.report_id}/delete`),
    )
    const reportConfirm = await lead.get(`/intelligence/reports/${report.report_id}/delete`).expect(200)
    await lead
      .post(`/intelligence/reports/${report.report_id}/delete`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(reportConfirm.text) })
      .expect(302)
    const left = await t.database.db.selectFrom('intelligence_report').select('authority').execute()
    assert.deepEqual(left, [{ authority: 'Medway' }])
    assert.ok((await auditActions(t, t.orgA.organisationId)).includes('intelligence.report-deleted'))
  })

  it('shows the cycle’s pace and projected end, and months since and the forecast per authority', async () => {
    const empty = await analyst.get('/intelligence/cycle').expect(200)
    assert.match(empty.text, /No graded inspection outcomes imported yet/)
    await t.services.intelligence.outcomes.importOutcomes(systemContext(t.orgA.organisationId), {
      content: await readFile(OFSTED_2025),
      fileName: 'outcomes-2025.ods',
    })
    const page = await analyst.get('/intelligence/cycle?scope=neighbours').expect(200)
    assert.match(page.text, /Pace of the/)
    assert.match(page.text, /Authorities inspected/)
    assert.match(page.text, /Projected end of the cycle/)
    const cycle = tableOf(page.text, 'cycle-table')
    assert.match(cycle, /Kent/)
    const body = cycle.slice(cycle.indexOf('<tbody'))
    assert.equal((body.match(/<tr class="govuk-table__row">/g) ?? []).length, 11, 'Kent and its 10 neighbours')
    // Kent's ILACS inspection of 2022 (published outcomes, 31 March 2025): months since it, and a next window.
    const kent = /<th scope="row" class="govuk-table__header">Kent<\/th>([\s\S]*?)<\/tr>/.exec(body)![1]!
    assert.match(kent, /2022 \(ilacs-2018\)/)
    assert.match(kent, /govuk-table__cell--numeric">\d+</)
    assert.match(kent, / to /)
    const bad = await analyst.get('/intelligence/cycle?framework=sif-1066&scope=moon').expect(200)
    assert.match(bad.text, /govuk-error-summary/)
  })
})
