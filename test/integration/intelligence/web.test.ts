import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

const SHARED = path.resolve('..', 'shared')
const OFSTED_2025 = path.join(SHARED, 'data', 'ofsted', 'LA_Inspection_Outcomes_as_at_31_March_2025.ods')
const CPP_SUBSEQUENT = path.join(SHARED, 'data', 'dfe', 'd3_cpps_subsequent_plan_2013_to_2025.csv')
const KENT_2022 = path.join(SHARED, 'data', 'ofsted', 'reports', 'kent_05-july-2022.pdf')
const TABLE = path.resolve('test/fixtures/intelligence/outcomes-table.csv')

type Agent = Awaited<ReturnType<typeof signedInAgent>>

async function upload(
  agent: Agent,
  url: string,
  field: string,
  files: { name: string; content: Buffer }[],
  fields: Record<string, string> = {},
) {
  const page = await agent.get(url).expect(200)
  let request = agent.post(url).field('_csrf', csrfTokenFrom(page.text))
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value)
  for (const file of files) request = request.attach(field, file.content, file.name)
  return request
}

async function counts(t: TestApp, organisationId: string) {
  const db = t.database.db
  const count = async (
    table: 'intelligence_import' | 'intelligence_outcome' | 'intelligence_indicator_value' | 'intelligence_report',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(eb => eb.fn.countAll().as('n'))
          .where('organisation_id', '=', organisationId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    imports: await count('intelligence_import'),
    outcomes: await count('intelligence_outcome'),
    values: await count('intelligence_indicator_value'),
    reports: await count('intelligence_report'),
  }
}

describe('intelligence pages', () => {
  let t: TestApp
  let analyst: Agent
  before(async () => {
    t = await startTestApp()
    analyst = await signedInAgent(t.app, t.orgA.users.analyst.email)
  })
  after(async () => t?.close())

  it('imports Ofsted’s outcomes and DfE statistics, then shows outcomes, benchmarks and an XLSX export', async () => {
    const ods = await upload(
      analyst,
      '/intelligence/import',
      'importFile',
      [{ name: 'outcomes.ods', content: await readFile(OFSTED_2025) }],
      { kind: 'outcomes' },
    )
    assert.equal(ods.status, 302)
    assert.equal(ods.headers.location, '/intelligence/outcomes')
    const outcomes = await analyst.get('/intelligence/outcomes?authority=Kent').expect(200)
    assert.match(outcomes.text, /outcomes\.ods imported: \d+ inspection outcomes/)
    assert.match(outcomes.text, /Kent: inspection history/)
    assert.match(outcomes.text, /months since the last graded inspection/)
    assert.match(outcomes.text, /Statistical neighbours/)
    assert.match(outcomes.text, /South East/)

    const csv = await upload(
      analyst,
      '/intelligence/import',
      'importFile',
      [{ name: 'd3.csv', content: await readFile(CPP_SUBSEQUENT) }],
      { kind: 'indicators' },
    )
    assert.equal(csv.headers.location, '/intelligence')
    const page = await analyst.get('/intelligence/benchmarking?indicator=cpp-subsequent&authority=Kent').expect(200)
    // Hand-checked against LAIT's method (docs/intelligence.md): 2025, Kent 24.3 → band B, rank 75.
    const latest = /<table class="govuk-table" id="latest-table">([\s\S]*?)<\/table>/.exec(page.text)![1]!
    assert.match(latest, /24\.3%/)
    assert.match(latest, /75 of \d+/)
    assert.match(latest, />B</)
    assert.match(page.text, /<svg role="img" aria-labelledby="chart-title chart-desc"/)
    assert.match(page.text, /<title id="chart-title">Second or subsequent child protection plans, 2025<\/title>/)

    const xlsx = await analyst
      .get('/intelligence/benchmarking/export.xlsx?authority=Kent')
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
    const kent2025 = rows.find(row => row[1] === 'Second or subsequent child protection plans' && row[2] === 2025)!
    assert.equal(kent2025[3], 24.3)
    assert.equal(kent2025[11], 'B')
    const audit = await t.services.audit.listRecent({
      actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' },
    })
    assert.deepEqual(
      ['intelligence.outcomes-imported', 'intelligence.indicators-imported', 'intelligence.benchmark-exported'].map(
        action => audit.some(event => event.action === action),
      ),
      [true, true, true],
    )
  })

  it('keeps a table’s bracketed exceptions as sub-judgements', async () => {
    const response = await upload(
      analyst,
      '/intelligence/import',
      'importFile',
      [{ name: 'table.csv', content: await readFile(TABLE) }],
      { kind: 'outcomes' },
    )
    assert.equal(response.headers.location, '/intelligence/outcomes')
    const page = await analyst.get('/intelligence/outcomes?framework=sif').expect(200)
    assert.match(page.text, /3 graded inspections under sif/)
    assert.match(page.text, /Adoption performance<\/th>\s*<td[^>]*>1 \(100%\)/)
  })

  it('reads a report PDF and checks it against the imported outcomes', async () => {
    const response = await upload(analyst, '/intelligence/reports', 'reportFiles', [
      { name: 'kent_05-july-2022.pdf', content: await readFile(KENT_2022) },
    ])
    assert.equal(response.status, 302)
    const page = await analyst.get('/intelligence/reports').expect(200)
    assert.match(page.text, /1 report read/)
    assert.match(page.text, /4 of 4 judgements agree \(100%\)/)
    assert.match(page.text, /Agrees \(4 judgements\)/)
  })

  it('refuses bad files with a precise message and keeps nothing of them', async () => {
    const before = await counts(t, t.orgA.organisationId)
    const cases: [string, string, string, Buffer, Record<string, string>, RegExp][] = [
      [
        '/intelligence/import',
        'importFile',
        'broken.ods',
        Buffer.from('PK\u0003\u0004not really a zip'),
        { kind: 'outcomes' },
        /broken\.ods/,
      ],
      [
        '/intelligence/import',
        'importFile',
        'empty.csv',
        Buffer.from('a,b\n"unclosed'),
        { kind: 'indicators' },
        /not a readable CSV file/,
      ],
      [
        '/intelligence/import',
        'importFile',
        'other.csv',
        Buffer.from('time_period,geographic_level\n2024,National\n'),
        { kind: 'indicators' },
        /not a DfE statistics file/,
      ],
      [
        '/intelligence/import',
        'importFile',
        'hostile.md',
        Buffer.from('| <script>alert(1)</script> | x |\n|---|---|\n| a | b |\n'),
        { kind: 'outcomes', framework: 'sif-2013' },
        /no outcomes table found/,
      ],
      [
        '/intelligence/reports',
        'reportFiles',
        'fake.pdf',
        Buffer.from('%PDF-1.4\nnonsense'),
        {},
        /Nothing was kept: fake\.pdf cannot be read as a PDF/,
      ],
      [
        '/intelligence/reports',
        'reportFiles',
        'notes.pdf',
        Buffer.from('just text'),
        {},
        /notes\.pdf is not a PDF file/,
      ],
    ]
    for (const [url, field, name, content, fields, message] of cases) {
      const response = await upload(analyst, url, field, [{ name, content }], fields)
      assert.equal(response.status, 302, name)
      const page = await analyst.get(url).expect(200)
      assert.match(page.text, /There is a problem/, name)
      assert.match(page.text, message, name)
      assert.doesNotMatch(page.text, /<script>alert/, name)
    }
    // One good PDF and one bad in the same batch: neither is kept.
    const mixed = await upload(analyst, '/intelligence/reports', 'reportFiles', [
      { name: 'kent.pdf', content: await readFile(KENT_2022) },
      { name: 'bad.pdf', content: Buffer.from('%PDF-1.4\nbroken') },
    ])
    assert.equal(mixed.status, 302)
    const page = await analyst.get('/intelligence/import').expect(200)
    const missing = await analyst
      .post('/intelligence/import')
      .field('_csrf', csrfTokenFrom(page.text))
      .field('kind', 'outcomes')
    assert.equal(missing.status, 302)
    assert.match((await analyst.get('/intelligence/import')).text, /Select a file/)
    assert.deepEqual(await counts(t, t.orgA.organisationId), before)
  })

  it('refuses an oversized upload with 413 and keeps nothing', async () => {
    const before = await counts(t, t.orgA.organisationId)
    const big = Buffer.alloc(21 * 1024 * 1024, 'a')
    const response = await upload(analyst, '/intelligence/import', 'importFile', [{ name: 'big.csv', content: big }], {
      kind: 'indicators',
    })
    assert.equal(response.status, 413)
    assert.deepEqual(await counts(t, t.orgA.organisationId), before)
  })

  it('refuses an upload without the form’s CSRF token', async () => {
    const response = await analyst
      .post('/intelligence/import')
      .field('kind', 'outcomes')
      .attach('importFile', Buffer.from('x'), 'x.csv')
    assert.equal(response.status, 403)
  })

  it('lets a viewer read but not import, and never shows one organisation another’s data', async () => {
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    assert.match((await viewer.get('/intelligence/outcomes').expect(200)).text, /Grades by judgement/)
    await viewer.get('/intelligence/import').expect(403)
    assert.doesNotMatch((await viewer.get('/intelligence').expect(200)).text, /Import a file/)

    const otherOrg = await signedInAgent(t.app, t.orgB.users.analyst.email)
    const home = await otherOrg.get('/intelligence').expect(200)
    assert.match(home.text, /Nothing imported yet/)
    assert.match((await otherOrg.get('/intelligence/outcomes').expect(200)).text, /No published outcomes imported yet/)
    assert.doesNotMatch((await otherOrg.get('/intelligence/reports').expect(200)).text, /Kent County Council|kent_05/)
    const benchmark = await otherOrg
      .get('/intelligence/benchmarking?indicator=cpp-subsequent&authority=Kent')
      .expect(200)
    assert.doesNotMatch(benchmark.text, /24\.3%/)
    assert.deepEqual(await counts(t, t.orgB.organisationId), { imports: 0, outcomes: 0, values: 0, reports: 0 })
  })

  it('says which filter is wrong on a GET form', async () => {
    const page = await analyst.get('/intelligence/benchmarking?indicator=nonsense&authority=Atlantis').expect(200)
    assert.match(page.text, /Select an indicator from the list/)
    const outcomes = await analyst.get('/intelligence/outcomes?authority=Atlantis').expect(200)
    assert.match(outcomes.text, /Enter the name or code of an English local authority/)
  })
})
