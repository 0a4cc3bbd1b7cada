import { EET_ACTIVITY_PREFIXES } from '../schema/codeLists.js'
import { addMonths, ageAt, daysBetween } from '../parse/dates.js'
import type { CleanRow, IsoDate, ListNumber } from '../types.js'
import type { WorkingDayCalendar } from './workingDays.js'

/**
 * ChAT-style indicators as data: what each counts, from which list, and where the definition comes from.
 * Sources: D2I ChAT and its Eastern Region port (peers-and-annex-a.md §2.6), DfE/LAIT measure definitions (§2.9).
 */

export type IndicatorUnit = 'per-10k' | 'percent' | 'days' | 'count'

export interface MeasureContext {
  readonly referenceDate: IsoDate
  readonly windowStart: IsoDate
  readonly calendar: WorkingDayCalendar
}

/** How one row counts: into the denominator, the numerator (a number, for sums of days), or not at all (null). */
export interface RowMeasure {
  readonly numerator: number
  readonly denominator: number
}

export interface IndicatorDefinition {
  readonly id: string
  readonly label: string
  readonly unit: IndicatorUnit
  readonly list: ListNumber
  readonly definition: string
  readonly source: string
  /** Counts a row. For `per-10k` only the numerator is used; the denominator is the child population. */
  readonly measure?: (row: CleanRow, context: MeasureContext) => RowMeasure | null
  /** For distributions: the category a row falls in, or null to leave it out. */
  readonly categorise?: (row: CleanRow, context: MeasureContext) => string | null
}

const CHAT = 'D2I ChAT (Eastern Region pre-processor port), peers-and-annex-a.md §2.6'
const DFE = 'DfE children’s social care statistics / LAIT measure, peers-and-annex-a.md §2.9'

const str = (row: CleanRow, key: string): string | null => (typeof row[key] === 'string' ? (row[key] as string) : null)
const num = (row: CleanRow, key: string): number | null => (typeof row[key] === 'number' ? (row[key] as number) : null)
const one = (counts: boolean): RowMeasure => ({ numerator: counts ? 1 : 0, denominator: 1 })
const inCareAt = (row: CleanRow, on: IsoDate) => {
  const ceased = str(row, 'dateCeasedLookedAfter')
  const started = str(row, 'dateStartedLookedAfter')
  return started !== null && started <= on && (ceased === null || ceased > on)
}
const perTenThousand = (
  list: ListNumber,
  id: string,
  label: string,
  what: string,
  counts: (row: CleanRow, context: MeasureContext) => boolean,
) => ({
  id,
  label,
  unit: 'per-10k' as const,
  list,
  definition: `${what} per 10,000 children aged 0–17 (population supplied by the user or ONS mid-year estimates).`,
  source: DFE,
  measure: (row: CleanRow, context: MeasureContext) => (counts(row, context) ? { numerator: 1, denominator: 0 } : null),
})

export const INDICATORS: readonly IndicatorDefinition[] = [
  perTenThousand(1, 'contacts-per-10k', 'Contacts per 10,000 children', 'Contacts on List 1', () => true),
  {
    id: 'contacts-to-referral-rate',
    label: 'Children with a contact who were referred (%)',
    unit: 'percent',
    list: 1,
    definition: 'Children on List 1 who also appear on List 3, as a percentage of children on List 1.',
    source: CHAT,
  },
  perTenThousand(3, 'referrals-per-10k', 'Referrals per 10,000 children', 'Referrals on List 3', () => true),
  {
    id: 'referrals-nfa-rate',
    label: 'Referrals with no further action (%)',
    unit: 'percent',
    list: 3,
    definition: 'Referrals whose Referral NFA? is "a) Yes", as a percentage of referrals with an answer.',
    source: CHAT,
    measure: row => (str(row, 'referralNfa') === null ? null : one(str(row, 'referralNfa') === 'a) Yes')),
  },
  {
    id: 're-referrals-within-12-months-rate',
    label: 'Re-referrals within 12 months (%)',
    unit: 'percent',
    list: 3,
    definition:
      'Referrals where the child had at least one referral in the previous 12 months (Number of Referrals in Last 12 Months ≥ 1).',
    source: DFE,
    measure: row =>
      num(row, 'referralsInLast12Months') === null ? null : one((num(row, 'referralsInLast12Months') ?? 0) >= 1),
  },
  {
    id: 'assessments-within-45-working-days-rate',
    label: 'Assessments completed within 45 working days (%)',
    unit: 'percent',
    list: 4,
    definition:
      'Authorised assessments completed within 45 working days of their start (England and Wales calendar), as a percentage of authorised assessments.',
    source: DFE,
    measure: (row, context) => {
      const start = str(row, 'assessmentStartDate')
      const end = str(row, 'assessmentAuthorisedDate')
      if (start === null || end === null || end < start) return null
      return one(context.calendar.workingDaysBetween(start, end) <= 45)
    },
  },
  perTenThousand(
    5,
    's47-per-10k',
    'Section 47 enquiries per 10,000 children',
    'Section 47 enquiries on List 5',
    () => true,
  ),
  {
    id: 'icpc-within-15-working-days-rate',
    label: 'ICPCs within 15 working days of the strategy discussion (%)',
    unit: 'percent',
    list: 5,
    definition:
      'ICPCs held within 15 working days of the strategy discussion that started the section 47 enquiry, as a percentage of ICPCs held.',
    source: DFE,
    measure: (row, context) => {
      const start = str(row, 's47StartDate')
      const icpc = str(row, 'icpcDate')
      if (start === null || icpc === null || icpc < start) return null
      return one(context.calendar.workingDaysBetween(start, icpc) <= 15)
    },
  },
  {
    id: 's47-to-icpc-rate',
    label: 'Section 47 enquiries leading to an ICPC (%)',
    unit: 'percent',
    list: 5,
    definition: 'Section 47 enquiries with an ICPC date, as a percentage of enquiries.',
    source: CHAT,
    measure: row => one(str(row, 'icpcDate') !== null),
  },
  {
    id: 'icpc-to-cp-plan-rate',
    label: 'ICPCs resulting in a child protection plan (%)',
    unit: 'percent',
    list: 5,
    definition: 'ICPCs that resulted in a child protection plan, as a percentage of ICPCs held.',
    source: CHAT,
    measure: row => (str(row, 'icpcDate') === null ? null : one(str(row, 'icpcResultedInPlan') === 'a) Yes')),
  },
  {
    id: 'cp-plans-by-category',
    label: 'Child protection plans by initial category of abuse',
    unit: 'count',
    list: 7,
    definition: 'Child protection plans on List 7 by Initial Category of Abuse.',
    source: CHAT,
    categorise: row => str(row, 'initialCategory'),
  },
  {
    id: 'cp-plans-second-or-subsequent-rate',
    label: 'Child protection plans that are a second or subsequent plan (%)',
    unit: 'percent',
    list: 7,
    definition:
      'Plans that started in the 6-month window where Number of Previous Child Protection Plans ≥ 1, as a percentage of plans started in the window.',
    source: DFE,
    measure: (row, context) => {
      const start = str(row, 'cpStartDate')
      const previous = num(row, 'previousCpPlans')
      if (start === null || start < context.windowStart || previous === null) return null
      return one(previous >= 1)
    },
  },
  {
    id: 'cp-plans-lasting-2-years-plus-rate',
    label: 'Ended child protection plans that lasted 2 years or more (%)',
    unit: 'percent',
    list: 7,
    definition:
      'Plans ended on or before the reference date that lasted 2 years or more, as a percentage of ended plans.',
    source: DFE,
    measure: (row, context) => {
      const start = str(row, 'cpStartDate')
      const end = str(row, 'cpEndDate')
      if (start === null || end === null || end > context.referenceDate) return null
      return one(end >= addMonths(start, 24))
    },
  },
  {
    id: 'cp-visit-recency-bands',
    label: 'Open child protection plans by time since the last statutory visit',
    unit: 'count',
    list: 7,
    definition:
      'Open plans by weeks from the last statutory visit to the reference date: 0–6, 6–12, 12–18, 18+ weeks, or no visit recorded.',
    source: CHAT,
    categorise: (row, context) => {
      const end = str(row, 'cpEndDate')
      if (end !== null && end <= context.referenceDate) return null
      const visit = str(row, 'lastStatutoryVisit')
      if (visit === null) return 'No visit recorded'
      const weeks = daysBetween(visit, context.referenceDate) / 7
      return weeks < 6 ? '0–6 weeks' : weeks < 12 ? '6–12 weeks' : weeks < 18 ? '12–18 weeks' : '18+ weeks'
    },
  },
  perTenThousand(
    8,
    'cla-per-10k',
    'Children in care per 10,000 children',
    'Children in care at the reference date',
    (row, context) => inCareAt(row, context.referenceDate),
  ),
  {
    id: 'cla-3-plus-placements-rate',
    label: 'Children in care with 3 or more placements in 12 months (%)',
    unit: 'percent',
    list: 8,
    definition:
      'Children in care at the reference date with 3 or more placements in the last 12 months, as a percentage of children in care.',
    source: DFE,
    measure: (row, context) =>
      inCareAt(row, context.referenceDate) ? one((num(row, 'placementsInLast12Months') ?? 0) >= 3) : null,
  },
  {
    id: 'cla-long-term-stability-rate',
    label: 'Long-term placement stability (%)',
    unit: 'percent',
    list: 8,
    definition:
      'Children under 16 in care for at least 2½ years at the reference date whose current placement has lasted 2 years or more, as a percentage of those children.',
    source: DFE,
    measure: (row, context) => {
      const started = str(row, 'dateStartedLookedAfter')
      const placed = str(row, 'placementStartDate')
      const birth = str(row, 'dateOfBirth')
      const age = birth === null ? num(row, 'ageYears') : ageAt(birth, context.referenceDate)
      if (!inCareAt(row, context.referenceDate) || started === null || age === null || age >= 16) return null
      if (started > addMonths(context.referenceDate, -30)) return null
      return one(placed !== null && placed <= addMonths(context.referenceDate, -24))
    },
  },
  {
    id: 'cla-missing-rate',
    label: 'Children in care who went missing (%)',
    unit: 'percent',
    list: 8,
    definition:
      'Children on List 8 with at least one missing episode in the last 12 months, as a percentage of children on List 8.',
    source: CHAT,
    measure: row => (num(row, 'missingEpisodes') === null ? null : one((num(row, 'missingEpisodes') ?? 0) >= 1)),
  },
  {
    id: 'care-leavers-in-touch-rate',
    label: 'Care leavers the local authority is in touch with (%)',
    unit: 'percent',
    list: 9,
    definition: 'Care leavers with LA in Touch "a) Yes", as a percentage of care leavers.',
    source: DFE,
    measure: row => one(str(row, 'inTouch') === 'a) Yes'),
  },
  {
    id: 'care-leavers-suitable-accommodation-rate',
    label: 'Care leavers in suitable accommodation (%)',
    unit: 'percent',
    list: 9,
    definition:
      'Care leavers whose accommodation is "a) Suitable", as a percentage of all care leavers (DfE counts those not in touch as not known).',
    source: DFE,
    measure: row => one(str(row, 'suitability') === 'a) Suitable'),
  },
  {
    id: 'care-leavers-eet-rate',
    label: 'Care leavers in education, employment or training (%)',
    unit: 'percent',
    list: 9,
    definition: 'Care leavers whose Activity Status is F1–F5 or P1–P5, as a percentage of all care leavers.',
    source: DFE,
    measure: row => one(EET_ACTIVITY_PREFIXES.some(prefix => (str(row, 'activity') ?? '').startsWith(prefix))),
  },
  {
    id: 'adoption-days-entry-to-placement',
    label: 'Average days from entering care to placement for adoption',
    unit: 'days',
    list: 10,
    definition:
      'For children placed for adoption, the mean number of days from the date they entered care to the date placed for adoption.',
    source: DFE,
    measure: row => {
      const entered = str(row, 'dateEnteredCare')
      const placed = str(row, 'placedForAdoptionDate')
      if (entered === null || placed === null || placed < entered) return null
      return { numerator: daysBetween(entered, placed), denominator: 1 }
    },
  },
]
