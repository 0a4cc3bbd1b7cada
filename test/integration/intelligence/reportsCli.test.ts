import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { before, describe, it } from 'node:test'
import { runCliInProcess, type CliResult } from '../../support/cli.js'

// `reports extract` is pure: a database that cannot be reached proves it never opens one.
const NO_DATABASE = { DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none', READINESS_DATA_DIR: '/nonexistent' }
const OFSTED = path.resolve('..', 'shared', 'data', 'ofsted')
const REPORTS = path.join(OFSTED, 'reports')

describe('readiness reports extract', () => {
  let all: CliResult
  let files: string[]
  before(async () => {
    // All 26 report PDFs once for the whole file (about 15 seconds), checked against both official files.
    files = (await readdir(REPORTS)).filter(name => name.endsWith('.pdf')).sort()
    all = await runCliInProcess(
      [
        'reports',
        'extract',
        ...files.map(name => path.join(REPORTS, name)),
        '--official',
        path.join(OFSTED, 'LA_Inspection_Outcomes_as_at_31_March_2025.ods'),
        '--official',
        path.join(OFSTED, 'Childrens_social_care_in_England_2023_underlying_data.ods'),
        '--json',
      ],
      NO_DATABASE,
    )
  })

  it('extracts every report, and every judgement agrees with Ofsted’s official data', () => {
    assert.equal(all.code, 0, all.stderr)
    const reports = JSON.parse(all.stdout)
    assert.equal(reports.length, 26)
    for (const report of reports) {
      assert.ok(report.check.matched, `${report.file} matches an official record`)
      assert.deepEqual(report.check.disagreements, [], report.file)
      assert.ok(report.judgements['overall-effectiveness'], `${report.file} has an overall grade`)
      assert.ok(report.inspectionStart && report.inspectionEnd && report.publicationDate, `${report.file} dates`)
      assert.ok(report.recommendations.length > 0, `${report.file} recommendations`)
    }
    assert.match(all.stderr, /agreement with the official data: (\d+) of \1 judgements \(26 of 26 reports matched\)/)
  })

  it('gives the facts of one report exactly', () => {
    const reports = JSON.parse(all.stdout)
    const barnsley = reports.find((report: { file: string }) => report.file === 'barnsley_27-october-2023.pdf')
    assert.deepEqual(
      {
        authority: barnsley.authority,
        publicationDate: barnsley.publicationDate,
        inspectionStart: barnsley.inspectionStart,
        inspectionEnd: barnsley.inspectionEnd,
        type: barnsley.type,
        framework: barnsley.framework,
        judgements: barnsley.judgements,
      },
      {
        authority: 'Barnsley',
        publicationDate: '2023-10-27',
        inspectionStart: '2023-09-11',
        inspectionEnd: '2023-09-15',
        type: 'ILACS inspection',
        framework: 'ilacs-2023',
        judgements: {
          'impact-of-leaders': 'good',
          'help-and-protection': 'requires-improvement',
          'children-in-care': 'good',
          'care-leavers': 'good',
          'overall-effectiveness': 'good',
        },
      },
    )
    assert.equal(barnsley.recommendations.length, 4)
    assert.match(barnsley.recommendations[0], /^The engagement of multi-agency partners/)
    assert.ok(barnsley.themes.some((theme: { theme: string }) => theme.theme === 'multi-agency-working'))
    const kent2013 = reports.find((report: { file: string }) => report.file === 'kent_23-august-2013.pdf')
    assert.equal(kent2013.framework, 'tlac-2012')
    assert.equal(kent2013.judgements['overall-effectiveness'], 'adequate')
    assert.equal(kent2013.judgements['capacity-to-improve'], 'good')
  })

  it('refuses a file that is not a PDF with one line and exit 2', async () => {
    const result = await runCliInProcess(
      ['reports', 'extract', path.join(OFSTED, 'LA_Inspection_Outcomes_as_at_31_March_2025.ods'), '--json'],
      NO_DATABASE,
    )
    assert.equal(result.code, 2)
    assert.equal(result.stdout, '')
    assert.match(result.stderr, /^readiness: LA_Inspection_Outcomes_as_at_31_March_2025\.ods is not a PDF file\n$/)
    const missing = await runCliInProcess(['reports', 'extract', '/nonexistent/report.pdf'], NO_DATABASE)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /no such file/)
  })
})
