import { addMonths, ageAt, dayNumber, formatUkDate, fromDayNumber, isoDateToExcelSerial } from '../parse/dates.js'
import { CODE_LISTS } from '../schema/codeLists.js'
import { getSchema } from '../schema/versions.js'
import type { CellValue, IsoDate, ListNumber, SchemaVersion } from '../types.js'
import { LIST_NUMBERS } from '../types.js'
import { EARLY_HELP_ORGANISATIONS, PLACEMENT_TOWNS, TEAMS, WORKERS } from './fictionalNames.js'
import type { PlantedError } from './plantErrors.js'
import { plantErrors } from './plantErrors.js'
import type { Random } from './random.js'
import { createRandom } from './random.js'

export interface GeneratorOptions {
  readonly seed: number
  /** Children with at least a contact; the other lists follow from their journeys. */
  readonly children: number
  readonly referenceDate: IsoDate
  readonly version?: SchemaVersion
  /** How dates are written: UK text (`DD/MM/YYYY`, as the guidance asks) or Excel serial numbers. */
  readonly dateStyle?: 'uk-text' | 'excel-serial'
  /** Share of data rows (0–1) given one planted error each; the errors are listed in `planted`. */
  readonly errorRate?: number
}

export interface GeneratedSheet {
  readonly name: string
  readonly list: ListNumber
  /** Row 1 is the title (`List 1: Contacts`), row 2 the headers, data from row 3, as in the Ofsted template. */
  readonly rows: CellValue[][]
}

export interface GeneratedAnnexA {
  readonly sheets: readonly GeneratedSheet[]
  readonly planted: readonly PlantedError[]
}

type Row = Record<string, CellValue>

const codes = (id: string): readonly string[] =>
  (CODE_LISTS[id]?.entries ?? []).filter(entry => entry.since === undefined).map(entry => entry.code)

/**
 * Builds a synthetic, internally consistent Annex A: each child follows a journey (contact → referral →
 * assessment → section 47 → plan, or care, leaving care, adoption) that is then projected onto the lists, so a
 * clean file passes every check. Same options, same output.
 */
export function generateAnnexA(options: GeneratorOptions): GeneratedAnnexA {
  const random = createRandom(options.seed)
  const reference = options.referenceDate
  const refDay = dayNumber(reference)
  const window6 = dayNumber(addMonths(reference, -6))
  const window12 = dayNumber(addMonths(reference, -12))
  const lists = new Map<ListNumber, Row[]>(LIST_NUMBERS.map(list => [list, []]))
  const push = (list: ListNumber, row: Row) => lists.get(list)?.push(row)
  const date = (day: number): IsoDate => fromDayNumber(day)
  const between = (from: number, to: number) => random.int(Math.min(from, to), Math.max(from, to))

  const person = (id: string, ageMin: number, ageMax: number, onDay = refDay) => {
    const birthDay = between(
      dayNumber(addMonths(date(onDay), -12 * (ageMax + 1))) + 1,
      dayNumber(addMonths(date(onDay), -12 * ageMin)),
    )
    const dateOfBirth = date(birthDay)
    return {
      childId: id,
      gender: random.pick(['a) Male', 'b) Female', 'a) Male', 'b) Female', 'c) Not stated/recorded']),
      ethnicity: random.pick(['a) WBRI', 'a) WBRI', 'a) WBRI', ...codes('ethnicity')]),
      dateOfBirth,
      ageYears: ageAt(dateOfBirth, reference),
      disability: random.chance(0.08) ? 'a) Yes' : 'b) No',
    }
  }
  const staff = (teams: readonly string[]) => ({
    allocatedTeam: random.pick(teams),
    allocatedWorker: random.pick(WORKERS),
  })

  for (let index = 0; index < options.children; index += 1) {
    const childId = String(index + 1).padStart(7, '0')
    if (random.chance(0.01)) {
      // An unborn child: a pre-birth contact, expected date of birth after the reference date, age -1.
      const dueDay = refDay + random.int(20, 200)
      push(1, {
        ...person(childId, 0, 0),
        dateOfBirth: date(dueDay),
        ageYears: -1,
        dateOfContact: date(between(window6, refDay)),
        contactSource: random.pick(codes('source')),
      })
      continue
    }
    const child = person(childId, 0, 17)
    const born = dayNumber(child.dateOfBirth)
    const earliest = Math.max(window6, born)
    const contactDays = new Set<number>()
    for (let count = random.int(1, 3); count > 0; count -= 1) contactDays.add(between(earliest, refDay))
    for (const day of contactDays) {
      push(1, { ...child, dateOfContact: date(day), contactSource: random.pick(codes('source')) })
    }
    if (random.chance(0.2)) {
      const start = between(earliest, refDay)
      const end = start + random.int(10, 60)
      push(2, {
        ...child,
        ehStartDate: date(start),
        ehCompletionDate: end <= refDay && random.chance(0.6) ? date(end) : null,
        ehOrganisation: random.pick(EARLY_HELP_ORGANISATIONS),
      })
    }
    if (random.chance(0.08) && born < refDay - 30) {
      addChildInCare(child, random)
      continue
    }
    if (!random.chance(0.6)) continue
    const referralDays = [
      ...new Set([between(earliest, refDay), ...(random.chance(0.2) ? [between(earliest, refDay)] : [])]),
    ].sort((a, b) => a - b)
    const priorReferrals = referralDays.length - 1 + (random.chance(0.15) ? 1 : 0)
    const nfa = random.chance(0.3)
    const frontDoor = staff(TEAMS.front)
    for (const day of referralDays) {
      push(3, {
        ...child,
        dateOfReferral: date(day),
        referralSource: random.pick(codes('source')),
        referralNfa: nfa ? 'a) Yes' : 'b) No',
        referralsInLast12Months: priorReferrals,
        ...frontDoor,
      })
    }
    if (nfa) continue
    addAssessedChild(child, referralDays[referralDays.length - 1] ?? refDay, random)
  }
  addCareLeavers()
  addAdoptions()

  function addAssessedChild(child: Row, referralDay: number, random: Random): void {
    const worker = staff(TEAMS.locality)
    const start = between(referralDay, Math.min(referralDay + 5, refDay))
    const authorisedDay = start + random.int(5, 70)
    const authorised = authorisedDay <= refDay && random.chance(0.75) ? authorisedDay : null
    const requiresSupport = authorised !== null && random.chance(0.6)
    push(4, {
      ...child,
      assessmentStartDate: date(start),
      childSeenDuringAssessment: random.pick(['a) Yes', 'a) Yes', 'b) No']),
      assessmentAuthorisedDate: authorised === null ? null : date(authorised),
      assessedAsRequiringSupport: authorised === null ? null : requiresSupport ? 'a) Yes' : 'b) No',
      ...worker,
    })
    let planOpen = false
    let planEnd: number | null = null
    if (random.chance(0.3)) {
      const s47 = between(start, Math.min(start + 3, refDay))
      const icpcDay = s47 + random.int(5, 25)
      const outcome =
        icpcDay <= refDay ? random.pick(['held', 'held', 'held', 'unnecessary']) : random.pick(['open', 'unnecessary'])
      const held = outcome === 'held'
      const plan = held && random.chance(0.75)
      push(5, {
        ...child,
        disability: child['disability'],
        s47StartDate: date(s47),
        icpcUnnecessary: outcome === 'unnecessary' ? 'a) Yes' : outcome === 'held' ? 'b) No' : null,
        icpcDate: held ? date(icpcDay) : null,
        icpcResultedInPlan: held ? (plan ? 'a) Yes' : 'b) No') : null,
        s47sInLast12Months: random.int(0, 1),
        icpcsInLast12Months: held ? 1 : 0,
        ...worker,
      })
      if (plan) {
        const endDay = icpcDay + random.int(20, 150)
        planEnd = endDay <= refDay && random.chance(0.25) ? endDay : null
        planOpen = planEnd === null
        const category = random.pick(codes('categoryOfAbuse'))
        const visit = planEnd === null ? between(Math.max(icpcDay, refDay - 60), refDay) : between(icpcDay, planEnd)
        push(7, {
          ...child,
          cpStartDate: date(icpcDay),
          initialCategory: category,
          latestCategory: category,
          lastStatutoryVisit: date(visit),
          seenAlone: random.pick(['a) Yes', 'b) No']),
          latestReviewConference: null,
          cpEndDate: planEnd === null ? null : date(planEnd),
          emergencyProtection: 'b) No',
          previousCpPlans: random.chance(0.2) ? 1 : 0,
          ...worker,
        })
      }
    }
    const status = planOpen
      ? 'b) Child Protection plan'
      : authorised === null
        ? 'd) Open assessment'
        : requiresSupport || planEnd !== null
          ? 'c) Child in need plan'
          : 'e) Closed episode'
    const closed = status === 'e) Closed episode'
    push(6, {
      ...child,
      cinStartDate: date(referralDay),
      primaryNeed: random.pick(codes('primaryNeed')),
      dateLastSeen: date(between(start, refDay)),
      cinClosureDate: closed && authorised !== null ? date(authorised) : null,
      reasonForClosure: closed ? 'RC8 - Case closed after assessment, no further action' : null,
      caseStatus: status,
      ...worker,
    })
  }

  function addChildInCare(child: Row, random: Random): void {
    const born = dayNumber(child['dateOfBirth'] as string)
    const startedDay = between(Math.max(born, refDay - 365 * 6), refDay - 1)
    const ceased = random.chance(0.15) ? between(Math.max(startedDay + 1, window6), refDay) : null
    const placementDay = between(startedDay, ceased ?? refDay)
    const worker = staff(TEAMS.care)
    const missing = random.chance(0.1) ? random.int(1, 4) : 0
    push(8, {
      ...child,
      uasc: random.chance(0.05) ? 'a) Yes' : 'b) No',
      dateStartedLookedAfter: date(startedDay),
      categoryOfNeed: random.pick(codes('categoryOfNeed')),
      secondPeriodInLast12Months: 'b) No',
      legalStatusStartDate: date(between(startedDay, placementDay)),
      legalStatus: random.pick(['C2: FCO', 'C2: FCO', 'C1: ICO', 'V2: Single period under S20', 'E1: Placement order']),
      latestStatutoryReview: date(between(startedDay, ceased ?? refDay)),
      lastSocialWorkVisit: date(between(Math.max(startedDay, (ceased ?? refDay) - 40), ceased ?? refDay)),
      permanencePlan: random.pick(codes('permanencePlan')),
      lastIroContact: date(between(startedDay, ceased ?? refDay)),
      lastHealthAssessment: date(between(startedDay, ceased ?? refDay)),
      lastDentalCheck: random.chance(0.8) ? date(between(startedDay, ceased ?? refDay)) : null,
      placementsInLast12Months: random.int(1, 4),
      dateCeasedLookedAfter: ceased === null ? null : date(ceased),
      reasonCeased:
        ceased === null
          ? null
          : random.pick([
              'e) E4A: Returned home to live with parents or relatives - part of planning',
              'k) E47: Special Guardianship Orders - relative/friend',
            ]),
      placementStartDate: date(placementDay),
      placementType: random.pick([
        'f) U6: Foster placement - not FFA',
        'd) U4: Foster placement - long term',
        'p) K2: Children’s Homes',
      ]),
      placementProvider: random.pick(codes('placementProvider').slice(1)),
      placementPostcode: `${random.pick(['ZA', 'ZB', 'ZC'])}${random.int(1, 9)} ${random.int(1, 9)}${random.pick(['AA', 'BD', 'XY'])}`,
      placementUrn: random.chance(0.5) ? `SC${random.int(100000, 999999)}` : null,
      placementLocation: random.pick(['a) In', 'a) In', 'b) Out']),
      laOfPlacement: random.pick(PLACEMENT_TOWNS),
      missingEpisodes: missing,
      absentEpisodes: random.chance(0.1) ? random.int(1, 3) : 0,
      returnInterviewOffered: missing > 0 ? 'a) Yes' : null,
      returnInterviewAccepted: missing > 0 ? random.pick(['a) Yes', 'b) No']) : null,
      ...worker,
    })
    push(6, {
      ...child,
      cinStartDate: date(startedDay),
      primaryNeed: 'N1 - Abuse or neglect',
      dateLastSeen: date(between(startedDay, ceased ?? refDay)),
      cinClosureDate: ceased === null ? null : date(ceased),
      reasonForClosure:
        ceased === null ? null : 'RC7 - Services ceased for any other reason, including child no longer in need',
      caseStatus: ceased === null ? 'a) Looked after child' : 'e) Closed episode',
      ...worker,
    })
  }

  function addCareLeavers(): void {
    for (let index = 0; index < Math.max(1, Math.round(options.children * 0.03)); index += 1) {
      const leaver = person(`L${String(index + 1).padStart(6, '0')}`, 16, 21)
      const age = leaver.ageYears
      const inTouch = random.chance(0.85)
      push(9, {
        ...leaver,
        uasc: 'b) No',
        ...staff(TEAMS.leaving),
        personalAdvisor: random.pick(WORKERS),
        eligibility: age < 18 ? 'a) Relevant child' : 'b) Former relevant child',
        pathwayPlanReviewDate: date(between(refDay - 180, refDay)),
        inTouch: inTouch ? 'a) Yes' : 'b) No',
        latestContactDate: date(between(refDay - 90, refDay)),
        accommodation: inTouch
          ? random.pick([
              'U: Independent living',
              'D: Semi-independent, transitional accommodation and self-contained accommodation',
              'Z: With former foster carers',
            ])
          : null,
        suitability: inTouch ? random.pick(['a) Suitable', 'a) Suitable', 'b) Unsuitable']) : null,
        activity: random.pick(codes('activity')),
      })
    }
  }

  function addAdoptions(): void {
    for (let index = 0; index < Math.max(1, Math.round(options.children * 0.01)); index += 1) {
      const decision = between(window12, refDay)
      const entered = decision - random.int(60, 400)
      const child = person(`A${String(index + 1).padStart(6, '0')}`, 0, 5, entered)
      const upTo = (day: number | null) => (day !== null && day <= refDay ? day : null)
      const matched = upTo(decision + random.int(30, 120))
      const placed = upTo(matched === null ? null : matched + random.int(7, 30))
      const adopted = upTo(placed === null ? null : placed + random.int(70, 200))
      const familyId = matched === null ? null : `F${String(index + 1).padStart(5, '0')}`
      push(10, {
        ...child,
        familyId,
        dateEnteredCare: date(entered),
        decisionToPlaceDate: date(decision),
        placementOrderDate: date(Math.min(decision + random.int(10, 60), refDay)),
        matchedDate: matched === null ? null : date(matched),
        placedForAdoptionDate: placed === null ? null : date(placed),
        adoptionOrderDate: adopted === null ? null : date(adopted),
        decisionReversedDate: null,
        reasonNoLongerPlaced: null,
        ffaPlacementDate: null,
      })
      if (familyId === null || matched === null) continue
      for (let adopter = 0; adopter < random.int(1, 2); adopter += 1) {
        const enquiry = matched - random.int(250, 400)
        push(11, {
          adopterId: `AD${String(index * 2 + adopter + 1).padStart(6, '0')}`,
          familyId,
          gender: random.pick(['a) Male', 'b) Female']),
          ethnicity: random.pick(['a) WBRI', 'd) WOTH', 'j) AIND']),
          disability: 'b) No',
          fosteringForAdoption: 'No',
          enquiryDate: date(enquiry),
          stage1StartDate: date(enquiry + 10),
          stage1EndDate: date(enquiry + 60),
          stage2StartDate: date(enquiry + 70),
          stage2EndDate: date(enquiry + 190),
          applicationSubmittedDate: null,
          applicationApprovedDate: null,
          matchedDate: date(matched),
          childrenPlacedDate: placed === null ? null : date(placed),
          childrenPlaced: placed === null ? 0 : 1,
          adoptionOrderDate: adopted === null ? null : date(adopted),
          leftProcessDate: null,
          reasonLeftProcess: null,
        })
      }
    }
  }

  const schema = getSchema(options.version ?? '2023')
  const writeDate = options.dateStyle === 'excel-serial' ? isoDateToExcelSerial : formatUkDate
  const sheets: GeneratedSheet[] = LIST_NUMBERS.map(list => {
    const spec = schema.lists[list]
    const dataRows = (lists.get(list) ?? []).map(row =>
      spec.columns.map(column => {
        const value = row[column.key] ?? null
        return column.type === 'date' && typeof value === 'string' ? writeDate(value) : value
      }),
    )
    return {
      name: `List ${list}`,
      list,
      rows: [[`List ${list}: ${spec.name}`], spec.columns.map(column => column.header), ...dataRows],
    }
  })
  const planted = plantErrors(sheets, schema, random, options.errorRate ?? 0, reference)
  return { sheets, planted }
}
