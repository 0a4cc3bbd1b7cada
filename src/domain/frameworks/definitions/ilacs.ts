import type { CycleRule, TimelineSpec } from '../../calendar/index.js'
import { INSPECTION_2013_SCALE } from '../scales.js'
import { reference } from '../sources.js'
import type { Condition, Framework, InspectionType, Judgement, Rule } from '../types.js'

type Version = '2018' | '2023' | '2026'

const SCALE = 'inspection-2013'
const FW = (at: string) => reference('ILACS-FW', at, 'confirmed')
const HISTORY = (quote: string) =>
  reference('ODS-2025', 'frameworks.md §4.5 (271 graded ILACS inspections, 2018 – March 2025)', 'derived', quote)
const POPULATION = 'graded ILACS inspections, January 2018 – March 2025'

const PRACTICE: Record<Version, readonly string[]> = {
  '2018': ['help-and-protection', 'children-in-care-and-care-leavers'],
  '2023': ['help-and-protection', 'children-in-care', 'care-leavers'],
  '2026': ['help-and-protection', 'children-in-care', 'care-leavers'],
}

function judgements(version: Version): Judgement[] {
  const hasOverall = version !== '2026'
  const parent = hasOverall ? { parent: 'overall-effectiveness' } : {}
  const kind = hasOverall ? ('key' as const) : ('standalone' as const)
  const rows: Judgement[] = [
    {
      id: 'impact-of-leaders',
      label: 'The impact of leaders on social work practice with children and families',
      kind,
      scale: SCALE,
      ...parent,
      source: reference('ODS-2025', 'frameworks.md §4.4', 'confirmed'),
    },
    {
      id: 'help-and-protection',
      label: 'The experiences and progress of children who need help and protection',
      kind,
      scale: SCALE,
      ...parent,
      source: reference('ODS-2025', 'frameworks.md §4.4', 'confirmed'),
    },
  ]
  if (version === '2018') {
    rows.push({
      id: 'children-in-care-and-care-leavers',
      label: 'The experiences and progress of children in care and care leavers',
      kind,
      scale: SCALE,
      ...parent,
      source: reference('ODS-2025', 'frameworks.md §4.4', 'confirmed'),
    })
  } else {
    rows.push(
      {
        id: 'children-in-care',
        label: 'The experiences and progress of children in care',
        kind,
        scale: SCALE,
        ...parent,
        source: reference('ODS-2025', 'frameworks.md §4.4 (Notes sheet)', 'confirmed'),
      },
      {
        id: 'care-leavers',
        label: 'The experiences and progress of care leavers',
        kind,
        scale: SCALE,
        ...parent,
        criteria: [
          'Relationships and access to social and recreational opportunities',
          'Influence over services',
          'Health and emotional well-being',
          'Learning and employment',
        ],
        source: reference('WG-2022', 'frameworks.md §4.4', 'confirmed'),
      },
    )
  }
  if (!hasOverall) return rows
  return [
    {
      id: 'overall-effectiveness',
      label: 'Overall effectiveness',
      kind: 'overall',
      scale: SCALE,
      source: reference('ODS-2025', 'frameworks.md §4.4', 'confirmed'),
    },
    ...rows,
  ]
}

const atOrBelow =
  (grade: string) =>
  (judgement: string): Condition => ({ judgement, atOrBelow: grade })
const atOrAbove =
  (grade: string) =>
  (judgement: string): Condition => ({ judgement, atOrAbove: grade })

/**
 * Ofsted's wording on making the overall effectiveness judgement was not retrieved (frameworks.md §8),
 * so every ILACS rule here is empirical: a pattern in the published history, never Ofsted's rule.
 */
function rules(version: Version): Rule[] {
  if (version === '2026') return []
  const practice = PRACTICE[version]
  const all = ['impact-of-leaders', ...practice]
  const careLabel = version === '2018' ? 'children-in-care-and-care-leavers' : 'children-in-care'
  const rows: Rule[] = [
    {
      id: 'help-and-protection-inadequate-overall-inadequate',
      kind: 'empirical',
      certainty: 'always',
      text: 'When help and protection was inadequate, overall effectiveness was inadequate.',
      when: { judgement: 'help-and-protection', atOrBelow: 'inadequate' },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'inadequate' },
      source: HISTORY('Help & protection inadequate ⇒ OE inadequate: 27/27'),
      hitRate: { applied: 27, agreed: 27, population: POPULATION },
    },
    {
      id: 'children-in-care-inadequate-overall-inadequate',
      kind: 'empirical',
      certainty: 'always',
      text: 'When children in care was inadequate, overall effectiveness was inadequate.',
      when: { judgement: careLabel, atOrBelow: 'inadequate' },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'inadequate' },
      source: HISTORY('Children in care (or combined CiC+CL) inadequate ⇒ OE inadequate: 19/19'),
      hitRate: { applied: 19, agreed: 19, population: `${POPULATION} (both versions of the judgement)` },
    },
  ]
  if (version === '2023') {
    rows.push({
      id: 'care-leavers-inadequate-overall-inadequate',
      kind: 'empirical',
      certainty: 'always',
      text: 'When care leavers was inadequate, overall effectiveness was inadequate.',
      when: { judgement: 'care-leavers', atOrBelow: 'inadequate' },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'inadequate' },
      source: HISTORY('Care leavers inadequate ⇒ OE inadequate: 7/7'),
      hitRate: { applied: 7, agreed: 7, population: 'graded ILACS inspections since January 2023 (small n)' },
    })
  }
  rows.push(
    {
      id: 'leaders-inadequate-overall-inadequate',
      kind: 'empirical',
      certainty: 'likely',
      text: 'When the impact of leaders was inadequate, overall effectiveness was usually inadequate.',
      when: { judgement: 'impact-of-leaders', atOrBelow: 'inadequate' },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'inadequate' },
      source: HISTORY(
        'Impact of leaders inadequate ⇒ OE inadequate: 25/29. Exceptions: Bournemouth 2018, Herefordshire 2018, Doncaster 2022, Slough 2023, each OE = RI with all other judgements RI',
      ),
      hitRate: { applied: 29, agreed: 25, population: POPULATION },
    },
    {
      id: 'none-inadequate-overall-not-inadequate',
      kind: 'empirical',
      certainty: 'always',
      text: 'Overall effectiveness was inadequate only when at least one other judgement was inadequate.',
      when: { all: all.map(atOrAbove('requires-improvement')) },
      effect: { type: 'floor', target: 'overall-effectiveness', grade: 'requires-improvement' },
      source: HISTORY('OE inadequate ⇒ at least one sub-judgement inadequate: 35/35'),
      hitRate: {
        applied: 35,
        agreed: 35,
        population: 'ILACS inspections with overall inadequate (pattern read backwards)',
        read: 'backwards',
      },
    },
    {
      id: 'overall-within-range',
      kind: 'empirical',
      certainty: 'always',
      text: 'Overall effectiveness lay between the best and the worst of the other judgements.',
      effect: { type: 'within-range-of', target: 'overall-effectiveness', of: all },
      source: HISTORY('OE lies within [min, max] of the sub-judgements: 271/271'),
      hitRate: { applied: 271, agreed: 271, population: POPULATION },
    },
    {
      id: 'overall-equals-leaders',
      kind: 'empirical',
      certainty: 'likely',
      text: 'Overall effectiveness usually equalled the impact of leaders.',
      effect: { type: 'equal-to', target: 'overall-effectiveness', by: 'impact-of-leaders' },
      source: HISTORY('OE = impact of leaders: 233/271 (86%)'),
      hitRate: { applied: 271, agreed: 233, population: POPULATION },
    },
    {
      id: 'outstanding-overall-none-below-good',
      kind: 'empirical',
      certainty: 'always',
      text: 'Overall effectiveness was outstanding only when no judgement was below good.',
      when: { any: all.map(atOrBelow('requires-improvement')) },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'good' },
      source: HISTORY('OE outstanding ⇒ no sub-judgement below good, and ≥2 outstanding: 55/55'),
      hitRate: {
        applied: 55,
        agreed: 55,
        population: 'ILACS inspections with overall outstanding (pattern read backwards)',
        read: 'backwards',
      },
    },
    {
      id: 'outstanding-overall-two-outstanding',
      kind: 'empirical',
      certainty: 'always',
      text: 'Overall effectiveness was outstanding only when at least two judgements were outstanding.',
      when: { count: all.map(atOrAbove('outstanding')), max: 1 },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'good' },
      source: HISTORY('OE outstanding ⇒ no sub-judgement below good, and ≥2 outstanding: 55/55'),
      hitRate: {
        applied: 55,
        agreed: 55,
        population: 'ILACS inspections with overall outstanding (pattern read backwards)',
        read: 'backwards',
      },
    },
    {
      id: 'good-overall-at-most-one-below-good',
      kind: 'empirical',
      certainty: 'always',
      text: 'Overall effectiveness was never good with two or more judgements below good.',
      when: { count: all.map(atOrBelow('requires-improvement')), min: 2 },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'requires-improvement' },
      source: HISTORY('OE good with one sub-judgement RI: 34 cases; never 2 RI'),
      interpretation:
        'The count of inspections with two or more judgements below good was not reported, so no hit-rate is given.',
    },
  )
  return rows
}

function timeline(onSiteDays: number, medianToPublication: number, noticeWorkingDays: number | null): TimelineSpec {
  const milestones: TimelineSpec['milestones'][number][] = []
  if (noticeWorkingDays !== null) {
    milestones.push({
      id: 'notification',
      label: 'Call from the lead inspector to the DCS',
      rule: 'The inspection begins with a phone call to the DCS saying inspectors will be on site the following Monday',
      source: 'NOTTS, CYP-PREP, NORF-FV-2021 (frameworks.md §4.3)',
      evidence: 'unverified',
    })
  }
  milestones.push({
    id: 'fieldwork-start',
    label: 'First day on site (the "inspection date" in Ofsted data)',
    ...(noticeWorkingDays !== null ? { after: 'notification', offset: { workingDays: noticeWorkingDays } } : {}),
    rule:
      noticeWorkingDays !== null
        ? `About ${noticeWorkingDays} working days' notice`
        : 'Inspection date in the data is the first on-site day',
    source: noticeWorkingDays !== null ? 'NOTTS (frameworks.md §4.3)' : 'ODS-2025 (frameworks.md §4.6)',
    evidence: noticeWorkingDays !== null ? 'unverified' : 'confirmed',
  })
  milestones.push(
    {
      id: 'fieldwork-end',
      label: 'Last day on site',
      after: 'fieldwork-start',
      offset: { workingDays: onSiteDays - 1 },
      rule: `${onSiteDays} working days on site`,
      source: 'frameworks.md §4.3',
      evidence: onSiteDays >= 5 ? 'confirmed' : 'unverified',
    },
    {
      id: 'publication-expected',
      label: 'Publication (typical, not a deadline)',
      after: 'fieldwork-start',
      offset: { workingDays: medianToPublication },
      rule: `Median of ${medianToPublication} working days from the first day on site to publication in Ofsted's data`,
      source: 'ODS-2025 (frameworks.md §4.6)',
      evidence: 'derived',
      interpretation:
        'The published median counts Monday–Friday without removing bank holidays; the target deadline was not retrieved.',
    },
  )
  return { milestones }
}

function inspectionTypes(version: Version): InspectionType[] {
  return [
    {
      id: 'standard-inspection',
      label: 'Standard inspection',
      graded: true,
      appliesTo: 'Local authorities previously judged requires improvement or inadequate',
      onSite: 'Two weeks',
      notice: 'About a week: a call to the DCS, on site the following Monday (⚠️ framework text not retrieved)',
      output: 'Graded report',
      timeline: timeline(10, 39, 5),
      source: reference('LGAFIRST', 'frameworks.md §4.3', 'confirmed'),
    },
    {
      id: 'short-inspection',
      label: 'Short inspection',
      graded: true,
      appliesTo: 'Local authorities previously judged good or outstanding',
      onSite: 'One week',
      notice: 'As for standard inspections (⚠️)',
      output: 'Graded report',
      timeline: timeline(5, 34, 5),
      source: reference('LGAFIRST', 'frameworks.md §4.3', 'confirmed'),
    },
    {
      id: 'focused-visit',
      label: 'Focused visit',
      graded: false,
      appliesTo: 'Any local authority between inspections; one area of service or cohort of children',
      onSite: 'Two days (⚠️)',
      notice: 'About a week (⚠️): announced 28 September, started 5 October 2021 in Norfolk',
      output: 'Published letter without grades; can set areas for priority action',
      timeline: timeline(2, 22, 5),
      source: reference('LGAFIRST', 'frameworks.md §4.3', 'confirmed'),
    },
    {
      id: 'monitoring-visit',
      label: 'Monitoring visit',
      graded: false,
      appliesTo: 'Local authorities judged inadequate, until re-inspection',
      onSite: 'Typically two days (⚠️)',
      output: 'Published letter without grades',
      timeline: timeline(2, 22, null),
      source: reference('LGAFIRST', 'frameworks.md §4.3', 'confirmed'),
    },
    ...(version === '2026'
      ? []
      : [
          {
            id: 'annual-engagement-meeting',
            label: 'Annual engagement meeting',
            graded: false,
            appliesTo: 'Every local authority, each year',
            output:
              'A conversation about the quality of social work with regional senior inspectors, reviewing the self-evaluation; the DCS attends',
            source: reference('CYP-2018', 'frameworks.md §4.2', 'confirmed'),
          },
        ]),
  ]
}

function cycle(version: Version): CycleRule[] {
  const window = {
    kind: 'window-around-anniversary' as const,
    years: 3,
    monthsBefore: 6,
    monthsAfter: 6,
    rule: 'Usually between six months before and six months after the three-year anniversary of the previous inspection',
    source: 'KIRK, NOTTS (frameworks.md §4.2)',
  }
  if (version === '2026') return [{ ...window, evidence: 'unverified' }]
  return [
    {
      kind: 'no-fixed-cycle',
      afterGrades: ['inadequate'],
      rule: 'Inadequate authorities have regular monitoring visits before Ofsted re-inspects',
      source: 'LGAFIRST (frameworks.md §4.3)',
      evidence: 'confirmed',
    },
    { ...window, afterGrades: ['outstanding', 'good', 'requires-improvement'], evidence: 'confirmed' },
  ]
}

const META: Record<Version, Pick<Framework, 'id' | 'label' | 'version' | 'inForce' | 'status' | 'summary'>> = {
  '2018': {
    id: 'ilacs-2018',
    label: "Inspecting local authority children's services (ILACS), 2018–2022",
    version: '2018',
    inForce: { from: '2018-01-01', to: '2022-12-31' },
    status: 'historical',
    summary:
      'Overall effectiveness and three judgements (children in care and care leavers combined), with standard and short inspections, focused visits, monitoring of inadequate authorities, self-evaluation and an annual engagement meeting.',
  },
  '2023': {
    id: 'ilacs-2023',
    label: "Inspecting local authority children's services (ILACS), from January 2023",
    version: '2023',
    inForce: { from: '2023-01-01', to: '2026-03-31' },
    status: 'in-use',
    summary:
      'As 2018, with a separate judgement on the experiences and progress of care leavers: overall effectiveness and four judgements.',
  },
  '2026': {
    id: 'ilacs-2026',
    label: "Inspecting local authority children's services (ILACS), from April 2026",
    version: '2026',
    inForce: { from: '2026-04-01' },
    status: 'announced',
    summary:
      'The four judgements remain; the overall effectiveness judgement is removed. The revised framework text was not retrieved.',
  },
}

function ilacs(version: Version): Framework {
  const framework: Framework = {
    ...META[version],
    statutoryBasis: 'Section 136 of the Education and Inspections Act 2006',
    sources: [
      FW('frameworks.md §4'),
      reference('ODS-2025', 'frameworks.md §4.5', 'derived'),
      ...(version === '2026' ? [reference('WG-2025', 'frameworks.md §4.4', 'confirmed')] : []),
    ],
    scales: [INSPECTION_2013_SCALE],
    judgements: judgements(version),
    rules: rules(version),
    inspectionTypes: inspectionTypes(version),
    cycle: cycle(version),
    routing: [
      {
        afterGrades: ['requires-improvement', 'inadequate'],
        nextType: 'standard-inspection',
        source: reference('LGAFIRST', 'frameworks.md §4.2', 'confirmed'),
        note: 'In the published history: after requires improvement 41/41 standard; after inadequate 15/15 standard.',
      },
      {
        afterGrades: ['good', 'outstanding'],
        nextType: 'short-inspection',
        source: reference('LGAFIRST', 'frameworks.md §4.2', 'confirmed'),
        note: 'In the published history: after good 34 short, 6 standard; after outstanding 18 short, 1 standard.',
      },
    ],
    findingCategories: [
      {
        id: 'areas-for-priority-action',
        label: 'Areas for priority action (focused visits)',
        source: reference('LGAFIRST', 'frameworks.md §4.3', 'confirmed'),
      },
    ],
    questions: [
      {
        id: 'self-evaluation',
        label: 'Annual self-evaluation (no mandated template)',
        items: [
          'What do you know about the quality and impact of social work practice with children and families in your authority?',
          'How do you know it?',
          'What are your plans to maintain or improve practice?',
        ],
        source: reference('LGA-MUSTKNOW', 'frameworks.md §4.2', 'confirmed'),
      },
    ],
    notes: [
      {
        text: 'Every rule on overall effectiveness here is an empirical pattern in Ofsted’s published outcomes, not Ofsted’s rule: the framework’s own wording on making that judgement was not retrieved.',
        source: { ref: 'frameworks.md', at: '§4.5, §8', evidence: 'unverified' },
      },
      {
        text: 'Focused visit themes in 2024-25: children in need/subject to a plan; care leavers; children in care; front door; achieving permanence; vulnerable adolescents.',
        source: reference('ODS-2025', 'frameworks.md §4.3', 'confirmed'),
      },
      ...(version === '2026'
        ? [
            {
              text: 'A third-party source says eligibility for a focused visit before the next short inspection depends on being good or outstanding for the impact of leaders and at least two of the three practice judgements. Unverified.',
              source: reference('D2I-README-2026', 'frameworks.md §4.2', 'unverified'),
            },
          ]
        : []),
    ],
  }
  return framework
}

export const ILACS_2018 = ilacs('2018')
export const ILACS_2023 = ilacs('2023')
export const ILACS_2026 = ilacs('2026')
