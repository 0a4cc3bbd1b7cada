import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { runCliInProcess as runCli } from '../../support/cli.js'
import { buildOds, ilacsHistoryOds } from '../../fixtures/frameworks/buildOds.js'

// A database that cannot be reached: the pure commands must never try to open one.
const NO_DATABASE = { DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none', READINESS_DATA_DIR: '/nonexistent' }
const OFSTED_2025 = path.resolve('..', 'shared', 'data', 'ofsted', 'LA_Inspection_Outcomes_as_at_31_March_2025.ods')

describe('readiness frameworks, judge, timeline and workdays', () => {
  let dir: string
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-frameworks-'))
  })
  after(async () => fs.rm(dir, { recursive: true, force: true }))

  const json = async (args: string[]) => {
    const result = await runCli([...args, '--json'], NO_DATABASE)
    assert.equal(result.code, 0, result.stderr)
    return JSON.parse(result.stdout)
  }

  const refused = async (args: string[], message: RegExp) => {
    const result = await runCli([...args, '--json'], NO_DATABASE)
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`)
    assert.equal(result.stdout, '', 'nothing on stdout')
    assert.match(result.stderr, message)
    assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`)
  }

  it('lists and shows frameworks without a database', async () => {
    const list = await json(['frameworks', 'list'])
    assert.equal(list.frameworks.length, 10)
    const show = await json(['frameworks', 'show', 'ilacs-2023'])
    assert.ok(show.judgements.some((j: { id: string }) => j.id === 'care-leavers'))
    await refused(['frameworks', 'show', 'ilacs-1999'], /Unknown framework 'ilacs-1999'/)
  })

  it('judges with the issue’s JSON shape, and refuses bad grades', async () => {
    const result = await json([
      'judge',
      '--framework',
      'sif-2013',
      '--set',
      'help-and-protection=inadequate',
      '--set',
      'lscb=inadequate',
    ])
    assert.deepEqual(
      Object.keys(result.judgements['overall-effectiveness'])
        .filter(key => ['grade', 'min', 'max', 'determinedBy'].includes(key))
        .sort(),
      ['determinedBy', 'grade', 'max', 'min'],
    )
    assert.equal(result.judgements['overall-effectiveness'].grade, 'inadequate')
    assert.ok(result.firings.some((f: { rule: string }) => f.rule === 'lscb-is-standalone'))
    await refused(
      ['judge', '--framework', 'sif-2013', '--set', 'help-and-protection=adequate'],
      /'adequate' is not a grade/,
    )
    await refused(['judge', '--framework', 'sif-2013', '--set', 'help-and-protection'], /--set expects JUDGEMENT=GRADE/)
  })

  it('dates a timeline across the 2022 Jubilee bank holidays', async () => {
    const result = await json(['timeline', '--framework', 'ucra-2009', '--anchor', 'fieldwork-end=2022-05-27'])
    const draft = result.milestones.find((m: { date: string }) => m.date === '2022-06-07')
    assert.ok(draft)
    for (const key of ['id', 'label', 'date', 'rule', 'source']) assert.ok(key in draft, key)
    await refused(
      ['timeline', '--framework', 'ucra-2009', '--anchor', 'fieldwork-end=27/05/2022'],
      /Not a calendar date/,
    )
  })

  it('adds and counts working days', async () => {
    assert.equal((await json(['workdays', 'add', '2022-05-27', '5'])).date, '2022-06-07')
    assert.equal(
      (await json(['workdays', 'add', '2022-06-07', '-5'])).date,
      '2022-05-27',
      'a negative N is a number, not an option',
    )
    assert.equal((await json(['workdays', 'between', '2022-05-27', '2022-06-07'])).workingDays, 5)
    const human = await runCli(['workdays', 'add', '2022-05-27', '5'], NO_DATABASE)
    assert.match(human.stdout, /2022-06-07 \(bank holidays passed: 2022-06-02 Spring bank holiday, 2022-06-03/)
    await refused(['workdays', 'add', '2022-05-27', 'five'], /N must be a whole number/)
    await refused(['workdays', 'between', '2022-01-01', '2040-01-01'], /outside the/)
  })

  it('replays Ofsted’s published ILACS history and reports per rule how many applied and agreed', async () => {
    const report = await json(['frameworks', 'check-history', OFSTED_2025])
    assert.equal(report.inspections, 271)
    assert.deepEqual(report.frameworks.map((f: { framework: string }) => f.framework).sort(), [
      'ilacs-2018',
      'ilacs-2023',
    ])
    const total = (rule: string, field: 'applied' | 'agreed') =>
      report.frameworks.reduce(
        (sum: number, f: { rules: { rule: string; applied: number; agreed: number }[] }) =>
          sum + (f.rules.find(r => r.rule === rule)?.[field] ?? 0),
        0,
      )
    // frameworks.md §4.5: overall within the range of the others in 271 of 271; leaders inadequate ⇒ overall inadequate 25 of 29.
    assert.equal(total('overall-within-range', 'applied'), 271)
    assert.equal(total('overall-within-range', 'agreed'), 271)
    assert.equal(total('leaders-inadequate-overall-inadequate', 'applied'), 29)
    assert.equal(total('leaders-inadequate-overall-inadequate', 'agreed'), 25)
  })

  it('reports unreadable cells by row and column, and refuses malformed files in one line', async () => {
    const fictional = path.join(dir, 'fictional.ods')
    await fs.writeFile(
      fictional,
      ilacsHistoryOds([
        [
          'l',
          'E1',
          'Fictional Shire',
          'Current',
          'London',
          '2019-02-18',
          '2019-04-01',
          'ILACS Standard Inspection',
          'Inadequate',
          'Inadequate',
          'Good',
          'Good',
          null,
        ],
        [
          'l',
          'E2',
          '<script>x</script>',
          'Current',
          'London',
          '2019-03-18',
          '2019-05-01',
          'ILACS Standard Inspection',
          'Good',
          'Splendid',
          'Good',
          'Good',
          null,
        ],
      ]),
    )
    const report = await json(['frameworks', 'check-history', fictional])
    assert.equal(report.inspections, 2)
    assert.equal(report.problemCount, 1)
    assert.deepEqual(
      [report.problems[0].row, report.problems[0].column, report.problems[0].value],
      [5, 'J', 'Splendid'],
    )

    const garbage = path.join(dir, 'garbage.ods')
    await fs.writeFile(garbage, 'not a zip at all')
    await refused(['frameworks', 'check-history', garbage], /not an ODS spreadsheet/)
    const broken = path.join(dir, 'broken.ods')
    await fs.writeFile(broken, buildOds('<table:table table:name="ILACS_inspection_history"><table:table-row>'))
    await refused(['frameworks', 'check-history', broken], /content\.xml is not well-formed/)
    const unrelated = path.join(dir, 'unrelated.ods')
    await fs.writeFile(
      unrelated,
      buildOds(
        '<table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type="string"><text:p>hello</text:p></table:table-cell></table:table-row></table:table>',
      ),
    )
    await refused(['frameworks', 'check-history', unrelated], /no published-outcomes table found/)
    await refused(['frameworks', 'check-history', path.join(dir, 'missing.ods')], /no such file/)
  })
})
