import type { CleanRow, IsoDate, ListNumber } from '../types.js'

/**
 * Row rules as data, from the Guidance sheet of the August 2019 template and peers-and-annex-a.md §1.1 and §6.
 * Messages name both fields and say what to fix.
 */

export interface DateOrderRule {
  readonly list: ListNumber
  readonly earlier: string
  readonly later: string
  /** `date-order` when the order is impossible, `date-order-unusual` when it is possible but worth checking. */
  readonly code: 'date-order' | 'date-order-unusual'
}

const order = (list: ListNumber, earlier: string, later: string, code: DateOrderRule['code'] = 'date-order') => ({
  list,
  earlier,
  later,
  code,
})

export const DATE_ORDER_RULES: readonly DateOrderRule[] = [
  order(2, 'ehStartDate', 'ehCompletionDate'),
  order(4, 'assessmentStartDate', 'assessmentAuthorisedDate'),
  order(5, 's47StartDate', 'icpcDate'),
  order(6, 'cinStartDate', 'cinClosureDate'),
  order(6, 'cinStartDate', 'dateLastSeen', 'date-order-unusual'),
  order(7, 'cpStartDate', 'cpEndDate'),
  order(7, 'cpStartDate', 'latestReviewConference', 'date-order-unusual'),
  order(8, 'dateStartedLookedAfter', 'dateCeasedLookedAfter'),
  order(8, 'dateStartedLookedAfter', 'placementStartDate', 'date-order-unusual'),
  order(8, 'dateStartedLookedAfter', 'legalStatusStartDate', 'date-order-unusual'),
  order(10, 'dateEnteredCare', 'decisionToPlaceDate', 'date-order-unusual'),
  order(10, 'decisionToPlaceDate', 'matchedDate'),
  order(10, 'matchedDate', 'placedForAdoptionDate'),
  order(10, 'placedForAdoptionDate', 'adoptionOrderDate'),
  order(11, 'stage1StartDate', 'stage1EndDate'),
  order(11, 'stage2StartDate', 'stage2EndDate'),
  order(11, 'stage1EndDate', 'stage2StartDate', 'date-order-unusual'),
  order(11, 'applicationSubmittedDate', 'applicationApprovedDate'),
  order(11, 'matchedDate', 'childrenPlacedDate'),
  order(11, 'childrenPlacedDate', 'adoptionOrderDate'),
]

/** "If this holds, that field must be filled" (`field-pair-incomplete`) or "must be blank" (`field-should-be-blank`). */
export interface FieldDependencyRule {
  readonly list: ListNumber
  readonly when: (row: CleanRow) => boolean
  /** Plain-English condition, completing "Because …". */
  readonly because: string
  readonly field: string
  readonly code: 'field-pair-incomplete' | 'field-should-be-blank'
}

const filled = (key: string) => (row: CleanRow) => row[key] !== null && row[key] !== undefined
const blank = (key: string) => (row: CleanRow) => row[key] === null || row[key] === undefined
const needs = (list: ListNumber, when: FieldDependencyRule['when'], because: string, field: string) => ({
  list,
  when,
  because,
  field,
  code: 'field-pair-incomplete' as const,
})
const mustBeBlank = (list: ListNumber, when: FieldDependencyRule['when'], because: string, field: string) => ({
  list,
  when,
  because,
  field,
  code: 'field-should-be-blank' as const,
})
const notInTouch = (row: CleanRow) => row['inTouch'] !== null && row['inTouch'] !== 'a) Yes'

export const FIELD_DEPENDENCY_RULES: readonly FieldDependencyRule[] = [
  needs(4, filled('assessmentAuthorisedDate'), 'the assessment is authorised', 'assessedAsRequiringSupport'),
  mustBeBlank(
    4,
    blank('assessmentAuthorisedDate'),
    'the assessment is still open (no authorisation date)',
    'assessedAsRequiringSupport',
  ),
  needs(5, filled('icpcDate'), 'an ICPC date is given', 'icpcResultedInPlan'),
  needs(5, filled('icpcResultedInPlan'), 'the ICPC outcome is given', 'icpcDate'),
  mustBeBlank(5, row => row['icpcUnnecessary'] === 'a) Yes', 'an ICPC was deemed unnecessary', 'icpcDate'),
  needs(6, filled('cinClosureDate'), 'the CIN episode has a closure date', 'reasonForClosure'),
  needs(6, filled('reasonForClosure'), 'a reason for closure is given', 'cinClosureDate'),
  needs(8, filled('dateCeasedLookedAfter'), 'the child ceased to be looked after', 'reasonCeased'),
  needs(8, filled('reasonCeased'), 'a reason for ceasing care is given', 'dateCeasedLookedAfter'),
  needs(
    8,
    row => typeof row['missingEpisodes'] === 'number' && row['missingEpisodes'] > 0,
    'the child has been missing',
    'returnInterviewOffered',
  ),
  mustBeBlank(
    8,
    row => row['returnInterviewOffered'] !== 'a) Yes',
    'no return interview was offered',
    'returnInterviewAccepted',
  ),
  mustBeBlank(9, notInTouch, 'the local authority is not in touch', 'accommodation'),
  mustBeBlank(9, notInTouch, 'the local authority is not in touch', 'suitability'),
  needs(10, filled('decisionReversedDate'), 'the adoption decision was reversed', 'reasonNoLongerPlaced'),
  needs(10, filled('reasonNoLongerPlaced'), 'a reason the child is no longer placed is given', 'decisionReversedDate'),
  needs(11, filled('leftProcessDate'), 'the adopter left the process', 'reasonLeftProcess'),
  needs(11, filled('reasonLeftProcess'), 'a reason for leaving is given', 'leftProcessDate'),
]

const on = (row: CleanRow, key: string): IsoDate | null => {
  const value = row[key]
  return typeof value === 'string' ? value : null
}
const onOrAfter = (date: IsoDate | null, start: IsoDate) => date !== null && date >= start

/**
 * Whether a row belongs in its list's window (Guidance sheet): events in the last 6 months (Lists 1–5) or 12 months
 * (10–11), plus what is still open (early help, assessments, enquiries, CIN, plans, care, adoption journeys).
 * Returns null when the row lacks the dates to decide, so nothing is reported twice for a blank date.
 */
export function isInWindow(list: ListNumber, row: CleanRow, windowStart: IsoDate): boolean | null {
  switch (list) {
    case 1:
      return on(row, 'dateOfContact') === null ? null : onOrAfter(on(row, 'dateOfContact'), windowStart)
    case 2:
      if (on(row, 'ehStartDate') === null) return null
      return (
        onOrAfter(on(row, 'ehStartDate'), windowStart) ||
        on(row, 'ehCompletionDate') === null ||
        onOrAfter(on(row, 'ehCompletionDate'), windowStart)
      )
    case 3:
      return on(row, 'dateOfReferral') === null ? null : onOrAfter(on(row, 'dateOfReferral'), windowStart)
    case 4:
      if (on(row, 'assessmentStartDate') === null) return null
      return (
        onOrAfter(on(row, 'assessmentStartDate'), windowStart) ||
        on(row, 'assessmentAuthorisedDate') === null ||
        onOrAfter(on(row, 'assessmentAuthorisedDate'), windowStart)
      )
    case 5:
      if (on(row, 's47StartDate') === null) return null
      return (
        onOrAfter(on(row, 's47StartDate'), windowStart) ||
        onOrAfter(on(row, 'icpcDate'), windowStart) ||
        (on(row, 'icpcDate') === null && row['icpcUnnecessary'] === null)
      )
    case 6:
      return on(row, 'cinClosureDate') === null || onOrAfter(on(row, 'cinClosureDate'), windowStart)
    case 7:
      return on(row, 'cpEndDate') === null || onOrAfter(on(row, 'cpEndDate'), windowStart)
    case 8:
      return on(row, 'dateCeasedLookedAfter') === null || onOrAfter(on(row, 'dateCeasedLookedAfter'), windowStart)
    case 9:
      return true
    case 10:
      return (
        (on(row, 'adoptionOrderDate') === null && on(row, 'decisionReversedDate') === null) ||
        ['decisionToPlaceDate', 'adoptionOrderDate', 'decisionReversedDate'].some(key =>
          onOrAfter(on(row, key), windowStart),
        )
      )
    case 11:
      return (
        (on(row, 'adoptionOrderDate') === null && on(row, 'leftProcessDate') === null) ||
        Object.values(row).some(
          value => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= windowStart,
        )
      )
  }
}

/** Ages that make a row worth a second look: children's lists stop at 17, care leavers are 16 to 25. */
export const EXPECTED_AGE: Readonly<Partial<Record<ListNumber, { min: number; max: number }>>> = {
  1: { min: -1, max: 17 },
  2: { min: -1, max: 17 },
  3: { min: -1, max: 17 },
  4: { min: -1, max: 17 },
  5: { min: -1, max: 17 },
  6: { min: -1, max: 18 },
  7: { min: -1, max: 18 },
  8: { min: 0, max: 18 },
  9: { min: 16, max: 25 },
  10: { min: 0, max: 17 },
}

/** Care leaver eligibility by age (Children Act 1989 ss. 19B, 23A–24): relevant and eligible children are 16–17. */
export const ELIGIBILITY_AGES: Readonly<Record<string, { min: number; max: number }>> = {
  'a) Relevant child': { min: 16, max: 17 },
  'd) Eligible child': { min: 16, max: 17 },
  'b) Former relevant child': { min: 18, max: 25 },
  'c) Qualifying care leaver': { min: 16, max: 25 },
}
