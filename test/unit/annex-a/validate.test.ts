import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CellValue, Issue, ListNumber } from '../../../src/domain/annex-a/index.js'
import { createAnnexAValidator, getSchema, ISSUE_CODES, validateWorkbook } from '../../../src/domain/annex-a/index.js'

const REFERENCE = '2024-03-31'
type Values = Record<string, CellValue>

/** A sheet in the template layout: title row, header row, then rows given by column key. */
function sheet(list: ListNumber, rows: Values[]): { name: string; rows: CellValue[][] } {
  const columns = getSchema('2019').lists[list].columns
  return {
    name: `List ${list}`,
    rows: [
      [`List ${list}: title`],
      columns.map(column => column.header),
      ...rows.map(row => columns.map(column => row[column.key] ?? null)),
    ],
  }
}
const child = (id: string, extra: Values = {}): Values => ({
  childId: id,
  gender: 'a) Male',
  ethnicity: 'a) WBRI',
  dateOfBirth: '01/06/2015',
  ageYears: 8,
  disability: 'b) No',
  allocatedTeam: 'Team A',
  allocatedWorker: 'Worker A',
  ...extra,
})
const codesAt = (issues: readonly Issue[], list: ListNumber, row: number) =>
  issues.filter(issue => issue.list === list && issue.row === row).map(issue => issue.code)
const validate = (sheets: ReturnType<typeof sheet>[]) => validateWorkbook(sheets, { referenceDate: REFERENCE })

describe('row checks', () => {
  const s47 = (extra: Values) =>
    child('1', { s47StartDate: '01/02/2024', s47sInLast12Months: 0, icpcsInLast12Months: 0, ...extra })
  const cases: [string, ListNumber, Values, string[]][] = [
    [
      'a clean List 5 row',
      5,
      s47({ icpcDate: '15/02/2024', icpcResultedInPlan: 'a) Yes', icpcUnnecessary: 'b) No' }),
      [],
    ],
    [
      'ICPC before the strategy discussion',
      5,
      s47({ icpcDate: '15/01/2024', icpcResultedInPlan: 'a) Yes' }),
      ['date-order'],
    ],
    ['ICPC outcome without a date', 5, s47({ icpcResultedInPlan: 'a) Yes' }), ['field-pair-incomplete']],
    [
      'ICPC held although deemed unnecessary',
      5,
      s47({ icpcUnnecessary: 'a) Yes', icpcDate: '15/02/2024', icpcResultedInPlan: 'b) No' }),
      ['field-should-be-blank'],
    ],
    [
      'age that does not match the date of birth',
      1,
      child('1', { ageYears: 6, dateOfContact: '01/03/2024', contactSource: 'q) 6: Police' }),
      ['age-dob-mismatch'],
    ],
    [
      'an unborn child',
      1,
      child('1', {
        dateOfBirth: '01/07/2024',
        ageYears: -1,
        dateOfContact: '01/03/2024',
        contactSource: 'q) 6: Police',
      }),
      [],
    ],
    [
      'a contact before the window',
      1,
      child('1', { dateOfContact: '01/09/2023', contactSource: 'q) 6: Police' }),
      ['row-outside-window'],
    ],
    [
      'a contact after the reference date',
      1,
      child('1', { dateOfContact: '01/04/2024', contactSource: 'q) 6: Police' }),
      ['date-after-reference-date'],
    ],
    [
      'a plan ending before it starts',
      7,
      child('1', {
        cpStartDate: '01/02/2024',
        cpEndDate: '01/01/2024',
        initialCategory: 'a) Neglect',
        latestCategory: 'a) Neglect',
        emergencyProtection: 'b) No',
        previousCpPlans: 0,
      }),
      ['date-order'],
    ],
    [
      'a closed CIN episode without a closure date',
      6,
      child('1', { primaryNeed: 'N1 - Abuse or neglect', caseStatus: 'e) Closed episode' }),
      ['case-status-closure-mismatch'],
    ],
    [
      'a closure date without a reason',
      6,
      child('1', {
        primaryNeed: 'N1 - Abuse or neglect',
        caseStatus: 'e) Closed episode',
        cinClosureDate: '01/03/2024',
      }),
      ['field-pair-incomplete'],
    ],
    [
      'a relevant child aged 19',
      9,
      child('1', { dateOfBirth: '01/01/2005', ageYears: 19, eligibility: 'a) Relevant child', inTouch: 'a) Yes' }),
      ['eligibility-age-mismatch'],
    ],
    [
      'accommodation given when not in touch',
      9,
      child('1', {
        dateOfBirth: '01/01/2005',
        ageYears: 19,
        eligibility: 'b) Former relevant child',
        inTouch: 'b) No',
        accommodation: 'U: Independent living',
      }),
      ['field-should-be-blank'],
    ],
    [
      'an assessment authorised before it started',
      4,
      child('1', {
        assessmentStartDate: '01/03/2024',
        childSeenDuringAssessment: 'a) Yes',
        assessmentAuthorisedDate: '01/02/2024',
        assessedAsRequiringSupport: 'a) Yes',
      }),
      ['date-order'],
    ],
  ]
  for (const [name, list, values, expected] of cases) {
    it(`finds ${expected.join(', ') || 'nothing'} for ${name}`, () => {
      assert.deepEqual(codesAt(validate([sheet(list, [values])]).issues, list, 3), expected)
    })
  }

  it('names the list, row, child, column and value in every issue, with a message saying what to do', () => {
    const { issues } = validate([sheet(5, [s47({ icpcDate: '15/01/2024', icpcResultedInPlan: 'a) Yes' })])])
    const issue = issues.find(candidate => candidate.code === 'date-order')
    assert.deepEqual(
      { ...issue, message: undefined },
      {
        code: 'date-order',
        severity: 'error',
        list: 5,
        row: 3,
        childId: '1',
        column: 'Date of Initial Child Protection Conference',
        value: '15/01/2024',
        message: undefined,
      },
    )
    assert.match(issue?.message ?? '', /List 5 row 3: .* is before .*Correct/)
  })
})

describe('list checks', () => {
  const contact = (id: string, date: string) => child(id, { dateOfContact: date, contactSource: 'q) 6: Police' })
  it('finds duplicate rows and names the first', () => {
    const { issues } = validate([
      sheet(1, [contact('1', '01/03/2024'), contact('2', '01/03/2024'), contact('1', '01/03/2024')]),
    ])
    const duplicate = issues.find(issue => issue.code === 'row-duplicate')
    assert.equal(duplicate?.row, 5)
    assert.match(duplicate?.message ?? '', /repeats row 3/)
  })

  it('finds a child twice on a one-row-per-child list', () => {
    const row = child('7', { primaryNeed: 'N1 - Abuse or neglect', caseStatus: 'c) Child in need plan' })
    assert.deepEqual(codesAt(validate([sheet(6, [row, row])]).issues, 6, 4), ['child-repeated'])
  })

  it('finds referral counts that differ between a child’s rows, and counts that are too low', () => {
    const referral = (date: string, count: number) =>
      child('9', {
        dateOfReferral: date,
        referralSource: 'q) 6: Police',
        referralNfa: 'b) No',
        referralsInLast12Months: count,
      })
    const { issues } = validate([
      sheet(3, [referral('01/01/2024', 0), referral('01/02/2024', 1), referral('01/03/2024', 0)]),
    ])
    assert.deepEqual(codesAt(issues, 3, 4), ['referral-count-inconsistent'])
    assert.ok(codesAt(issues, 3, 5).includes('referral-count-too-low'))
  })
})

describe('cross-list checks', () => {
  const cin = (id: string, status: string) => child(id, { primaryNeed: 'N1 - Abuse or neglect', caseStatus: status })
  const plan = (id: string) =>
    child(id, {
      cpStartDate: '01/02/2024',
      initialCategory: 'a) Neglect',
      latestCategory: 'a) Neglect',
      emergencyProtection: 'b) No',
      previousCpPlans: 0,
    })

  it('finds a child on List 7 who is not on List 6', () => {
    const { issues } = validate([sheet(6, [cin('1', 'b) Child Protection plan')]), sheet(7, [plan('1'), plan('2')])])
    assert.deepEqual(codesAt(issues, 7, 4), ['child-not-on-list-6'])
    assert.deepEqual(codesAt(issues, 7, 3), [])
  })

  it('applies Case Status precedence: an open plan outranks a CIN plan', () => {
    const { issues } = validate([sheet(6, [cin('1', 'c) Child in need plan')]), sheet(7, [plan('1')])])
    assert.deepEqual(codesAt(issues, 6, 3), ['case-status-precedence'])
  })

  it('queries a CP status with no open plan', () => {
    const { issues } = validate([sheet(6, [cin('1', 'b) Child Protection plan')]), sheet(7, [])])
    assert.deepEqual(codesAt(issues, 6, 3), ['case-status-unsupported'])
  })

  it('matches List 10 and List 11 family identifiers', () => {
    const adoption = child('1', { familyId: 'F1', decisionToPlaceDate: '01/01/2024', ageYears: 8 })
    const adopter = {
      adopterId: 'A1',
      familyId: 'F2',
      fosteringForAdoption: 'No',
      enquiryDate: '01/06/2023',
      childrenPlaced: 1,
    }
    const { issues } = validate([sheet(10, [adoption]), sheet(11, [adopter])])
    assert.deepEqual(codesAt(issues, 10, 3), ['family-not-on-list-11'])
    assert.deepEqual(codesAt(issues, 11, 3), ['family-not-on-list-10'])
  })
})

describe('file checks and streaming', () => {
  it('reports missing lists, unrecognised sheets, and skips template helper sheets quietly', () => {
    const result = validate([
      sheet(1, []),
      { name: 'Guidance', rows: [['Field', 'Guidance']] },
      { name: 'Notes from Bob', rows: [['hello']] },
    ])
    assert.equal(result.issues.filter(issue => issue.code === 'list-missing').length, 10)
    assert.deepEqual(
      result.issues.filter(issue => issue.code === 'sheet-unrecognised').map(issue => issue.value),
      ['Notes from Bob'],
    )
  })

  it('identifies a list by headers when the sheet name says nothing, and keeps going after a bad row', () => {
    const validator = createAnnexAValidator({ referenceDate: REFERENCE })
    const session = validator.beginSheet('Sheet1')
    const headers = getSchema('2019').lists[1].columns.map(column => column.header)
    assert.equal(session.addRow(['Annex A extract'], 1).outcome.kind, 'title')
    assert.deepEqual(session.addRow(headers, 2).outcome, { kind: 'header', list: 1, version: '2019' })
    const bad = session.addRow(['1', 'Martian', 'a) WBRI', 'yesterday', 8, '01/03/2024', 'q) 6: Police'], 3)
    const good = session.addRow(['2', 'a) Male', 'a) WBRI', '01/06/2015', 8, '01/03/2024', 'q) 6: Police'], 7)
    assert.deepEqual(
      bad.issues.map(issue => issue.code),
      ['code-invalid', 'date-invalid'],
    )
    assert.equal(good.outcome.kind === 'data' && good.outcome.rowNumber, 7)
    assert.deepEqual(good.issues, [])
    const summary = validator.finish()
    assert.equal(summary.lists[0]?.rows, 2)
    assert.equal(summary.summary.errors, 2 + 10)
  })

  it('reads a 2026 file with Sex and detects the version', () => {
    const columns = getSchema('2026').lists[1].columns
    const result = validateWorkbook([{ name: 'Contacts', rows: [columns.map(column => column.header)] }], {
      referenceDate: REFERENCE,
    })
    assert.equal(result.schema.version, '2026')
    assert.equal(result.issues.filter(issue => issue.list === 1).length, 0)
  })

  it('gives every issue a catalogued code and its catalogued severity', () => {
    const { issues } = validate([sheet(1, [child('1', { dateOfContact: 'soon', contactSource: 'x' })])])
    for (const issue of issues)
      assert.equal(ISSUE_CODES[issue.code as keyof typeof ISSUE_CODES]?.severity, issue.severity)
  })
})
