import type { ColumnSpec, ListNumber, ListSpec } from '../types.js'

/**
 * The eleven lists of Ofsted's Annex A template, "Update: August 2019": headers in template order, types and
 * required flags (liia-tools `canbeblank`), duplicate keys (liia `unique_key`) and windows (Guidance sheet).
 * Aliases are spellings seen in real files (peers-and-annex-a.md §1.2); matching also ignores case, spaces,
 * punctuation and curly quotes, so only genuinely different wordings need listing.
 */

const column = (
  key: string,
  header: string,
  type: ColumnSpec['type'],
  required: boolean,
  extra: Partial<Pick<ColumnSpec, 'aliases' | 'codeList' | 'min'>> = {},
): ColumnSpec => ({ key, header, type, required, ...extra })

const childId = column('childId', 'Child Unique ID', 'id', true, { aliases: ['Child ID', 'ChildID', 'LA Child ID'] })
const gender = column('gender', 'Gender', 'code', true, { codeList: 'gender', aliases: ['Sex'] })
const ethnicity = column('ethnicity', 'Ethnicity', 'code', true, { codeList: 'ethnicity' })
const dateOfBirth = column('dateOfBirth', 'Date of Birth', 'date', false, { aliases: ['DOB'] })
const age = column('ageYears', 'Age of Child (Years)', 'age', false, { aliases: ['Age', 'Age of Child'] })
const disability = column('disability', 'Does the Child have a Disability', 'code', true, {
  codeList: 'yesNoUnknown',
  aliases: ['Disability'],
})
const team = column('allocatedTeam', 'Allocated Team', 'text', true)
const worker = column('allocatedWorker', 'Allocated Worker', 'text', true)
const childColumns = [childId, gender, ethnicity, dateOfBirth, age]

const list = (
  number: ListNumber,
  name: string,
  sheetNames: readonly string[],
  columns: readonly ColumnSpec[],
  shape: Pick<ListSpec, 'uniqueKey' | 'onePerChild' | 'windowMonths'> & { personKey?: string },
): ListSpec => ({ list: number, name, sheetNames, columns, personKey: 'childId', ...shape })

export const LISTS_2019: Readonly<Record<ListNumber, ListSpec>> = {
  1: list(
    1,
    'Contacts',
    ['Contacts', 'Contact'],
    [
      ...childColumns,
      column('dateOfContact', 'Date of Contact', 'date', true),
      column('contactSource', 'Contact Source', 'code', true, { codeList: 'source' }),
    ],
    { uniqueKey: ['childId', 'dateOfContact', 'contactSource'], onePerChild: false, windowMonths: 6 },
  ),
  2: list(
    2,
    'Early Help',
    ['Early Help', 'EH', 'Early Help Assessments'],
    [
      ...childColumns,
      column('ehStartDate', 'Assessment start date', 'date', true),
      column('ehCompletionDate', 'Assessment completion date', 'date', false),
      column('ehOrganisation', 'Organisation completing assessment', 'text', true),
    ],
    { uniqueKey: ['childId', 'ehStartDate'], onePerChild: false, windowMonths: 6 },
  ),
  3: list(
    3,
    'Referral',
    ['Referrals', 'Referral'],
    [
      ...childColumns,
      column('dateOfReferral', 'Date of referral', 'date', true),
      column('referralSource', 'Referral Source', 'code', true, { codeList: 'source' }),
      column('referralNfa', 'Referral NFA?', 'code', true, { codeList: 'yesNo', aliases: ['Referral NFA'] }),
      column('referralsInLast12Months', 'Number of Referrals in Last 12 Months', 'integer', true, { min: 0 }),
      team,
      worker,
    ],
    { uniqueKey: ['childId', 'dateOfReferral', 'referralSource'], onePerChild: false, windowMonths: 6 },
  ),
  4: list(
    4,
    'Assessments',
    ['Assessments', 'Assessment'],
    [
      ...childColumns,
      disability,
      column('assessmentStartDate', 'Continuous Assessment Start Date', 'date', true),
      column('childSeenDuringAssessment', 'Child Seen During Continuous Assessment', 'code', true, {
        codeList: 'yesNoUnknown',
      }),
      column('assessmentAuthorisedDate', 'Continuous Assessment Date of Authorisation', 'date', false),
      column(
        'assessedAsRequiringSupport',
        'Was the child assessed as requiring LA children’s social care support',
        'code',
        false,
        { codeList: 'yesNo', aliases: ['Was the child assessed as being in need at assessment?'] },
      ),
      team,
      worker,
    ],
    { uniqueKey: ['childId', 'assessmentStartDate'], onePerChild: false, windowMonths: 6 },
  ),
  5: list(
    5,
    'Section 47 enquiries and Initial Child Protection Conferences',
    ['Sec47 and ICPC', 'Section 47', 'S47', 'S47 and ICPC', 'Section 47 and ICPC'],
    [
      ...childColumns,
      disability,
      column('s47StartDate', 'Strategy discussion initiating Section 47 Enquiry Start Date', 'date', true),
      column('icpcUnnecessary', 'Was an Initial Child Protection Conference deemed unnecessary?', 'code', false, {
        codeList: 'yesNo',
      }),
      column('icpcDate', 'Date of Initial Child Protection Conference', 'date', false),
      column(
        'icpcResultedInPlan',
        'Did the Initial Child Protection Conference Result in a Child Protection Plan',
        'code',
        false,
        {
          codeList: 'yesNo',
        },
      ),
      column('s47sInLast12Months', 'Number of Section 47 Enquiries in the last 12 months', 'integer', true, { min: 0 }),
      column('icpcsInLast12Months', 'Number of ICPCs in the last 12 months', 'integer', true, { min: 0 }),
      team,
      worker,
    ],
    { uniqueKey: ['childId', 's47StartDate'], onePerChild: false, windowMonths: 6 },
  ),
  6: list(
    6,
    'Children in Need',
    ['Children in Need', 'CIN'],
    [
      ...childColumns,
      disability,
      column('cinStartDate', 'CIN Start Date', 'date', false),
      column('primaryNeed', 'Primary Need Code', 'code', true, { codeList: 'primaryNeed' }),
      column('dateLastSeen', 'Date Child Was Last Seen', 'date', false),
      column('cinClosureDate', 'CIN Closure Date', 'date', false),
      column('reasonForClosure', 'Reason for Closure', 'code', false, { codeList: 'reasonForClosure' }),
      column('caseStatus', 'Case Status', 'code', true, { codeList: 'caseStatus' }),
      team,
      worker,
    ],
    { uniqueKey: ['childId'], onePerChild: true, windowMonths: 6 },
  ),
  7: list(
    7,
    'Child protection',
    ['Child Protection', 'CP', 'Child Protection Plans', 'CPP'],
    [
      ...childColumns,
      disability,
      column('cpStartDate', 'Child Protection Plan Start Date', 'date', true),
      column('initialCategory', 'Initial Category of Abuse', 'code', true, { codeList: 'categoryOfAbuse' }),
      column('latestCategory', 'Latest Category of Abuse', 'code', true, { codeList: 'categoryOfAbuse' }),
      column('lastStatutoryVisit', 'Date of the Last Statutory Visit', 'date', false),
      column('seenAlone', 'Was the Child Seen Alone?', 'code', false, { codeList: 'yesNoUnknown' }),
      column('latestReviewConference', 'Date of latest review conference', 'date', false),
      column('cpEndDate', 'Child Protection Plan End Date', 'date', false),
      column(
        'emergencyProtection',
        'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
        'code',
        true,
        { codeList: 'yesNo' },
      ),
      column('previousCpPlans', 'Number of Previous Child Protection Plans', 'integer', true, { min: 0 }),
      team,
      worker,
    ],
    { uniqueKey: ['childId'], onePerChild: true, windowMonths: 6 },
  ),
  8: list(
    8,
    'Children in care',
    ['Children in Care', 'Looked After Children', 'CLA', 'LAC', 'Children Looked After'],
    [
      ...childColumns,
      column('uasc', 'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)', 'code', true, {
        codeList: 'yesNo',
      }),
      disability,
      column('dateStartedLookedAfter', 'Date Started to be Looked After', 'date', true),
      column('categoryOfNeed', 'Child’s Category of Need', 'code', true, { codeList: 'categoryOfNeed' }),
      column(
        'secondPeriodInLast12Months',
        'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)',
        'code',
        true,
        {
          codeList: 'yesNo',
          aliases: [
            'Is this a second or subsequent episode of being a Looked After Child within the last 12 months (Y/N)',
          ],
        },
      ),
      column('legalStatusStartDate', 'Start date of current legal status', 'date', true),
      column('legalStatus', 'Child’s Legal Status', 'code', true, { codeList: 'legalStatus' }),
      column('latestStatutoryReview', 'Date of Latest Statutory Review', 'date', false),
      column('lastSocialWorkVisit', 'Date of Last Social Work Visit', 'date', false),
      column('permanencePlan', 'What is the permanence plan for this child?', 'code', false, {
        codeList: 'permanencePlan',
      }),
      column('lastIroContact', 'Date of Last IRO Visit / Contact to the Child', 'date', false),
      column('lastHealthAssessment', 'Date of Last Health Assessment', 'date', false),
      column('lastDentalCheck', 'Date of Last Dental Check', 'date', false),
      column('placementsInLast12Months', 'Number of Placements in the Last 12 months', 'integer', true, { min: 0 }),
      column('dateCeasedLookedAfter', 'Date Ceased to be Looked After', 'date', false),
      column('reasonCeased', 'Reason Ceased to be Looked After', 'code', false, { codeList: 'reasonCeased' }),
      column('placementStartDate', 'Start Date of Most Recent Placement', 'date', true),
      column('placementType', 'Placement Type', 'code', true, { codeList: 'placementType' }),
      column('placementProvider', 'Placement Provider', 'code', true, { codeList: 'placementProvider' }),
      column('placementPostcode', 'Placement postcode', 'postcode', true),
      column('placementUrn', 'URN of Placement', 'id', false),
      column('placementLocation', 'Placement Location', 'code', true, { codeList: 'placementLocation' }),
      column('laOfPlacement', 'LA of Placement', 'text', true),
      column(
        'missingEpisodes',
        'Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months',
        'integer',
        true,
        { min: 0 },
      ),
      column(
        'absentEpisodes',
        'Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months',
        'integer',
        true,
        { min: 0 },
      ),
      column(
        'returnInterviewOffered',
        'Was the child offered a Return Interview after their last missing episode (Y/N)?',
        'code',
        false,
        { codeList: 'yesNoUnknown' },
      ),
      column(
        'returnInterviewAccepted',
        'Did the child accept a Return Interview after their last missing episode (Y/N)?',
        'code',
        false,
        { codeList: 'yesNoUnknown' },
      ),
      team,
      worker,
    ],
    { uniqueKey: ['childId'], onePerChild: true, windowMonths: 6 },
  ),
  9: list(
    9,
    'Care leavers',
    ['Care Leavers', 'Care Leaver', 'Leaving Care'],
    [
      ...childColumns,
      disability,
      team,
      worker,
      column('eligibility', 'Eligibility Category', 'code', true, { codeList: 'eligibility' }),
      column('inTouch', 'LA in Touch', 'code', true, { codeList: 'inTouch' }),
      column('accommodation', 'Type of Accommodation', 'code', false, { codeList: 'accommodation' }),
      column('suitability', 'Suitability of Accommodation', 'code', false, { codeList: 'suitability' }),
      column('activity', 'Activity Status', 'code', false, { codeList: 'activity' }),
    ],
    { uniqueKey: ['childId'], onePerChild: true, windowMonths: null },
  ),
  10: list(
    10,
    'Adoption',
    ['Adoption', 'Adoptions'],
    [
      childId,
      column('familyId', 'Family identifier', 'id', false),
      gender,
      ethnicity,
      dateOfBirth,
      age,
      disability,
      column('dateEnteredCare', 'Date the Child Entered Care', 'date', false),
      column('decisionToPlaceDate', 'Date of Decision that Child Should be Placed for Adoption', 'date', true),
      column('placementOrderDate', 'Date of Placement Order', 'date', false),
      column('matchedDate', 'Date of Matching Child and Prospective Adopters', 'date', false),
      column('placedForAdoptionDate', 'Date Placed for Adoption', 'date', false),
      column('adoptionOrderDate', 'Date of Adoption Order', 'date', false),
      column(
        'decisionReversedDate',
        'Date of Decision that Child Should No Longer be Placed for Adoption',
        'date',
        false,
      ),
      column('reasonNoLongerPlaced', 'Reason Why Child No Longer Placed for Adoption', 'code', false, {
        codeList: 'reasonNoLongerPlaced',
      }),
      column(
        'ffaPlacementDate',
        'Date the child was placed for fostering in FFA or concurrent planning placement',
        'date',
        false,
      ),
    ],
    { uniqueKey: ['childId', 'decisionToPlaceDate'], onePerChild: false, windowMonths: 12 },
  ),
  11: list(
    11,
    'Adopters',
    ['Adopters', 'Adopter'],
    [
      column('adopterId', 'Individual adopter identifier', 'id', true),
      column('familyId', 'Family identifier', 'id', false),
      column('gender', 'Gender', 'code', false, { codeList: 'adopterGender', aliases: ['Sex'] }),
      column('ethnicity', 'Ethnicity', 'code', false, { codeList: 'ethnicity' }),
      column('disability', 'Disability', 'code', false, { codeList: 'yesNo' }),
      column('fosteringForAdoption', 'Is the (prospective) adopter fostering for adoption?', 'code', true, {
        codeList: 'plainYesNo',
      }),
      column('enquiryDate', 'Date enquiry received', 'date', true),
      column('stage1StartDate', 'Date Stage 1 started', 'date', false),
      column('stage1EndDate', 'Date Stage 1 ended', 'date', false),
      column('stage2StartDate', 'Date Stage 2 started', 'date', false),
      column('stage2EndDate', 'Date Stage 2 ended', 'date', false),
      column('applicationSubmittedDate', 'Date application submitted', 'date', false),
      column('applicationApprovedDate', 'Date application approved', 'date', false),
      column('matchedDate', 'Date adopter matched with child(ren)', 'date', false),
      column('childrenPlacedDate', 'Date child/children placed with adopter(s)', 'date', false),
      column('childrenPlaced', 'No. of children placed', 'integer', false, { min: 0 }),
      column('adoptionOrderDate', 'Date of Adoption Order', 'date', false),
      column('leftProcessDate', 'Date of leaving adoption process', 'date', false),
      column('reasonLeftProcess', 'Reason for leaving adoption process', 'code', false, {
        codeList: 'reasonLeftAdoption',
      }),
    ],
    { uniqueKey: ['adopterId', 'enquiryDate'], onePerChild: false, windowMonths: 12, personKey: 'adopterId' },
  ),
}
