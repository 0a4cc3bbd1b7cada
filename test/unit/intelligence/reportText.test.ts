import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  agreementOf,
  checkReport,
  cleanAuthorityName,
  contentLines,
  parseDateRange,
  parseReportText,
  recommendationsIn,
  type OutcomeRecord,
} from '../../../src/domain/intelligence/index.js'

describe('report text', () => {
  it('reads the date ranges reports print', () => {
    const cases: [string, [string, string] | null][] = [
      ['11 to 15 September 2023', ['2023-09-11', '2023-09-15']],
      ['2 June 2014 – 25 June 2014', ['2014-06-02', '2014-06-25']],
      ['9–24 November 2017', ['2017-11-09', '2017-11-24']],
      ['14 September – 8 October 2015', ['2015-09-14', '2015-10-08']],
      ['8 October 2018 to 19 October 2018', ['2018-10-08', '2018-10-19']],
      ['28 July 2016', ['2016-07-28', '2016-07-28']],
      ['31 February 2016', null],
      ['15 to 3 July 2013', null],
    ]
    for (const [text, expected] of cases) {
      const range = parseDateRange(text)
      assert.deepEqual(range && [range.start, range.end], expected, text)
    }
  })

  it('drops running headers and page numbers but keeps body lines that repeat', () => {
    const page = (n: number) => `Inspection of Anyshire children’s services\nGood\nbody ${n}\nmore\nfoot\n${n}`
    const lines = contentLines([1, 2, 3].map(page).join('\n\f\n'))
    assert.ok(!lines.includes('Inspection of Anyshire children’s services'))
    assert.equal(lines.filter(line => line === 'Good').length, 3, 'short grade words stay')
    assert.ok(!lines.includes('1'))
  })

  it('reads an ILACS 2023 summary table, its recommendations and the authority', () => {
    const text = [
      'Inspection of Anyshire local authority',
      'children’s services',
      'Inspection dates: 11 to 15 September 2023',
      'Judgement Grade',
      'The impact of leaders on social work',
      'practice with children and families',
      'Good',
      'The experiences and progress of',
      'children who need help and protection',
      'Requires improvement to be good',
      'The experiences and progress of',
      'children in care',
      'Good',
      'The experiences and progress of care',
      'leavers',
      'Inadequate',
      'Overall effectiveness Requires improvement to be good',
      'What needs to improve?',
      '◼ The quality of',
      'supervision.',
      '◼ Return home interviews for children who go missing.',
      'The experiences and progress of children who need help and',
      'protection: requires improvement to be good',
    ].join('\n')
    const report = parseReportText(text, 'anyshire_27-october-2023.pdf')
    assert.equal(report.framework, 'ilacs-2023')
    assert.equal(report.authorityName, 'Anyshire')
    assert.equal(report.publicationDate, '2023-10-27', 'from the file name when the text has none')
    assert.deepEqual(Object.fromEntries(report.grades.map(grade => [grade.judgement, grade.originalGrade])), {
      'impact-of-leaders': 'good',
      'help-and-protection': 'requires-improvement',
      'children-in-care': 'good',
      'care-leavers': 'inadequate',
      'overall-effectiveness': 'requires-improvement',
    })
    assert.deepEqual(report.recommendations, [
      'The quality of supervision.',
      'Return home interviews for children who go missing.',
    ])
    assert.deepEqual(report.problems, [])
  })

  it('names what it cannot read rather than guessing', () => {
    const report = parseReportText('Minutes of the scrutiny committee\nItem 4')
    assert.equal(report.framework, null)
    assert.deepEqual(report.problems, [
      'No inspection dates found',
      'Not a report layout we know (TLAC 2013, SIF or ILACS)',
    ])
  })

  it('keeps numbered recommendations under sub-headings and stops at the next heading', () => {
    const lines = [
      'Areas for improvement',
      'Immediately:',
      '1. Improve supervision',
      'of casework.',
      'Within three months:',
      '2. Review caseloads.',
      'Outcomes for children',
    ]
    assert.deepEqual(recommendationsIn(lines), ['Improve supervision of casework.', 'Review caseloads.'])
  })

  it('tidies authority names to what the reference data knows', () => {
    assert.equal(cleanAuthorityName('Metropolitan Borough of Barnsley Council'), 'Barnsley Council')
    assert.equal(cleanAuthorityName('Cheshire East Unitary Authority'), 'Cheshire East')
    assert.equal(cleanAuthorityName('Medway Children’s Services'), 'Medway')
  })

  it('compares a report with the official record and counts agreement', () => {
    const grade = (judgement: string, originalGrade: string) => ({
      judgement,
      grade: originalGrade as 'good',
      originalLabel: originalGrade,
      originalGrade,
      scale: 'ilacs-2018',
    })
    const official: OutcomeRecord = {
      authority: 'Anyshire',
      authorityCode: null,
      region: null,
      framework: 'ilacs-2018',
      type: null,
      inspectionDate: '2022-05-09',
      publicationDate: '2022-07-05',
      grades: [grade('overall-effectiveness', 'good'), grade('help-and-protection', 'good')],
      theme: null,
      origin: { sheet: 's', row: 1 },
    }
    const facts = {
      authorityKey: 'anyshire',
      framework: 'ilacs-2018',
      publicationDate: '2022-07-05',
      inspectionStart: '2022-05-09',
      grades: [grade('overall-effectiveness', 'good'), grade('help-and-protection', 'inadequate')],
    }
    const check = checkReport(facts, [official], record => record.authority.toLowerCase())
    assert.deepEqual(check.disagreements, [
      { judgement: 'help-and-protection', report: 'inadequate', official: 'good' },
    ])
    assert.deepEqual(agreementOf([check]), { reports: 1, matched: 1, compared: 2, agreed: 1, rate: 0.5 })
    const elsewhere = checkReport({ ...facts, authorityKey: 'otherton' }, [official], record =>
      record.authority.toLowerCase(),
    )
    assert.equal(elsewhere.official, undefined)
  })
})
