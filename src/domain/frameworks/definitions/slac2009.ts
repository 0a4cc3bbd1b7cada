import { INSPECTION_2009_SCALE } from '../scales.js'
import { reference, seed } from '../sources.js'
import type { Framework, Judgement, Source } from '../types.js'

const HEADINGS = seed('000', 'Appendix 1 – Headings in final report')
const LIMITS = seed(
  '000',
  'SLAC summary, "Evaluation criteria"',
  'Some grades will be limited by results of other sections of the inspection',
)
const LOGISTICS = seed('000', 'SLAC summary, "Logistics"')
const SCALE = 'inspection-2009'

type Row = readonly [id: string, label: string, graded: boolean, parent: string | null]

/** Appendix 1 lists the same leadership headings under both sections. */
function leadershipRows(prefix: string): Row[] {
  const parent = `${prefix}-leadership-and-management`
  return [
    [parent, 'How effective are leadership and management?', true, null],
    [`${prefix}-ambition-and-prioritisation`, 'Ambition and prioritisation', true, parent],
    [
      `${prefix}-evaluation`,
      'Evaluation, including performance management, quality assurance and workforce development',
      true,
      parent,
    ],
    [`${prefix}-user-engagement`, 'User engagement', true, parent],
    [`${prefix}-partnerships`, 'Partnerships', true, parent],
    [`${prefix}-equality-and-diversity`, 'Equality and diversity', true, parent],
    [`${prefix}-value-for-money`, 'Value for money', true, parent],
  ]
}

function section(prefix: string, title: string, rows: readonly Row[]): Judgement[] {
  const top: Judgement = { id: prefix, label: title, kind: 'heading', source: HEADINGS }
  return [
    top,
    ...rows.map(([id, label, graded, parent]): Judgement => {
      const judgement: Judgement = {
        id,
        label,
        kind: id.endsWith('overall-effectiveness') ? 'overall' : graded ? (parent === null ? 'key' : 'sub') : 'heading',
        parent: parent ?? prefix,
        source: HEADINGS,
      }
      if (graded) judgement.scale = SCALE
      return judgement
    }),
  ]
}

const SAFEGUARDING = section('safeguarding', 'Safeguarding', [
  ['safeguarding-overall-effectiveness', 'Overall effectiveness', true, null],
  ['safeguarding-capacity-for-improvement', 'Capacity for improvement', true, null],
  ['safeguarding-areas-for-improvement', 'Areas for improvement', false, null],
  ['safeguarding-outcomes', 'How good are outcomes for children and young people?', false, null],
  [
    'safeguarding-children-are-safe',
    'Children and young people are safe: effectiveness of services in taking reasonable steps to ensure that children and young people are safe',
    true,
    'safeguarding-outcomes',
  ],
  [
    'safeguarding-children-feel-safe',
    'Children and young people feel safe: effectiveness of services in helping to ensure that children and young people feel safe',
    true,
    'safeguarding-outcomes',
  ],
  ['safeguarding-quality-of-provision', 'Quality of provision', true, null],
  ['safeguarding-service-responsiveness', 'Service responsiveness', true, 'safeguarding-quality-of-provision'],
  [
    'safeguarding-assessment-and-direct-work',
    'Assessment and direct work with children and families',
    true,
    'safeguarding-quality-of-provision',
  ],
  ['safeguarding-case-planning', 'Case planning, review and recording', true, 'safeguarding-quality-of-provision'],
  ...leadershipRows('safeguarding'),
])

const LAC_OUTCOMES = [
  'lac-being-healthy',
  'lac-staying-safe',
  'lac-enjoying-and-achieving',
  'lac-positive-contribution',
  'lac-economic-wellbeing',
] as const

const LOOKED_AFTER = section('lac', 'Services for looked after children', [
  ['lac-overall-effectiveness', 'Overall effectiveness', true, null],
  ['lac-capacity-for-improvement', 'Capacity for improvement', true, null],
  ['lac-areas-for-improvement', 'Areas for improvement', false, null],
  ['lac-outcomes', 'How good are outcomes for looked after children and care leavers?', false, null],
  ['lac-being-healthy', 'Being healthy', true, 'lac-outcomes'],
  ['lac-staying-safe', 'Staying safe', true, 'lac-outcomes'],
  ['lac-enjoying-and-achieving', 'Enjoying and achieving', true, 'lac-outcomes'],
  ['lac-positive-contribution', 'Making a positive contribution', true, 'lac-outcomes'],
  ['lac-economic-wellbeing', 'Economic well-being', true, 'lac-outcomes'],
  ['lac-quality-of-provision', 'Quality of provision', true, null],
  ['lac-service-responsiveness', 'Service responsiveness', true, 'lac-quality-of-provision'],
  ['lac-assessment-and-direct-work', 'Assessment and direct work with children', true, 'lac-quality-of-provision'],
  ['lac-case-planning', 'Case planning, review and recording', true, 'lac-quality-of-provision'],
  ...leadershipRows('lac'),
])

const EDUCATIONAL_PROGRESS: Judgement = {
  id: 'lac-educational-progress',
  label: 'Educational progress of looked after children',
  kind: 'input',
  scale: SCALE,
  parent: 'lac-enjoying-and-achieving',
  description: 'Not a report heading; the limiting rule on enjoying and achieving refers to it.',
  source: LIMITS,
}

const documents: [string, string][] = [
  ['lscb-minutes', 'Minutes of the last six Local Safeguarding Children Board meetings'],
  ['childrens-trust-board', "Details of Children's Trust Board membership, and minutes of the last six meetings"],
  ['cypp', "Children and Young People's Plan and its latest review, including any updates to the plan"],
  ['service-user-groups', 'Lists of existing groups of service users and their parents/carers'],
  ['views-summaries', 'Summaries of the views of service users and other stakeholders, as collected by the council'],
  [
    'performance-and-qa',
    'Local performance management and quality assurance information, including case-related audit evidence, relating to safeguarding, child protection and looked after children services',
  ],
  ['caf-data', 'Data relating to the common assessment framework'],
  ['workforce-data', 'Workforce data and current pressures and priorities'],
  [
    'management-reviews',
    'Summaries of any management reviews of safeguarding and looked after children services conducted in the last two years',
  ],
  ['iro-reports', 'Management reports of the independent reviewing officers'],
  [
    'placements',
    "Details of placements in council, voluntary or private children's homes, fostering or adoption agencies",
  ],
  ['missing-children', 'Arrangements for identifying and responding to missing children and young people'],
  ['organisation-charts', 'Organisation charts for council and partner agencies'],
]

const lists: [string, string][] = [
  ['list-cin-and-cp-plans', 'List of all children with a child in need plan or child protection plan'],
  ['list-looked-after', 'List of looked after children, including those in external placements, and care leavers'],
  ['list-unallocated', 'List of unallocated cases'],
]

const METHODS = seed('000', 'SLAC summary, "Methods"')
const DOCUMENTATION = seed('000', 'SLAC summary, "Documentation"')
const INTERVIEWS = seed('000', 'Appendix 2 – Interviews to be undertaken during fieldwork')

const interviewSource: Source = INTERVIEWS

/** Three-yearly inspection of safeguarding and looked after children services (seeds 000, 001). */
export const SLAC_2009: Framework = {
  id: 'slac-2009',
  label: 'Inspection of safeguarding and looked after children services',
  version: '2009 (Ofsted 090027)',
  inForce: { from: '2009-04-01', to: '2012-12-31' },
  status: 'historical',
  summary:
    'A three-yearly joint inspection (Ofsted with CQC) of safeguarding and of services for looked after children, graded on a four-point scale, with one report under the headings of Appendix 1.',
  sources: [
    seed('000', 'A summary of the new Ofsted frameworks for three yearly inspections'),
    seed('001', '§9 (framework 090026 refers to 090027)'),
    reference('SLAC-2009', 'frameworks.md §2.2', 'confirmed'),
    reference('SLAC-PRES', 'frameworks.md §2.2', 'confirmed'),
  ],
  scales: [INSPECTION_2009_SCALE],
  judgements: [...SAFEGUARDING, ...LOOKED_AFTER, EDUCATIONAL_PROGRESS],
  rules: [
    ...(['safeguarding-children-are-safe', 'safeguarding-children-feel-safe'] as const).map(by => ({
      id: `overall-effectiveness-limited-by-${by.replace('safeguarding-children-', '')}`,
      kind: 'normative' as const,
      certainty: 'likely' as const,
      text: `Safeguarding overall effectiveness is likely to be no better than the outcome judgement "${by === 'safeguarding-children-are-safe' ? 'children and young people are safe' : 'children and young people feel safe'}".`,
      effect: { type: 'no-better-than' as const, target: 'safeguarding-overall-effectiveness', by: [by] },
      source: seed(
        '000',
        'SLAC summary, "Evaluation criteria"',
        'Overall effectiveness likely to be limited by judgements on outcomes - staying safe or feeling safe.',
      ),
      interpretation:
        '"Limited by" is read as "no better than"; the safety outcomes are the safeguarding section\'s "are safe" and "feel safe" judgements.',
    })),
    ...(['safeguarding', 'lac'] as const).map(prefix => ({
      id: `${prefix}-leadership-limited-by-equality-and-diversity`,
      kind: 'normative' as const,
      certainty: 'likely' as const,
      text: 'Leadership and management are unlikely to be adequate if equality and diversity is inadequate.',
      when: { judgement: `${prefix}-equality-and-diversity`, atOrBelow: 'inadequate' },
      effect: { type: 'cap' as const, target: `${prefix}-leadership-and-management`, grade: 'inadequate' },
      source: seed(
        '000',
        'SLAC summary, "Evaluation criteria"',
        'Leadership and management are unlikely to be adequate if equality and diversity is inadequate.',
      ),
      interpretation:
        'Applied to each section, since both report leadership and management with equality and diversity.',
    })),
    {
      id: 'lac-overall-may-be-inadequate',
      kind: 'normative',
      certainty: 'may',
      text: 'For looked after children, overall effectiveness may be inadequate if outcomes judgements are inadequate.',
      when: { any: LAC_OUTCOMES.map(judgement => ({ judgement, atOrBelow: 'inadequate' })) },
      effect: { type: 'cap', target: 'lac-overall-effectiveness', grade: 'inadequate' },
      source: seed(
        '000',
        'SLAC summary, "Evaluation criteria"',
        'For LACs overall effectiveness may be inadequate if outcomes judgements are inadequate.',
      ),
    },
    {
      id: 'lac-overall-limited-by-enjoying-and-staying-safe',
      kind: 'normative',
      certainty: 'likely',
      text: 'Overall effectiveness is unlikely to be good if enjoying and achieving and staying safe are less than good.',
      when: {
        all: [
          { judgement: 'lac-enjoying-and-achieving', atOrBelow: 'adequate' },
          { judgement: 'lac-staying-safe', atOrBelow: 'adequate' },
        ],
      },
      effect: { type: 'cap', target: 'lac-overall-effectiveness', grade: 'adequate' },
      source: seed(
        '000',
        'SLAC summary, "Evaluation criteria"',
        'Overall effectiveness unlikely to be good if enjoy and achieve and staying safe are less than good',
      ),
      interpretation:
        'Read as both below good, and as the looked-after section (enjoying and achieving is one of its outcomes).',
    },
    {
      id: 'enjoying-and-achieving-limited-by-educational-progress',
      kind: 'normative',
      certainty: 'likely',
      text: 'Enjoying and achieving is not likely to be judged good if educational progress is not good.',
      when: { judgement: 'lac-educational-progress', atOrBelow: 'adequate' },
      effect: { type: 'cap', target: 'lac-enjoying-and-achieving', grade: 'adequate' },
      source: seed(
        '000',
        'SLAC summary, "Evaluation criteria"',
        'Enjoying and achieving are not likely to be judged good if educational progress is not good.',
      ),
    },
  ],
  inspectionTypes: [
    {
      id: 'inspection',
      label: 'Three-yearly inspection',
      graded: true,
      onSite: 'Up to 10 working days, covering safeguarding and looked after children',
      notice: '10 days, except where there was a previous inadequate score or serious concerns',
      output: 'One published report with text and grades under the headings of Appendix 1',
      source: LOGISTICS,
      timeline: {
        milestones: [
          {
            id: 'notification',
            label: 'Notification of the inspection',
            rule: '10 days notice will be given except where previous inadequate score or serious concerns',
            source: 'seed 000 SLAC "Logistics"',
            evidence: 'confirmed',
          },
          {
            id: 'pre-meeting',
            label: 'Pre-meeting with inspectors (previous concerns, files, speaking to users and staff)',
            after: 'notification',
            offset: { workingDays: 4 },
            rule: 'A pre-meeting will be held four days after notification',
            source: 'seed 000 SLAC "Logistics"',
            evidence: 'confirmed',
            interpretation: '"Four days" read as working days.',
          },
          {
            id: 'fieldwork-start',
            label: 'Fieldwork starts',
            after: 'notification',
            offset: { workingDays: 10 },
            rule: '10 days notice will be given (less after an inadequate result or serious concerns)',
            source: 'seed 000 SLAC "Logistics"',
            evidence: 'confirmed',
            interpretation: '"10 days notice" read as 10 working days; it is the most notice Ofsted gave.',
          },
          {
            id: 'fieldwork-end',
            label: 'Fieldwork ends (verbal feedback to the DCS)',
            after: 'fieldwork-start',
            offset: { workingDays: 9 },
            rule: 'Inspection will last up to 10 working days',
            source: 'seed 000 SLAC "Logistics"',
            evidence: 'confirmed',
          },
          {
            id: 'draft-report',
            label: 'Draft report to the DCS for a factual accuracy check',
            after: 'fieldwork-end',
            offset: { workingDays: 5 },
            rule: 'DCS will receive the report 5 working days after inspection to check for factual accuracy',
            source: 'seed 000 SLAC "Reporting findings"',
            evidence: 'confirmed',
          },
          {
            id: 'factual-check-due',
            label: 'Factual accuracy comments due back',
            after: 'draft-report',
            offset: { workingDays: 5 },
            rule: 'Factual check to be returned after 5 days',
            source: 'seed 000 SLAC "Logistics"',
            evidence: 'confirmed',
            interpretation: '"5 days" read as working days, as for the draft.',
          },
          {
            id: 'publication',
            label: 'Report published on the Ofsted website',
            after: 'fieldwork-end',
            offset: { workingDays: 20 },
            rule: 'A final report will be published on the Ofsted website within 20 days, regardless of complaints or appeals',
            source: 'seed 000 SLAC "Publication of results"',
            evidence: 'confirmed',
            interpretation:
              'Counted from the end of fieldwork in working days, as the unannounced-inspection letter is (seed 001 §43).',
          },
          {
            id: 'complaints-close',
            label: 'Last day to complain',
            after: 'publication',
            offset: { calendarDays: 30 },
            rule: 'Complaints can be lodged during the inspection or within 30 days of the date of publication',
            source: 'seed 000 SLAC "Inspecting the inspectors"; seed 001 §52 ("30 calendar days")',
            evidence: 'confirmed',
          },
        ],
      },
    },
  ],
  cycle: [
    {
      kind: 'at-least-every',
      months: 36,
      rule: 'Every local authority receives this inspection at least once every three years, potentially more often',
      source: 'seed 000 SLAC "Factors affecting timing of inspection"',
      evidence: 'confirmed',
    },
  ],
  triggers: [
    ["Inspection of children's homes, fostering and adoption and private fostering services"],
    ['Serious case reviews'],
    ['Unannounced inspections of contact and referral teams (serious concerns may trigger a full inspection)'],
    ['An inadequate score in the three-yearly inspection'],
  ].map(([label], index) => ({
    id: `trigger-${index + 1}`,
    label: label as string,
    source: seed('000', 'SLAC "Factors affecting timing of inspection"'),
  })),
  documents: [
    ...lists.map(([id, label]) => ({
      id,
      label,
      when: 'To be provided to inspectors, with personal data from ICS',
      source: METHODS,
    })),
    ...documents.map(([id, label]) => ({ id, label, when: 'Kept up to date', source: DOCUMENTATION })),
  ],
  externalData: [
    'The Ofsted performance profile',
    'Findings from other relevant Ofsted inspection and regulatory activity, including notifications',
    'Summary of judgements made in serious case review evaluations',
    "Ofsted's fostering and adoption datasets (completed by providers)",
    'Views of service users, social care staff and third sector organisations gathered through new questionnaires',
    'Summary of substantiated complaints to Ofsted about the council and its partners relating to safeguarding and looked after children',
    'Local Area Agreements',
  ].map((label, index) => ({ id: `external-${index + 1}`, label, source: DOCUMENTATION })),
  interviews: [
    {
      id: 'safeguarding',
      label: 'Safeguarding interviews',
      source: interviewSource,
      people: [
        "Chair and members of the Local Safeguarding Children Board and Children's Trust Board",
        'Children, young people, their parents or carers receiving children in need services',
        'Any existing groups of users',
        'Lead manager(s) for safeguarding and the common assessment framework',
        'Managers responsible for commissioning, planning and monitoring services',
        "Director of Children's Services, Lead Member (and where appropriate support members) and Chief Executive",
        'Managers of the Primary Care Trust and police responsible for reviewing points of referral, risk assessment, decision-making and multi-agency working',
        'Managers of the accident and emergency department of the local hospitals',
        'Strategic group responsible for tackling domestic violence',
        'Focus group of designated headteachers, teachers and support teachers',
        'Focus group of independent reviewing officers',
        'Focus group of social workers involved in safeguarding and protecting children',
        'Focus group of social work team managers for child protection and children in need',
        'Multi-agency staff focus group for early intervention and prevention',
        'Health focus group for safeguarding, including GPs and designated health professionals',
        'Focus group of staff responsible for the education of young people excluded from education or educated other than at school',
        'Representatives from the community and voluntary sectors',
        'Manager/staff of the independent advocacy service',
      ],
    },
    {
      id: 'looked-after-children',
      label: 'Looked after children interviews',
      source: interviewSource,
      people: [
        'Representatives of the Corporate Parenting Board',
        'Looked after children',
        'Care leavers',
        'Heads of service and lead manager(s) for looked after children, including for educational achievement',
        'Managers responsible for commissioning, planning and monitoring placements',
        "Director of Children's Services, Lead Member for looked after children and Chief Executive",
        'Lead officers for attainment and attendance, including the virtual headteacher',
        'Lead officers for the physical and mental health of looked after children, including a designated doctor and nurse',
        'Focus group of designated teachers and support teachers',
        'Focus group of independent reviewing officers',
        'Focus group of managers responsible for corporate parenting',
        'Focus group of parents (for example of children in the case-tracking sample)',
        'Multi-agency staff group for looked after children and care leavers involved in the sampled cases',
        'Focus group of social work team managers',
        'Manager/staff of the independent advocacy service',
        'Representatives from the community and voluntary sectors',
        "A social care or multi-agency looked after children's team, including support for children on the edge of care",
        'Staff at the care leaving service',
        'A targeted service for looked after children',
      ],
    },
  ],
  sampling: [
    {
      id: 'case-files',
      label: 'Case files',
      description:
        'Inspectors select files before fieldwork; the LA audits them for inspectors at the start of fieldwork and the key worker helps analyse them. Inspectors select 12 more at the start of fieldwork; the LA ensures a good balance of cases. Inspectors also consider the LA’s own audits.',
      strata: [
        {
          id: 'safeguarding-before-fieldwork',
          label: 'Safeguarding files',
          count: 4,
          when: 'Selected before fieldwork (at least)',
        },
        {
          id: 'lac-before-fieldwork',
          label: 'Looked after children files',
          count: 4,
          when: 'Selected before fieldwork (at least)',
        },
        { id: 'start-of-fieldwork', label: 'Further files', count: 12, when: 'Selected at the start of fieldwork' },
      ],
      source: METHODS,
    },
  ],
  notes: [
    {
      text: 'Ofsted’s published data records SLAC "adequate" results as "Requires improvement to be good"; the cross-walk maps adequate to requires improvement and keeps the original label.',
      source: reference('ODS-2023', 'frameworks.md §2.2', 'derived'),
    },
    {
      text: 'Local authorities receive invitations and passwords for the surveys of looked after children and service users at the start of fieldwork; any immediate risks to children are raised with the DCS at once.',
      source: LOGISTICS,
    },
  ],
}
