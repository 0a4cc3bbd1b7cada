import { reference, seed } from '../sources.js'
import type { Framework } from '../types.js'

const ANNEX_A = seed('001', 'Annex A (framework 090026), "Guidance on effective practice"')

/** Annex A of Ofsted 090026, as printed in seed 001: the 18 features of effective practice. */
export const UCRA_EFFECTIVE_PRACTICE_CRITERIA: readonly string[] = [
  'Practice and procedures manage risk of harm and ensure best possible outcomes for children and young people.',
  'Practice and procedures comply with statutory requirements and associated guidance. They are implemented efficiently and effectively and ensure that referrals are responded to promptly.',
  'Decisions are made in accordance with statutory timescales. Children suffering or at significant risk of harm are identified and receive a prompt and appropriate response.',
  'Agreed inter-agency thresholds (or arrangements for access to services), and responsibilities for safeguarding children are applied and regularly reviewed.',
  "Assessments are clear and analytical. Risk and protective factors that impact on children's safety and welfare are identified. Conclusions flow logically from analysis and include judgements about standards of care, allowing assessments to be translated into effective plans.",
  'Section 47 enquiries are thorough and timely and always carried out by a qualified and suitable experienced social worker. Findings in relation to significant harm are clear. Action needed to ensure children’s safety is identified and implemented promptly.',
  'Record keeping is up to date and demonstrates effective management of risk of harm, sound decision-making and effective planning.',
  "There is evidence of focused multi-agency and partnership working, led by the Children's Trust Board and Local Safeguarding Children Board.",
  'Communication and liaison with relevant agencies is established and effective.',
  'There is evidence that the Local Safeguarding Children Board has a robust approach to quality assurance and audit.',
  'Monitoring and evaluation are helping to ensure that practice across all partner agencies is improving or sustained at a high level and meeting the needs of particular groups of vulnerable children.',
  'Senior managers take appropriate measures to assure themselves that referral and assessment processes in their area are effective at identifying, assessing and managing risk of harm.',
  'There is evidence that senior managers effectively challenge casework and decision-making.',
  'The experiences and views of children and parents are gathered and used to influence service delivery and development.',
  "Children and family members are involved in assessment or planning to meet the child's needs, and the views and feelings of children and the views of family members are taken into account.",
  'Critically reflective supervision, management audit and oversight are provided to all staff, and are resulting in improving practice. Suitable training for staff is available and is improving practice.',
  'The service is resourced sufficiently to meet identified needs.',
  'Performance indicators reflect good and sustained and/or improving practice.',
]

/** The seven kinds of case sampled, each split into proceeded / did not proceed (seed 001 §32). */
const CASE_KINDS: readonly [id: string, label: string, nextStep: string][] = [
  ['caf', 'Common Assessment Framework', 'referral'],
  ['contacts', 'Contacts', 'referral'],
  ['referrals', 'Referrals', 'initial assessment'],
  ['re-referrals', 'Re-referrals', 'initial assessment'],
  ['initial-assessments', 'Initial assessments', 'further service or to core assessment'],
  ['core-assessments', 'Core assessments', 'further service'],
  ['section-47', 'Section 47 enquiries', 'an initial child protection conference'],
]

const EVALUATION = seed('001', '§20')

/** Unannounced inspection of contact, referral and assessment (Ofsted 090026, printed in seed 001). */
export const UCRA_2009: Framework = {
  id: 'ucra-2009',
  label: 'Unannounced inspection of contact, referral and assessment arrangements',
  version: '2009 (Ofsted 090026)',
  inForce: { from: '2009-04-01', to: '2012-05-31' },
  status: 'historical',
  summary:
    'A short, ungraded, unannounced inspection of front-line contact, referral and assessment practice for children in need and children who may be in need of protection. Findings are reported by letter: strengths, areas for development and areas for priority action.',
  statutoryBasis: 'Section 138 of the Education and Inspections Act 2006 (seed 001 §5)',
  sources: [
    seed('001', 'Framework 090026, §1–56 and Annex A'),
    seed('000', 'Summary of Unannounced Safeguarding Inspections'),
  ],
  scales: [],
  judgements: [
    {
      id: 'findings',
      label: 'Findings of the unannounced inspection (not graded)',
      kind: 'heading',
      description: 'These inspections will not receive a grade using the Ofsted four-point scale.',
      criteria: UCRA_EFFECTIVE_PRACTICE_CRITERIA,
      source: seed('001', '§38', 'These inspections will not receive a grade using the Ofsted fourpoint scale.'),
    },
  ],
  rules: [],
  findingCategories: [
    { id: 'strengths', label: 'Strengths', source: seed('001', '§38', 'indicating the strengths of the service') },
    {
      id: 'areas-for-development',
      label: 'Areas for development',
      source: seed('001', '§38', 'any areas for development in observed practice'),
    },
    {
      id: 'areas-for-priority-action',
      label: 'Areas for priority action',
      source: reference('CARE-2010', 'frameworks.md §2.3', 'confirmed', 'the most damning verdict inspectors can give'),
    },
  ],
  evaluationAreas: [
    [
      'The quality and timeliness of referrals and assessments',
      [
        'the extent and quality of partner agency involvement',
        'the involvement of children and their families',
        'how this impacts on the services offered to children and their families',
      ],
    ],
    [
      'The quality of management oversight and decision-making',
      [
        'senior management audit of how well workers manage risk of harm through effective referral and assessment',
        'case allocation and caseload management',
        'the quality of direct supervision and support',
        'the quality of case-file recording and arrangements for informing and involving senior managers in decision-making',
      ],
    ],
    ['The application of thresholds, their clarity and consistency and how these impact on outcomes for children', []],
    ['The impact of strategy discussions and enquiries in protecting children and young people', []],
    ['The effectiveness of communication, liaison and joint working between agencies', []],
    [
      'The effectiveness of out-of-hours provision, including accident and emergency health services, in managing risk of harm through effective information sharing, referral and assessment',
      [],
    ],
    ['The effectiveness of the service in meeting the needs of children from particular groups', []],
    ["How well services act on users' views", []],
    [
      'The role and responsibilities of support staff, level of training and support received and how this impacts on the quality of service delivery',
      [],
    ],
    [
      'The effectiveness of social workers and unqualified staff, including family support and social work assistants, in identifying, assessing and managing risk of harm for children and their families',
      [],
    ],
  ].map(([label, details], index) => ({
    id: `area-${index + 1}`,
    label: label as string,
    details: details as string[],
    source: EVALUATION,
  })),
  inspectionTypes: [
    {
      id: 'inspection',
      label: 'Unannounced inspection',
      graded: false,
      onSite: 'Up to 2 days, by two of Her Majesty’s Inspectors (seed 001 §16)',
      notice: 'None: the council is told on the day (seed 001 §14)',
      output: 'A letter with strengths, areas for development and any serious concerns (seed 001 §38–39)',
      source: seed('001', '§14–16, §40–43'),
      timeline: {
        milestones: [
          {
            id: 'notification',
            label: 'Council told of the inspection',
            rule: 'The council will be notified immediately before the inspection (on the same day)',
            source: 'seed 001 §14',
            evidence: 'confirmed',
          },
          {
            id: 'fieldwork-start',
            label: 'Inspectors on site',
            after: 'notification',
            offset: {},
            rule: 'No period of notice will be given',
            source: 'seed 001 §14',
            evidence: 'confirmed',
          },
          {
            id: 'fieldwork-end',
            label: 'Inspection ends (oral feedback to the DCS and/or head of service)',
            after: 'fieldwork-start',
            offset: { workingDays: 1 },
            rule: 'Inspectors will normally be on site for up to two days',
            source: 'seed 001 §16, §37',
            evidence: 'confirmed',
          },
          {
            id: 'draft-letter',
            label: 'Draft letter to the DCS for a factual accuracy check',
            after: 'fieldwork-end',
            offset: { workingDays: 5 },
            rule: 'The draft letter will be sent to the DCS within five working days of the end of the inspection',
            source: 'seed 001 §40',
            evidence: 'confirmed',
          },
          {
            id: 'comments-due',
            label: 'Factual accuracy comments due back',
            after: 'draft-letter',
            offset: { workingDays: 5 },
            rule: 'Comments are returned within five days (within 10 working days of the end of the inspection)',
            source: 'seed 001 §41',
            evidence: 'confirmed',
          },
          {
            id: 'final-letter',
            label: 'Final letter to the DCS, copied to the Lead Member, LSCB chair and chief executive',
            after: 'comments-due',
            offset: { workingDays: 5 },
            rule: 'The final letter is sent within five days (within 15 working days of the end of the inspection)',
            source: 'seed 001 §42',
            evidence: 'confirmed',
          },
          {
            id: 'publication',
            label: 'Letter published on the Ofsted website',
            after: 'fieldwork-end',
            offset: { workingDays: 20 },
            rule: 'The final letter will be published on the Ofsted website within 20 days of the end of the inspection',
            source: 'seed 001 §43',
            evidence: 'confirmed',
            interpretation: '"20 days" read as working days, like the other deadlines in §40–42.',
          },
          {
            id: 'complaints-close',
            label: 'Last day to complain',
            after: 'publication',
            offset: { calendarDays: 30 },
            rule: 'A complaint can be made up to 30 calendar days from the date of publication of any report or letter',
            source: 'seed 001 §52',
            evidence: 'confirmed',
          },
        ],
      },
    },
  ],
  cycle: [
    {
      kind: 'at-least-every',
      months: 12,
      rule: 'All local authority areas will have an unannounced inspection in any one 12-month period',
      source: 'seed 001 §13',
      evidence: 'confirmed',
    },
  ],
  triggers: [
    {
      id: 'serious-concerns',
      label:
        'Where the inspection raises serious concerns the lead inspector may recommend a follow-up inspection, including a full safeguarding inspection',
      source: seed('001', '§13, §39'),
    },
  ],
  documents: [
    {
      id: 'none-in-advance',
      label: 'No documents need to be provided in advance',
      source: seed('001', '§22'),
    },
    {
      id: 'performance-information',
      label: 'The performance information managers routinely use, including any available self-evaluation',
      when: 'During the inspection',
      source: seed('001', '§24'),
    },
    {
      id: 'waiting-numbers',
      label: 'The number of referrals awaiting action and/or cases awaiting transfer to other teams',
      when: 'During the inspection',
      source: seed('001', '§24'),
    },
  ],
  externalData: [
    'The Ofsted performance profile, including findings from other relevant inspections and regulatory activity',
    'Relevant performance indicators from the National Indicator Set',
    'A summary of judgements made in serious case review evaluations',
    "Ofsted's fostering and adoption datasets",
    'Views of users, staff and third sector organisations from three new questionnaires, and the whistleblower hotline',
    'A summary of substantiated complaints to Ofsted about the council and its partners',
    'The local area agreement and other related published documentation',
  ].map((label, index) => ({ id: `external-${index + 1}`, label, source: seed('001', '§23') })),
  sampling: [
    {
      id: 'random-sample',
      label: 'Random sample of case files',
      description:
        'Selected at random from current cases and cases closed in the previous six months, examined wherever possible with the social worker or key worker.',
      strata: CASE_KINDS.flatMap(([id, label, nextStep]) => [
        { id: `${id}-proceeded`, label: `${label} that proceeded to ${nextStep}` },
        { id: `${id}-did-not-proceed`, label: `${label} that did not proceed to ${nextStep}` },
      ]),
      source: seed('001', '§31–32'),
    },
  ],
  questions: [
    {
      id: 'manager-discussion',
      label: 'What inspectors usually discuss with the relevant manager',
      source: seed('001', '§34'),
      items: [
        'Outcomes achieved for children and young people',
        'Team composition: staffing establishment, qualified social workers and their experience, vacancies, locum/agency staff, sickness levels and individual caseloads',
        'Analysis of Common Assessment Framework activity over the last 12 months',
        'Analysis of the numbers of referrals',
        'Analysis of referrals by referrer, the number of initial assessments, core assessments, section 47 enquiries and open cases',
        'Referrals awaiting action and/or allocation to a social worker, and cases waiting for transfer',
        'Arrangements for transfer of cases between teams',
        'Quality assurance and monitoring of contact, referral and assessment procedures',
        'Self-evaluation of the effectiveness of contact, referral and assessment arrangements',
        'The latest audits and action plans relating to contact, referral and assessment',
        "Any available evaluation of users' views of the service",
      ],
    },
  ],
  notes: [
    {
      text: 'The 18 features of effective practice in Annex A are the criteria findings are measured against (listed on the findings judgement).',
      source: ANNEX_A,
    },
    {
      text: 'Inspectors will not expect the manager to produce additional information for the inspection; they use what managers use routinely.',
      source: seed('001', '§35'),
    },
    {
      text: 'Findings contribute to the annual children’s services rating (csa-2009) and inform the timing and scope of the three-yearly inspection (slac-2009).',
      source: seed('001', '§5, §9'),
    },
  ],
}
