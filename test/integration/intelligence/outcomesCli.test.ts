import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { runCliInProcess } from '../../support/cli.js'
import { buildOds, ilacsHistoryOds, stringRow } from '../../fixtures/frameworks/buildOds.js'

// A database that cannot be reached: `outcomes summary` is pure and must never try to open one.
const NO_DATABASE = { DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none', READINESS_DATA_DIR: '/nonexistent' }
const SHARED = path.resolve('..', 'shared')
const SEED_004 = path.join(SHARED, 'seeds', '004_94dce6978bd3ae2c.txt')
const OFSTED_2025 = path.join(SHARED, 'data', 'ofsted', 'LA_Inspection_Outcomes_as_at_31_March_2025.ods')

const RI = 'Requires improvement to be good'

describe('readiness outcomes summary', () => {
  let dir: string
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-outcomes-'))
  })
  after(async () => fs.rm(dir, { recursive: true, force: true }))

  const summary = async (args: string[]) => {
    const result = await runCliInProcess(['outcomes', 'summary', ...args, '--json'], NO_DATABASE)
    assert.equal(result.code, 0, result.stderr)
    return JSON.parse(result.stdout)
  }
  const refused = async (args: string[], message: RegExp) => {
    const result = await runCliInProcess(['outcomes', 'summary', ...args, '--json'], NO_DATABASE)
    assert.equal(result.code, 2, result.stderr)
    assert.equal(result.stdout, '', 'nothing on stdout')
    assert.equal(result.stderr.trim().split('\n').length, 1, 'one line')
    assert.match(result.stderr, message)
  }
  const write = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name)
    await fs.writeFile(file, content)
    return file
  }

  it('reproduces seed 004’s counts and flags where its text disagrees with its own table', async () => {
    const result = await summary([SEED_004])
    assert.deepEqual(Object.keys(result), ['framework', 'inspections', 'judgements', 'notYetGoodShare', 'warnings'])
    assert.equal(result.framework, 'sif-2013')
    assert.equal(result.inspections, 33)
    assert.deepEqual(result.judgements['overall-effectiveness'], {
      outstanding: 0,
      good: 9,
      'requires-improvement': 18,
      inadequate: 6,
    })
    assert.deepEqual(result.judgements.lscb, { outstanding: 0, good: 11, 'requires-improvement': 15, inadequate: 7 })
    assert.equal(result.notYetGoodShare['overall-effectiveness'], 0.7273)
    assert.deepEqual(result.judgements['adoption-performance'], {
      outstanding: 2,
      good: 5,
      'requires-improvement': 2,
      inadequate: 0,
    })
    // The paper says 6 LSCBs inadequate and 71% not yet good; its rows say 7 and 72.7%.
    assert.ok(result.warnings.some((w: string) => /says 6 lscb results were inadequate.*rows give 7/.test(w)))
    assert.ok(result.warnings.some((w: string) => /says 71%.*72\.7% \(24 of 33\)/.test(w)))
    assert.ok(result.warnings.some((w: string) => /Bradford.*'cic'/.test(w)))
  })

  it('counts Ofsted’s 2025 file: every graded ILACS inspection once, though three sheets repeat them', async () => {
    const all = await summary([OFSTED_2025])
    assert.equal(all.inspections, 271)
    const latest = await summary([OFSTED_2025, '--framework', 'ilacs-2023'])
    assert.equal(latest.framework, 'ilacs-2023')
    assert.equal(latest.inspections, 103)
    assert.deepEqual(latest.judgements['overall-effectiveness'], {
      outstanding: 30,
      good: 44,
      'requires-improvement': 18,
      inadequate: 11,
    })
    const family = await summary([OFSTED_2025, '--framework', 'ilacs'])
    assert.equal(family.inspections, 271)
    assert.deepEqual(family.warnings, [])
  })

  it('reads a small ODS and names unreadable grades by sheet, row and column', async () => {
    const file = await write(
      'history.ods',
      ilacsHistoryOds([
        [
          'link',
          'E09000001',
          'Alphaton',
          'Current',
          'London',
          '10/07/2023',
          '04/09/2023',
          'ILACS Standard Inspection',
          'Good',
          'Good',
          RI,
          'Good',
          'Outstanding',
        ],
        [
          'link',
          'E09000002',
          'Betaville',
          'Current',
          'London',
          '01/02/2019',
          '01/04/2019',
          'ILACS Short Inspection',
          'Inadequate',
          'Inadequate',
          'Inadequate',
          RI,
          null,
        ],
        [
          'link',
          'E09000003',
          'Gammaford',
          'Current',
          'London',
          '01/02/2020',
          '01/04/2020',
          'ILACS Standard Inspection',
          'Superb',
          'Good',
          'Good',
          'Good',
          null,
        ],
      ]),
    )
    const result = await summary([file])
    assert.equal(result.framework, 'all')
    assert.equal(result.inspections, 3)
    assert.deepEqual(result.judgements['ilacs-2023/care-leavers'], {
      outstanding: 1,
      good: 0,
      'requires-improvement': 0,
      inadequate: 0,
    })
    assert.equal(result.judgements['ilacs-2018/overall-effectiveness'].inadequate, 1)
    assert.match(result.warnings[0], /ILACS_inspection_history row 6, column I: 'Superb' is not a published grade/)
  })

  it('reads a CSV table, with --framework when it cannot tell', async () => {
    const csv = await write(
      'table.csv',
      'Local Authority,Overall,Adoption\nAlphaton,Good,Outstanding\n"Betaville",Inadequate,Good\n',
    )
    await refused([csv], /say which framework the table records/)
    const result = await summary([csv, '--framework', 'sif-2013'])
    assert.equal(result.inspections, 2)
    assert.equal(result.judgements['adoption-performance'].outstanding, 1)
  })

  it('refuses unusable input with one line and nothing half-done on stdout', async () => {
    await refused([path.join(dir, 'missing.ods')], /cannot read .*missing\.ods: no such file/)
    await refused([SEED_004, '--framework', 'nonsense'], /unknown framework 'nonsense'/)
    await refused([await write('empty.md', '')], /empty\.md is empty/)
    await refused([await write('prose.md', 'No tables here.\n')], /no table found/)
    await refused(
      [await write('broken.ods', Buffer.from('PK\u0003\u0004 not really a zip'))],
      /broken\.ods: not an ODS spreadsheet/,
    )
    await refused([await write('wrong.ods', buildOds(stringRow(['x']), { mimetype: 'text/plain' }))], /mimetype/)
    await refused(
      [await write('other.ods', buildOds(`<table:table table:name="Sheet1">${stringRow(['a', 'b'])}</table:table>`))],
      /no published-outcomes table found/,
    )
    await refused(
      [await write('bad.csv', 'Local Authority,Overall\n"unterminated,Good\n')],
      /bad\.csv: not a readable CSV/,
    )
    await refused([await write('binary.csv', Buffer.from([0, 1, 2, 3]))], /neither an ODS spreadsheet nor a text table/)
  })

  it('keeps hostile text out of the output beyond a short quoted excerpt', async () => {
    const long = `<script>alert(1)</script>${'x'.repeat(5000)}`
    const file = await write(
      'hostile.md',
      `| Local Authority | Overall | LSCB |\n|---|---|---|\n| Evil | ${long} | Good |\n`,
    )
    const result = await summary([file])
    assert.equal(result.inspections, 1)
    assert.ok(result.warnings.every((w: string) => w.length < 400))
    assert.equal(result.judgements['overall-effectiveness'], undefined)
  })
})
