import type { CleanRow, CleanValue, ListNumber } from '../types.js'

/**
 * How a validated row is stored: its values in a fixed order per list, not an object with key names. PostgreSQL
 * spends about a third less on an import when the key names (twice the size of the values) are not in every row
 * (docs/annex-a.md, Benchmark). APPEND ONLY: stored rows are read back by position, so a key may never be moved,
 * removed or renamed here; a column added by a future template goes at the end of its list. A unit test checks that
 * every column of every schema version is here.
 */
export const STORED_ROW_KEYS: Readonly<Record<ListNumber, readonly string[]>> = {
  1: ['childId', 'gender', 'ethnicity', 'dateOfBirth', 'ageYears', 'dateOfContact', 'contactSource'],
  2: ['childId', 'gender', 'ethnicity', 'dateOfBirth', 'ageYears', 'ehStartDate', 'ehCompletionDate', 'ehOrganisation'],
  3: [
    'childId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'dateOfReferral',
    'referralSource',
    'referralNfa',
    'referralsInLast12Months',
    'allocatedTeam',
    'allocatedWorker',
  ],
  4: [
    'childId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'disability',
    'assessmentStartDate',
    'childSeenDuringAssessment',
    'assessmentAuthorisedDate',
    'assessedAsRequiringSupport',
    'allocatedTeam',
    'allocatedWorker',
  ],
  5: [
    'childId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'disability',
    's47StartDate',
    'icpcUnnecessary',
    'icpcDate',
    'icpcResultedInPlan',
    's47sInLast12Months',
    'icpcsInLast12Months',
    'allocatedTeam',
    'allocatedWorker',
  ],
  6: [
    'childId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'disability',
    'cinStartDate',
    'primaryNeed',
    'dateLastSeen',
    'cinClosureDate',
    'reasonForClosure',
    'caseStatus',
    'allocatedTeam',
    'allocatedWorker',
  ],
  7: [
    'childId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'disability',
    'cpStartDate',
    'initialCategory',
    'latestCategory',
    'lastStatutoryVisit',
    'seenAlone',
    'latestReviewConference',
    'cpEndDate',
    'emergencyProtection',
    'previousCpPlans',
    'allocatedTeam',
    'allocatedWorker',
  ],
  8: [
    'childId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'uasc',
    'disability',
    'dateStartedLookedAfter',
    'categoryOfNeed',
    'secondPeriodInLast12Months',
    'legalStatusStartDate',
    'legalStatus',
    'latestStatutoryReview',
    'lastSocialWorkVisit',
    'permanencePlan',
    'lastIroContact',
    'lastHealthAssessment',
    'lastDentalCheck',
    'placementsInLast12Months',
    'dateCeasedLookedAfter',
    'reasonCeased',
    'placementStartDate',
    'placementType',
    'placementProvider',
    'placementPostcode',
    'placementUrn',
    'placementLocation',
    'laOfPlacement',
    'missingEpisodes',
    'absentEpisodes',
    'returnInterviewOffered',
    'returnInterviewAccepted',
    'allocatedTeam',
    'allocatedWorker',
  ],
  9: [
    'childId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'disability',
    'allocatedTeam',
    'allocatedWorker',
    'eligibility',
    'inTouch',
    'accommodation',
    'suitability',
    'activity',
    'uasc',
    'personalAdvisor',
    'pathwayPlanReviewDate',
    'latestContactDate',
  ],
  10: [
    'childId',
    'familyId',
    'gender',
    'ethnicity',
    'dateOfBirth',
    'ageYears',
    'disability',
    'dateEnteredCare',
    'decisionToPlaceDate',
    'placementOrderDate',
    'matchedDate',
    'placedForAdoptionDate',
    'adoptionOrderDate',
    'decisionReversedDate',
    'reasonNoLongerPlaced',
    'ffaPlacementDate',
  ],
  11: [
    'adopterId',
    'familyId',
    'gender',
    'ethnicity',
    'disability',
    'fosteringForAdoption',
    'enquiryDate',
    'stage1StartDate',
    'stage1EndDate',
    'stage2StartDate',
    'stage2EndDate',
    'applicationSubmittedDate',
    'applicationApprovedDate',
    'matchedDate',
    'childrenPlacedDate',
    'childrenPlaced',
    'adoptionOrderDate',
    'leftProcessDate',
    'reasonLeftProcess',
  ],
}

/** A row as stored: values by STORED_ROW_KEYS position, trailing blanks dropped. */
export function packRow(list: ListNumber, row: CleanRow): CleanValue[] {
  const keys = STORED_ROW_KEYS[list]
  let end = keys.length
  while (end > 0 && (row[keys[end - 1] as string] ?? null) === null) end -= 1
  // Pushed one by one into a packed array: presizing and then shortening it (length =) cost half a second a million.
  const values: CleanValue[] = []
  for (let index = 0; index < end; index += 1) values.push(row[keys[index] as string] ?? null)
  return values
}

/**
 * A stored row as the object validation made. Rows stored before packing (an object with key names) come back as
 * they are. Keys of the list's other template versions come back as blank, which no reader can tell from absent.
 */
export function unpackRow(list: ListNumber, stored: unknown): CleanRow {
  if (!Array.isArray(stored)) return (stored ?? {}) as CleanRow
  const keys = STORED_ROW_KEYS[list]
  const row: CleanRow = {}
  for (let index = 0; index < keys.length; index += 1)
    row[keys[index] as string] = (stored[index] as CleanValue | undefined) ?? null
  return row
}
