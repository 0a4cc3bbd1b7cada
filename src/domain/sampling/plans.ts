import { formatSource, getFramework, type SamplingStratum } from '../frameworks/index.js'
import type { CaseFilter, SamplingPlan, Stratum } from './types.js'

const YES = 'a) Yes'
const NO = 'b) No'
const CLOSED_EPISODE = 'e) Closed episode'

/** Open on every list it can be read from: List 6 not closed, no CP plan end, still looked after. */
const OPEN_CASE: readonly CaseFilter[] = [
  { column: 'caseStatus', notIn: [CLOSED_EPISODE] },
  { column: 'cinClosureDate', blank: true },
  { column: 'cpEndDate', blank: true },
  { column: 'dateCeasedLookedAfter', blank: true },
]

type Binding = Pick<Stratum, 'lists' | 'filters'> & { quota?: number }

/**
 * How each framework stratum reads Annex A. The frameworks say which kinds of case; this says which rows they are.
 * Where Annex A has no exact equivalent the reading is ours and is written in the plan's description.
 */
const UCRA_KINDS: Record<string, (proceeded: boolean) => Binding> = {
  caf: proceeded => ({ lists: [2], filters: [{ childOnList: 3, present: proceeded }] }),
  contacts: proceeded => ({ lists: [1], filters: [{ childOnList: 3, present: proceeded }] }),
  referrals: proceeded => ({ lists: [3], filters: [{ column: 'referralNfa', in: [proceeded ? NO : YES] }] }),
  're-referrals': proceeded => ({
    lists: [3],
    filters: [
      { column: 'referralsInLast12Months', atLeast: 1 },
      { column: 'referralNfa', in: [proceeded ? NO : YES] },
    ],
  }),
  'initial-assessments': proceeded => ({
    lists: [4],
    filters: [{ column: 'assessedAsRequiringSupport', in: [proceeded ? YES : NO] }],
  }),
  'core-assessments': proceeded => ({
    lists: [4],
    filters: [
      { childOnList: 5, present: true },
      { column: 'assessedAsRequiringSupport', in: [proceeded ? YES : NO] },
    ],
  }),
  'section-47': proceeded => ({ lists: [5], filters: [{ column: 'icpcDate', blank: !proceeded }] }),
}

function ucraBinding(stratum: SamplingStratum): Binding {
  const match = /^(.*)-(proceeded|did-not-proceed)$/.exec(stratum.id)
  const bind = match ? UCRA_KINDS[match[1]!] : undefined
  if (!match || !bind) throw new Error(`No Annex A reading for UCRA stratum ${stratum.id}`)
  return { ...bind(match[2] === 'proceeded'), quota: 1 }
}

interface FrameworkPlanBinding {
  framework: string
  plan: string
  note: string
  balanceBy?: SamplingPlan['balanceBy']
  bind(stratum: SamplingStratum): Binding
}

const FRAMEWORK_PLANS: readonly FrameworkPlanBinding[] = [
  {
    framework: 'ucra-2009',
    plan: 'random-sample',
    note: 'One case per stratum. Since 2013 Annex A holds one continuous assessment: "initial" reads as any assessment, "core" as an assessment of a child who also had a section 47 enquiry; "proceeded" reads as assessed as needing support, and for contacts and early help as the child appearing on List 3.',
    bind: ucraBinding,
  },
  {
    framework: 'slac-2009',
    plan: 'case-files',
    note: 'Safeguarding files are open child protection plans (List 7), looked after children files are children still in care (List 8); the further 12 come from Lists 6–9, balanced by team.',
    balanceBy: 'team',
    bind: stratum =>
      stratum.id === 'safeguarding-before-fieldwork'
        ? { lists: [7], filters: [{ column: 'cpEndDate', blank: true }] }
        : stratum.id === 'lac-before-fieldwork'
          ? { lists: [8], filters: [{ column: 'dateCeasedLookedAfter', blank: true }] }
          : { lists: [6, 7, 8, 9], filters: [] },
  },
  {
    framework: 'sif-2013',
    plan: 'case-audit',
    note: 'Ofsted chooses the 18; for rehearsal they are drawn from open cases on Lists 6–9, balanced by team.',
    balanceBy: 'team',
    bind: () => ({ lists: [6, 7, 8, 9], filters: OPEN_CASE }),
  },
]

function frameworkPlan(binding: FrameworkPlanBinding): SamplingPlan {
  const framework = getFramework(binding.framework)
  const plan = framework.sampling?.find(item => item.id === binding.plan)
  if (!plan) throw new Error(`${binding.framework} has no sampling plan ${binding.plan}`)
  return {
    id: `${framework.id}-${plan.id}`,
    label: `${framework.label}: ${plan.label}`,
    description: `${plan.description} ${binding.note}`,
    source: formatSource(plan.source),
    origin: 'framework',
    ...(binding.balanceBy ? { balanceBy: binding.balanceBy } : {}),
    strata: plan.strata.map(stratum => {
      const bound = binding.bind(stratum)
      return {
        id: stratum.id,
        label: stratum.label,
        lists: bound.lists,
        filters: bound.filters,
        quota: stratum.count ?? bound.quota ?? 1,
        ...(stratum.when ? { when: stratum.when } : {}),
      }
    }),
  }
}

const ANNEX_A_LISTS = [
  [1, 'Contacts'],
  [2, 'Early help assessments'],
  [3, 'Referrals'],
  [4, 'Assessments'],
  [5, 'Section 47 enquiries and ICPCs'],
  [6, 'Children in need'],
  [7, 'Child protection plans'],
  [8, 'Children in care'],
  [9, 'Care leavers'],
  [10, 'Adoptions'],
] as const

const BUILT_IN_PLANS: readonly SamplingPlan[] = [
  {
    id: 'ilacs-annex-a',
    label: 'ILACS-style sample across the Annex A lists',
    description:
      'Two children from each of Lists 1–10 (List 11 holds adopters, not children), balanced by team, for tracking and sampling rehearsals.',
    source: 'SIF-TOC frameworks.md §3, §4.7',
    origin: 'built-in',
    balanceBy: 'team',
    strata: ANNEX_A_LISTS.map(([list, label]) => ({ id: `list-${list}`, label, lists: [list], filters: [], quota: 2 })),
  },
  {
    id: 'baseline-open-cases',
    label: 'Baseline audit of all open cases',
    description:
      'Every open case, by kind: looked after children, child protection plans, children in need, open assessments, care leavers and open early help assessments.',
    source: 'seed 003 §8, Appendix 1 3.1 and 3.4',
    origin: 'built-in',
    balanceBy: 'team',
    strata: [
      ['looked-after', 'Looked after children', 'a) Looked after child'],
      ['child-protection', 'Children with child protection plans', 'b) Child Protection plan'],
      ['child-in-need', 'Children in need', 'c) Child in need plan'],
      ['open-assessment', 'Open assessments', 'd) Open assessment'],
    ]
      .map(([id, label, status]): Stratum => ({
        id: id!,
        label: label!,
        lists: [6],
        filters: [
          { column: 'caseStatus', in: [status!] },
          { column: 'cinClosureDate', blank: true },
        ],
        quota: 'all',
      }))
      .concat([
        { id: 'care-leavers', label: 'Care leavers', lists: [9], filters: [], quota: 'all' },
        {
          id: 'early-help',
          label: 'Open early help assessments',
          lists: [2],
          filters: [{ column: 'ehCompletionDate', blank: true }],
          quota: 'all',
        },
      ]),
  },
  {
    id: 'closed-last-12-months',
    label: 'Cases closed in the last 12 months',
    description:
      'Every child in need episode closed in the 12 months to the reference date, to check whether any immediate action is needed or learning has come from the case.',
    source: 'seed 003 Appendix 1 3.5',
    origin: 'built-in',
    strata: [
      {
        id: 'closed',
        label: 'Closed in the last 12 months',
        lists: [6],
        filters: [{ column: 'cinClosureDate', withinMonths: 12 }],
        quota: 'all',
      },
    ],
  },
]

let cached: readonly SamplingPlan[] | undefined

/** Every plan the system offers without configuration: framework plans first, then the built-in ones. */
export function listSamplingPlans(): readonly SamplingPlan[] {
  cached ??= [...FRAMEWORK_PLANS.map(frameworkPlan), ...BUILT_IN_PLANS]
  return cached
}

export function findSamplingPlan(id: string): SamplingPlan | undefined {
  return listSamplingPlans().find(plan => plan.id === id)
}
