import { CSA_RATING_SCALE, FINDING_SCALE, INSPECTION_2009_SCALE } from '../scales.js'
import { reference, seed } from '../sources.js'
import type { Framework } from '../types.js'

const PROFILE = seed('000', '"From June 2009 Ofsted will publish a quarterly profile"')
const TESTS = seed(
  '000',
  '"In coming to an overall conclusion…"',
  "It includes a series of 'tests' which in effect mean that poor performance in a key area will cap the overall rating that can be achieved",
)
const APA_2008 = seed('000', '"Medway\'s 2008 scores for each ECM outcome"')

/** The annual rating of children's services, 2009 (seed 000; reference/frameworks.md §2.1). */
export const CSA_2009: Framework = {
  id: 'csa-2009',
  label: "Annual rating of children's services",
  version: '2009',
  inForce: { from: '2009-04-01', to: '2012-03-31' },
  status: 'historical',
  summary:
    "An annual rating of each local authority's children's services, part of Comprehensive Area Assessment, drawn from a quarterly performance profile. Ofsted places greatest weight on components A and B and keeps the right to exercise professional judgement.",
  statutoryBasis: 'Section 138 of the Education and Inspections Act 2006 (repealed by Legislative Reform Order, 2012)',
  sources: [
    seed('000', 'Overview of Ofsted’s framework for determining annual rating of children’s services for 2009'),
    reference('ROTH-2012', 'frameworks.md §2.1', 'confirmed'),
    reference('PARL-2010', 'frameworks.md §2.1', 'confirmed'),
  ],
  scales: [CSA_RATING_SCALE, INSPECTION_2009_SCALE, FINDING_SCALE],
  judgements: [
    {
      id: 'rating',
      label: "Rating of children's services",
      kind: 'overall',
      scale: 'csa-rating',
      description:
        'Greatest weight on components A and B; Ofsted retains the right to exercise professional judgement in determining the final rating.',
      source: seed(
        '000',
        '"In coming to an overall conclusion…"',
        'Ofsted will place greatest weight on sections A and B',
      ),
    },
    {
      id: 'profile-a',
      label: 'A. Findings from inspections of schools and settings (all five ECM outcomes)',
      kind: 'heading',
      parent: 'rating',
      source: PROFILE,
    },
    {
      id: 'profile-b',
      label:
        'B. Findings from safeguarding and looked-after-children inspections, unannounced inspections and evaluations of serious case reviews',
      kind: 'heading',
      parent: 'rating',
      source: PROFILE,
    },
    {
      id: 'profile-c',
      label: 'C. National indicators compared with similar areas and the England average',
      kind: 'heading',
      parent: 'rating',
      source: PROFILE,
    },
    {
      id: 'rating-before-tests',
      label: 'Rating the profile supports before any test caps it',
      kind: 'input',
      scale: 'csa-rating',
      parent: 'rating',
      description:
        'Not published: the rating Ofsted would have given had no test applied. The one-grade cap is measured from it.',
      source: TESTS,
    },
    {
      id: 'safeguarding-inspection',
      label: 'Overall effectiveness of the latest safeguarding inspection',
      kind: 'input',
      scale: 'inspection-2009',
      parent: 'profile-b',
      source: TESTS,
    },
    {
      id: 'unannounced-priority-action',
      label: 'The latest unannounced inspection of contact, referral and assessment set an area for priority action',
      kind: 'input',
      scale: 'finding',
      parent: 'profile-b',
      source: reference('PARL-2010', 'frameworks.md §2.1', 'confirmed'),
    },
    {
      id: 'apa-2008',
      label: 'Annual performance assessment 2008 (the previous regime)',
      kind: 'heading',
      source: APA_2008,
    },
    ...(
      [
        ['apa-being-healthy', 'Being healthy'],
        ['apa-staying-safe', 'Staying safe'],
        ['apa-enjoying-and-achieving', 'Enjoying and achieving'],
        ['apa-positive-contribution', 'Making a positive contribution'],
        ['apa-economic-wellbeing', 'Achieving economic well-being'],
        ['apa-capacity-to-improve', 'Capacity to improve'],
        ['apa-overall', 'Overall judgement'],
      ] as const
    ).map(([id, label]) => ({
      id,
      label,
      kind: 'component' as const,
      scale: 'inspection-2009',
      parent: 'apa-2008',
      source: APA_2008,
    })),
  ],
  rules: [
    {
      id: 'tests-only-cap',
      kind: 'normative',
      certainty: 'likely',
      text: 'The tests cap the rating: it is no better than the rating the profile supports.',
      effect: { type: 'no-better-than', target: 'rating', by: ['rating-before-tests'] },
      source: TESTS,
      interpretation: 'Ofsted keeps professional judgement, so this is read as likely rather than certain.',
    },
    {
      id: 'inadequate-safeguarding-caps-at-poorly',
      kind: 'normative',
      certainty: 'likely',
      text: "An inadequate safeguarding inspection makes the rating likely to be 'performs poorly'.",
      when: { judgement: 'safeguarding-inspection', atOrBelow: 'inadequate' },
      effect: { type: 'cap', target: 'rating', grade: 'performs-poorly' },
      source: seed(
        '000',
        '"In coming to an overall conclusion…"',
        "if a safeguarding inspection is inadequate, the overall rating is likely to be 'performs poorly.'",
      ),
    },
    {
      id: 'priority-action-limits-by-one-grade',
      kind: 'normative',
      certainty: 'likely',
      text: 'An area for priority action in the unannounced inspection limits the rating by one grade.',
      when: { judgement: 'unannounced-priority-action', is: ['yes'] },
      effect: { type: 'no-better-than', target: 'rating', by: ['rating-before-tests'], steps: 1 },
      source: reference(
        'PARL-2010',
        'frameworks.md §2.1',
        'confirmed',
        'seven councils had their ratings limited by one grade to adequate due to findings of unannounced safeguarding inspection visits',
      ),
      interpretation:
        'Confirmed in the 2009 results; the test wording itself was not retrieved, so the magnitude (one grade) comes from practice.',
    },
  ],
  inspectionTypes: [
    {
      id: 'annual-rating',
      label: 'Annual rating',
      graded: true,
      output:
        'A rating published with the CAA scores; provisional scores in mid-September, final at the end of November.',
      timeline: {
        milestones: [
          {
            id: 'assessment-year-start',
            label: 'Framework takes effect (assessment year starts)',
            rule: 'The framework takes effect from 1 April 2009',
            source: 'seed 000',
            evidence: 'confirmed',
          },
          {
            id: 'first-profile',
            label: 'First quarterly profile published',
            after: 'assessment-year-start',
            offset: { months: 2 },
            rule: 'From June 2009 Ofsted will publish a quarterly profile on each area',
            source: 'seed 000',
            evidence: 'confirmed',
          },
          {
            id: 'provisional-scores',
            label: 'Provisional scores',
            after: 'assessment-year-start',
            offset: { months: 5, calendarDays: 14 },
            rule: 'Provisional scores will be given in mid September',
            source: 'seed 000',
            evidence: 'confirmed',
            interpretation: '"Mid September" is dated 15 September.',
          },
          {
            id: 'final-rating',
            label: 'Rating published with the CAA scores',
            after: 'assessment-year-start',
            offset: { months: 8, calendarDays: 29 },
            rule: 'Information available up to November informs the rating published at the end of November',
            source: 'seed 000',
            evidence: 'confirmed',
            interpretation: '"The end of November" is dated 30 November.',
          },
        ],
      },
      source: seed('000', '"Information will be updated each quarter…"'),
    },
  ],
  cycle: [
    {
      kind: 'at-least-every',
      months: 12,
      rule: 'HMCI must assess the quality of children’s services annually',
      source: 'CSA-2011 (frameworks.md §2.1)',
      evidence: 'confirmed',
    },
  ],
  notes: [
    {
      text: 'The 2008 consultation also proposed thresholds where indicators for staying safe or enjoying and achieving are in the inadequate band; the exact test wording was not retrieved, so it is not encoded as a rule.',
      source: reference('CAA-CONS', 'frameworks.md §2.1', 'unverified'),
    },
    {
      text: '2009 results: 10 performs excellently, 93 performs well, 40 performs adequately, 9 performs poorly.',
      source: reference('CARE-2009', 'frameworks.md §2.1', 'confirmed'),
    },
  ],
}
