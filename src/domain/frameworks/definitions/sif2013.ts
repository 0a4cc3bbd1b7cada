import { INSPECTION_2013_SCALE } from '../scales.js'
import { reference, seed } from '../sources.js'
import type { Framework, Rule } from '../types.js'

const KEYS = ['help-and-protection', 'looked-after-and-permanence', 'leadership-management-governance'] as const
const PROPOSALS = seed('002', 'Appendix 2, "Proposals for the inspection of services…"')
const SIF_DATA = (quote?: string) =>
  reference('ODS-2023', 'frameworks.md §3 (173 graded SIF inspections)', 'derived', quote)

const empirical = (rule: Omit<Rule, 'kind'>): Rule => ({ kind: 'empirical', ...rule })

/** Single inspection framework with the review of the LSCB, November 2013 – 2017 (seeds 002, 003, 004). */
export const SIF_2013: Framework = {
  id: 'sif-2013',
  label:
    'Inspection of services for children in need of help and protection, children looked after and care leavers, and review of the LSCB (single inspection framework)',
  version: '2013 (Ofsted 130216)',
  inForce: { from: '2013-11-01', to: '2017-12-31' },
  status: 'historical',
  summary:
    "One universal inspection of help and protection, children looked after and care leavers, and leadership, on a three-year cycle, with a standalone review of the Local Safeguarding Children Board. 'Good' is the benchmark.",
  statutoryBasis:
    'Section 136 of the Education and Inspections Act 2006; the LSCB review under s15A Children Act 2004 and the LSCB (Review) Regulations 2013',
  sources: [
    seed('002', '§5.1–5.7 and Appendix 2'),
    seed('003', '§1–20'),
    seed('004', '§2, §5'),
    reference('SIF-TOC', 'frameworks.md §3', 'confirmed'),
    reference('ODS-2023', 'frameworks.md §3', 'derived'),
  ],
  scales: [INSPECTION_2013_SCALE],
  judgements: [
    {
      id: 'overall-effectiveness',
      label: 'Overall effectiveness',
      kind: 'overall',
      scale: 'inspection-2013',
      description: 'Published as "Children’s services in X are good" or "… require improvement to be good".',
      source: seed('002', '§5.6'),
    },
    {
      id: 'help-and-protection',
      label: 'The experiences and progress of children who need help and protection',
      kind: 'key',
      scale: 'inspection-2013',
      parent: 'overall-effectiveness',
      source: PROPOSALS,
    },
    {
      id: 'looked-after-and-permanence',
      label: 'The experiences and progress of children looked after and achieving permanence',
      kind: 'key',
      scale: 'inspection-2013',
      parent: 'overall-effectiveness',
      source: PROPOSALS,
    },
    {
      id: 'adoption-performance',
      label: 'Adoption performance',
      kind: 'sub',
      scale: 'inspection-2013',
      parent: 'looked-after-and-permanence',
      source: PROPOSALS,
    },
    {
      id: 'care-leavers',
      label: 'The experiences and progress of care leavers',
      kind: 'sub',
      scale: 'inspection-2013',
      parent: 'looked-after-and-permanence',
      source: PROPOSALS,
    },
    {
      id: 'leadership-management-governance',
      label: 'Leadership, management and governance',
      kind: 'key',
      scale: 'inspection-2013',
      parent: 'overall-effectiveness',
      description:
        'The effectiveness of leaders and managers, the impact they have on the lives of children and young people and the quality of professional practice.',
      source: seed('003', '§2'),
    },
    {
      id: 'lscb',
      label: 'The effectiveness of the Local Safeguarding Children Board',
      kind: 'standalone',
      scale: 'inspection-2013',
      criteria: [
        'Compliance with statutory responsibilities under the Children Act 2004 and the LSCB Regulations 2006',
        "The LSCB's understanding of the strengths and weaknesses of multi-agency practice",
        'The effectiveness of its monitoring and evaluation',
        'How well it has identified areas for improvement',
      ],
      source: seed('003', '§16–18'),
    },
  ],
  rules: [
    {
      id: 'key-inadequate-makes-overall-inadequate',
      kind: 'normative',
      certainty: 'always',
      text: 'Any key judgement of inadequate makes overall effectiveness inadequate.',
      when: { any: KEYS.map(judgement => ({ judgement, atOrBelow: 'inadequate' })) },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'inadequate' },
      source: seed(
        '002',
        '§5.6 and Appendix 2',
        "Receiving an 'inadequate' judgement on any of the three key 'grade descriptors' will result in an 'inadequate' judgement overall.",
      ),
    },
    ...(['adoption-performance', 'care-leavers'] as const).map((judgement): Rule => ({
      id: `${judgement}-inadequate-does-not-force-parent`,
      kind: 'normative',
      certainty: 'always',
      text: 'An inadequate sub-judgement does not by itself make the children looked after judgement inadequate.',
      when: { judgement, atOrBelow: 'inadequate' },
      effect: {
        type: 'no-effect',
        target: 'looked-after-and-permanence',
        note: 'The sub-judgement informs the key judgement but does not set it.',
      },
      source: seed(
        '002',
        'Appendix 2, "Evaluation criteria"',
        "a judgement of 'inadequate' within these two areas will not automatically result in an overall judgement of 'inadequate'",
      ),
    })),
    {
      id: 'lscb-is-standalone',
      kind: 'normative',
      certainty: 'always',
      text: 'The LSCB judgement does not affect overall effectiveness.',
      when: { judgement: 'lscb', atOrBelow: 'inadequate' },
      effect: { type: 'no-effect', target: 'overall-effectiveness', note: 'The LSCB review is standalone.' },
      source: seed(
        '002',
        'Appendix 2, "Evaluation criteria"',
        "An 'inadequate' judgement within this area will not impact on the overall judgement for an authority as it is 'standalone'.",
      ),
    },
    empirical({
      id: 'no-key-inadequate-overall-not-inadequate',
      certainty: 'always',
      text: 'With no key judgement inadequate, overall effectiveness was never inadequate.',
      when: { all: KEYS.map(judgement => ({ judgement, atOrAbove: 'requires-improvement' })) },
      effect: { type: 'floor', target: 'overall-effectiveness', grade: 'requires-improvement' },
      source: SIF_DATA(
        'OE = inadequate iff any key judgement is inadequate: 40/40 inadequate OEs; 0 exceptions in 173',
      ),
      hitRate: { applied: 133, agreed: 133, population: 'graded SIF inspections 2013–2018 (first and re-inspections)' },
    }),
    empirical({
      id: 'overall-no-better-than-leadership',
      certainty: 'always',
      text: 'Overall effectiveness never exceeded the leadership, management and governance grade.',
      effect: { type: 'no-better-than', target: 'overall-effectiveness', by: ['leadership-management-governance'] },
      source: SIF_DATA('OE never exceeded the LMG grade: 0 of 173. OE = LMG in 151'),
      hitRate: { applied: 173, agreed: 173, population: 'graded SIF inspections 2013–2018' },
    }),
    empirical({
      id: 'outstanding-overall-needs-keys-good',
      certainty: 'always',
      text: 'Overall effectiveness was outstanding only when no key judgement was below good.',
      when: { any: KEYS.map(judgement => ({ judgement, atOrBelow: 'requires-improvement' })) },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'good' },
      source: SIF_DATA('OE = outstanding ⇒ no key judgement below good, and ≥2 keys outstanding: 3/3'),
      hitRate: { applied: 3, agreed: 3, population: 'SIF inspections with overall outstanding (small n)' },
    }),
    empirical({
      id: 'outstanding-overall-needs-two-keys-outstanding',
      certainty: 'always',
      text: 'Overall effectiveness was outstanding only when at least two key judgements were outstanding.',
      when: { count: KEYS.map(judgement => ({ judgement, atOrAbove: 'outstanding' })), max: 1 },
      effect: { type: 'cap', target: 'overall-effectiveness', grade: 'good' },
      source: SIF_DATA('OE = outstanding ⇒ no key judgement below good, and ≥2 keys outstanding: 3/3'),
      hitRate: { applied: 3, agreed: 3, population: 'SIF inspections with overall outstanding (small n)' },
    }),
    empirical({
      id: 'care-leavers-inadequate-caps-looked-after',
      certainty: 'always',
      text: 'When care leavers was inadequate and the looked after judgement was not, the looked after judgement was requires improvement.',
      when: { judgement: 'care-leavers', atOrBelow: 'inadequate' },
      effect: { type: 'cap', target: 'looked-after-and-permanence', grade: 'requires-improvement' },
      source: SIF_DATA(
        'Care-leavers sub-judgement inadequate but CLA key judgement not inadequate: 8 (CLA = RI in all 8)',
      ),
      interpretation:
        'The 8 cases are those where the key judgement was not inadequate; all 8 were requires improvement.',
      hitRate: {
        applied: 8,
        agreed: 8,
        population: 'SIF inspections with care leavers inadequate and CLA not inadequate',
      },
    }),
    empirical({
      id: 'practice-inadequate-leadership-inadequate',
      certainty: 'likely',
      text: 'When help and protection or children looked after was inadequate, leadership was usually inadequate too.',
      when: {
        any: [
          { judgement: 'help-and-protection', atOrBelow: 'inadequate' },
          { judgement: 'looked-after-and-permanence', atOrBelow: 'inadequate' },
        ],
      },
      effect: { type: 'cap', target: 'leadership-management-governance', grade: 'inadequate' },
      source: SIF_DATA('HP or CLA inadequate ⇒ LMG inadequate: 37/40'),
      hitRate: { applied: 40, agreed: 37, population: 'graded SIF inspections 2013–2018' },
    }),
  ],
  inspectionTypes: [
    {
      id: 'inspection',
      label: 'Single inspection (with LSCB review)',
      graded: true,
      onSite: 'About four weeks; nine HMI plus a senior data analyst and a quality assurance manager',
      notice: 'Starts with a phone call from Ofsted; short or no notice (⚠️ unverified)',
      output: 'One combined report: the local authority judgements and the LSCB review',
      source: reference('RPT-NORF-2015', 'frameworks.md §3', 'confirmed'),
      timeline: {
        milestones: [
          {
            id: 'notification',
            label: 'Inspection phone call from Ofsted',
            rule: 'The inspection starts with a phone call to the local authority',
            source: 'seed 003 §8',
            evidence: 'confirmed',
          },
          {
            id: 'case-audits-due',
            label: 'Audits of the 18 cases selected by Ofsted complete',
            after: 'notification',
            offset: { workingDays: 4 },
            rule: 'Within the first four days of receiving the inspection phone call, an audit of 18 cases selected by Ofsted',
            source: 'seed 003 §8',
            evidence: 'confirmed',
            interpretation: '"Four days" read as working days.',
          },
          {
            id: 'annex-a-due',
            label: 'Annex A information supplied',
            after: 'notification',
            offset: { workingDays: 10 },
            rule: "A large range of information, 'Annex A', is provided to inspectors within the first two weeks",
            source: 'seed 003 §12',
            evidence: 'confirmed',
            interpretation: '"The first two weeks" read as 10 working days from the call.',
          },
          {
            id: 'fieldwork-start',
            label: 'Inspectors on site',
            after: 'notification',
            offset: {},
            rule: 'Week one of the inspection is on site',
            source: 'SIF-HB (frameworks.md §3)',
            evidence: 'unverified',
            interpretation: 'Assumes inspectors arrive on the day of the call; the notice period was not retrieved.',
          },
          {
            id: 'fieldwork-end',
            label: 'Fieldwork ends',
            after: 'fieldwork-start',
            offset: { workingDays: 19 },
            rule: 'About four weeks on site (Norfolk 6–30 July 2015)',
            source: 'RPT-NORF-2015, SIF-HB (frameworks.md §3)',
            evidence: 'confirmed',
          },
        ],
      },
    },
    {
      id: 'monitoring-visit',
      label: 'Monitoring visit (local authorities judged inadequate)',
      graded: false,
      appliesTo: 'Inadequate local authorities, quarterly, after an action planning visit and before re-inspection',
      output: 'Published letter',
      source: reference('MON-2016', 'frameworks.md §3', 'confirmed'),
    },
    {
      id: 're-inspection',
      label: 'Re-inspection after monitoring',
      graded: true,
      onSite: 'Two weeks (Norfolk 13–24 November 2017)',
      source: reference('RPT-NORF-2017', 'frameworks.md §3', 'confirmed'),
    },
  ],
  cycle: [
    {
      kind: 'no-fixed-cycle',
      afterGrades: ['inadequate'],
      rule: 'Inadequate authorities are monitored (quarterly visits) and re-inspected when Ofsted decides',
      source: 'MON-2016, MON-2017 (frameworks.md §3)',
      evidence: 'confirmed',
    },
    {
      kind: 'at-least-every',
      months: 36,
      rule: 'The framework runs on a universal three-year cycle',
      source: 'seed 003 §1; seed 004 §2.3',
      evidence: 'confirmed',
    },
  ],
  documents: [
    {
      id: 'annex-a-meetings',
      label: 'Annex A: details of planned multi-agency meetings',
      when: 'Within the first two weeks',
      source: seed('003', '§12'),
    },
    {
      id: 'annex-a-child-level',
      label: 'Annex A: child-level data for the case sample and case tracking (six months, in and out of borough)',
      when: 'Within the first two weeks',
      source: seed('003', '§12–13'),
    },
    {
      id: 'annex-a-performance',
      label: 'Annex A: performance information required to support the inspection',
      when: 'Within the first two weeks',
      source: seed('003', '§12'),
    },
    {
      id: 'lscb-information',
      label: 'Information for the LSCB review',
      when: 'During the inspection',
      source: seed('003', '§19'),
    },
  ],
  interviews: [
    {
      id: 'lscb-review',
      label: 'LSCB review interviews',
      people: [
        'LSCB chair',
        'LSCB business manager',
        "Director of Children's Services",
        'Chief executive (Town Clerk)',
        'At least two other statutory LSCB partners',
        'Lay members, wherever possible',
      ],
      source: seed('003', '§19'),
    },
  ],
  sampling: [
    {
      id: 'case-audit',
      label: 'Cases audited by the local authority',
      description:
        '18 cases selected by Ofsted, covering the experience and journey of the child, family and carer and the effectiveness of help and protection, audited by the authority within four days of the call.',
      strata: [
        { id: 'selected-cases', label: 'Cases selected by Ofsted', count: 18, when: 'Within four days of the call' },
      ],
      source: seed('003', '§8'),
    },
    {
      id: 'tracking-and-sampling',
      label: 'Cases for tracking and sampling (from Annex A)',
      description: 'Inspectors track and sample children from the Annex A child-level lists.',
      strata: [],
      source: reference('SIF-TOC', 'frameworks.md §3, §4.7', 'confirmed'),
    },
  ],
  notes: [
    {
      text: "The criteria to achieve 'good' are the benchmark for all other judgements: the minimum standard any child in need of help, protection or support can expect.",
      source: seed('002', 'Appendix 2, "Judgements"'),
    },
    {
      text: 'First SIF outcomes (152 graded): overall 3 outstanding / 51 good / 65 requires improvement / 33 inadequate; LSCB 7 / 53 / 67 / 25.',
      source: SIF_DATA(),
    },
  ],
}
