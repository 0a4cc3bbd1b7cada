import { addMonths, formatUkDate } from '../parse/dates.js'
import type { CleanRow, IsoDate, Issue, ListNumber, ListSpec } from '../types.js'
import { createHashRowIndex, hashValues, type HashRowIndex } from './hashKey.js'
import { makeIssue } from './issueCodes.js'

/**
 * What the list-level and cross-list checks need, and nothing more: a hash per row for duplicates, and small
 * per-child facts for Lists 3–11. Rows themselves are never kept, so memory grows with children, not rows.
 */

interface ChildFact {
  readonly row: number
}
interface ReferralFacts {
  firstRow: number
  count: number | null
  latestDate: IsoDate | null
  latestRow: number
  latestCount: number | null
  dates: IsoDate[]
}
interface FamilyFact {
  readonly row: number
  readonly placed: boolean
}

/** Case Status precedence from the Guidance sheet: the first that applies. */
export const CASE_STATUS_RANK: Readonly<Record<string, number>> = {
  'a) Looked after child': 1,
  'b) Child Protection plan': 2,
  'c) Child in need plan': 3,
  'd) Open assessment': 4,
  'e) Closed episode': 5,
}

export interface CrossListState {
  /** Row-time checks: duplicates, repeated children, referral counts. Returns the issues for this row. */
  addRow(spec: ListSpec, row: CleanRow, rowNumber: number): Issue[]
  markListSeen(list: ListNumber): void
  /** The checks that need every list read: List 6 against 7 and 8, List 10 against 11, referral counts. */
  finish(): Issue[]
  readonly seenLists: ReadonlySet<ListNumber>
}

export function createCrossListState(referenceDate: IsoDate): CrossListState {
  const seenLists = new Set<ListNumber>()
  const rowKeys = new Map<ListNumber, HashRowIndex>()
  const keyValues: string[] = []
  const referrals = new Map<string, ReferralFacts>()
  const list6 = new Map<string, ChildFact & { status: string | null }>()
  const openPlans = new Map<string, ChildFact & { open: boolean }>()
  const inCare = new Map<string, ChildFact & { open: boolean }>()
  const openAssessments = new Set<string>()
  const list10Families = new Map<string, ChildFact>()
  const list11Families = new Map<string, FamilyFact>()

  function checkDuplicate(spec: ListSpec, row: CleanRow, rowNumber: number, person: string): Issue[] {
    keyValues.length = 0
    for (const key of spec.uniqueKey) {
      const value = row[key]
      if (value === null || value === undefined) return []
      keyValues.push(String(value))
    }
    let keys = rowKeys.get(spec.list)
    if (keys === undefined) rowKeys.set(spec.list, (keys = createHashRowIndex()))
    const first = keys.firstRowOrAdd(hashValues(keyValues), rowNumber)
    if (first === 0) return []
    const where = { list: spec.list, row: rowNumber, childId: person }
    if (spec.onePerChild) {
      return [
        makeIssue(
          'child-repeated',
          { ...where, column: spec.columns[0]?.header ?? null, value: person },
          `List ${spec.list} row ${rowNumber}: child ${person} is also on row ${first}. List ${spec.list} holds one row per child (the latest episode); delete the older row.`,
        ),
      ]
    }
    return [
      makeIssue(
        'row-duplicate',
        where,
        `List ${spec.list} row ${rowNumber} repeats row ${first} (same ${spec.uniqueKey.map(key => spec.columns.find(column => column.key === key)?.header ?? key).join(', ')}). Delete the duplicate row.`,
      ),
    ]
  }

  function trackReferral(row: CleanRow, rowNumber: number, child: string): Issue[] {
    const date = typeof row['dateOfReferral'] === 'string' ? row['dateOfReferral'] : null
    const count = typeof row['referralsInLast12Months'] === 'number' ? row['referralsInLast12Months'] : null
    const facts = referrals.get(child)
    if (facts === undefined) {
      referrals.set(child, {
        firstRow: rowNumber,
        count,
        latestDate: date,
        latestRow: rowNumber,
        latestCount: count,
        dates: date === null ? [] : [date],
      })
      return []
    }
    if (date !== null) {
      facts.dates.push(date)
      if (facts.latestDate === null || date > facts.latestDate) {
        facts.latestDate = date
        facts.latestRow = rowNumber
        facts.latestCount = count
      }
    }
    if (count === null) return []
    if (facts.count === null) {
      facts.count = count
      return []
    }
    if (count === facts.count) return []
    return [
      makeIssue(
        'referral-count-inconsistent',
        {
          list: 3,
          row: rowNumber,
          childId: child,
          column: 'Number of Referrals in Last 12 Months',
          value: String(count),
        },
        `List 3 row ${rowNumber}: child ${child} has ${count} referrals in the last 12 months here but ${facts.count} on row ${facts.firstRow}. The guidance counts referrals in the 12 months before the child's latest referral, so every row of a child shows the same number; correct it.`,
      ),
    ]
  }

  return {
    seenLists,
    markListSeen(list) {
      seenLists.add(list)
    },
    addRow(spec, row, rowNumber) {
      const personValue = row[spec.personKey]
      const person = typeof personValue === 'string' ? personValue : null
      if (person === null) return []
      const issues = checkDuplicate(spec, row, rowNumber, person)
      switch (spec.list) {
        case 3:
          issues.push(...trackReferral(row, rowNumber, person))
          break
        case 4:
          if (row['assessmentAuthorisedDate'] === null && row['assessmentStartDate'] !== null)
            openAssessments.add(person)
          break
        case 6:
          if (!list6.has(person))
            list6.set(person, {
              row: rowNumber,
              status: typeof row['caseStatus'] === 'string' ? row['caseStatus'] : null,
            })
          break
        case 7: {
          const end = row['cpEndDate']
          if (!openPlans.has(person))
            openPlans.set(person, {
              row: rowNumber,
              open: end === null || (typeof end === 'string' && end > referenceDate),
            })
          break
        }
        case 8: {
          const ceased = row['dateCeasedLookedAfter']
          if (!inCare.has(person))
            inCare.set(person, {
              row: rowNumber,
              open: ceased === null || (typeof ceased === 'string' && ceased > referenceDate),
            })
          break
        }
        case 10:
          if (typeof row['familyId'] === 'string' && !list10Families.has(row['familyId']))
            list10Families.set(row['familyId'], { row: rowNumber })
          break
        case 11:
          if (typeof row['familyId'] === 'string' && !list11Families.has(row['familyId'])) {
            const placed =
              row['childrenPlacedDate'] !== null ||
              (typeof row['childrenPlaced'] === 'number' && row['childrenPlaced'] > 0)
            list11Families.set(row['familyId'], { row: rowNumber, placed })
          }
          break
      }
      return issues
    },
    finish() {
      const issues: Issue[] = []
      if (seenLists.has(6)) issues.push(...checkAgainstList6())
      if (seenLists.has(10) && seenLists.has(11)) issues.push(...checkFamilies())
      issues.push(...checkReferralCountsAgainstRows())
      return issues
    },
  }

  function checkAgainstList6(): Issue[] {
    const issues: Issue[] = []
    for (const [source, facts, what] of [
      [7, openPlans, 'a child protection plan'],
      [8, inCare, 'a period of care'],
    ] as const) {
      for (const [child, fact] of facts) {
        if (list6.has(child)) continue
        issues.push(
          makeIssue(
            'child-not-on-list-6',
            { list: source, row: fact.row, childId: child, column: 'Child Unique ID', value: child },
            `List ${source} row ${fact.row}: child ${child} has ${what} in the period but is not on List 6. Every child on List ${source} also receives services as a child in need; add them to List 6, or check the Child Unique ID matches.`,
          ),
        )
      }
    }
    for (const [child, fact] of list6) {
      if (fact.status === null) continue
      const rank = CASE_STATUS_RANK[fact.status] ?? 5
      const care = inCare.get(child)
      const plan = openPlans.get(child)
      const expected =
        care?.open === true
          ? { rank: 1, code: 'a) Looked after child', why: `is in care on List 8 (row ${care.row})` }
          : plan?.open === true
            ? {
                rank: 2,
                code: 'b) Child Protection plan',
                why: `has an open child protection plan on List 7 (row ${plan.row})`,
              }
            : openAssessments.has(child)
              ? { rank: 4, code: 'd) Open assessment', why: 'has an open assessment on List 4' }
              : null
      const where = { list: 6 as const, row: fact.row, childId: child, column: 'Case Status', value: fact.status }
      if (expected !== null && rank > expected.rank) {
        issues.push(
          makeIssue(
            'case-status-precedence',
            where,
            `List 6 row ${fact.row}: child ${child} ${expected.why}, so Case Status should be "${expected.code}", not "${fact.status}" (precedence: looked after, then CP plan, then CIN plan, then open assessment, then closed). Correct the Case Status or the other list.`,
          ),
        )
      } else if (rank === 1 && seenLists.has(8) && care?.open !== true) {
        issues.push(
          makeIssue(
            'case-status-unsupported',
            where,
            `List 6 row ${fact.row}: child ${child} is "a) Looked after child" but is not in care on List 8. Check List 8 and the Case Status.`,
          ),
        )
      } else if (rank === 2 && seenLists.has(7) && plan?.open !== true) {
        issues.push(
          makeIssue(
            'case-status-unsupported',
            where,
            `List 6 row ${fact.row}: child ${child} is "b) Child Protection plan" but has no open plan on List 7. Check List 7 and the Case Status.`,
          ),
        )
      }
    }
    return issues
  }

  function checkFamilies(): Issue[] {
    const issues: Issue[] = []
    for (const [family, fact] of list10Families) {
      if (list11Families.has(family)) continue
      issues.push(
        makeIssue(
          'family-not-on-list-11',
          { list: 10, row: fact.row, column: 'Family identifier', value: family },
          `List 10 row ${fact.row}: family ${family} is not on List 11. If the family is your own adopters, add them to List 11 or correct the identifier; interagency placements may be left as they are.`,
        ),
      )
    }
    for (const [family, fact] of list11Families) {
      if (!fact.placed || list10Families.has(family)) continue
      issues.push(
        makeIssue(
          'family-not-on-list-10',
          { list: 11, row: fact.row, column: 'Family identifier', value: family },
          `List 11 row ${fact.row}: family ${family} has had children placed but no child on List 10 has that family identifier. Check List 10's Family identifier column.`,
        ),
      )
    }
    return issues
  }

  function checkReferralCountsAgainstRows(): Issue[] {
    const issues: Issue[] = []
    for (const [child, facts] of referrals) {
      if (facts.latestDate === null || facts.latestCount === null || facts.dates.length < 2) continue
      const from = addMonths(facts.latestDate, -12)
      const earlier = facts.dates.filter(date => date >= from && date < (facts.latestDate as string)).length
      if (facts.latestCount >= earlier) continue
      issues.push(
        makeIssue(
          'referral-count-too-low',
          {
            list: 3,
            row: facts.latestRow,
            childId: child,
            column: 'Number of Referrals in Last 12 Months',
            value: String(facts.latestCount),
          },
          `List 3 row ${facts.latestRow}: child ${child} has ${earlier} earlier referrals on this list in the 12 months before ${formatUkDate(facts.latestDate)}, but the count says ${facts.latestCount}. Check the count.`,
        ),
      )
    }
    return issues
  }
}
