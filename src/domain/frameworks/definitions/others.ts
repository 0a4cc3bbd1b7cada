import { reference, seed } from '../sources.js'
import type { Framework } from '../types.js'

const SCHOOLS = seed('002', '§5.8–5.11')

/** Inspection of local authority arrangements for supporting school improvement, June 2013 (seed 002). */
export const LA_SCHOOL_IMPROVEMENT_2013: Framework = {
  id: 'la-school-improvement-2013',
  label: 'Inspection of local authority arrangements for supporting school improvement',
  version: '2013',
  inForce: { from: '2013-06-01' },
  status: 'historical',
  summary:
    'Not universal: inspections happen when Ofsted has concerns about an authority’s performance or the Secretary of State asks. Strengths and weaknesses lead to a summary judgement.',
  sources: [SCHOOLS],
  scales: [],
  judgements: [
    {
      id: 'summary-judgement',
      label: 'Summary judgement on the effectiveness of support for school improvement',
      kind: 'overall',
      description:
        'The seed gives no grade scale: assessments of strengths and weaknesses arrive at a summary judgement. Not encoded as graded.',
      source: seed('002', '§5.10'),
    },
  ],
  rules: [],
  evaluationAreas: [
    'The effectiveness of corporate and strategic leadership of school improvement',
    "The clarity and transparency of policy and strategy for supporting schools' and other providers' improvement, and how clearly the authority has defined its monitoring, challenge, support and intervention roles",
    'How well the authority knows schools and other providers, their performance and standards, and how effectively support is focused on areas of greatest need',
    "The effectiveness of the authority's identification of, and intervention in, underperforming schools, including the use of formal powers",
    'The impact of support and challenge over time and the rate at which schools and other providers are improving',
    'The extent to which the authority brokers support for schools and other providers',
    'The effectiveness of strategies to support highly effective leadership and management in schools and other providers',
    'Support and challenge for school governance, where applicable',
    'How the authority uses available funding to effect improvement, focused on areas of greatest need',
  ].map((label, index) => ({ id: `area-${index + 1}`, label, source: seed('002', '§5.10') })),
  triggers: [
    {
      id: 'performance-concerns',
      label:
        'Ofsted has concerns: school judgements below national averages, attainment below national standards, weak improvement trends',
      source: seed('002', '§5.10'),
    },
    { id: 'secretary-of-state', label: 'The Secretary of State requests an inspection', source: seed('002', '§5.10') },
  ],
  inspectionTypes: [
    {
      id: 'inspection',
      label: 'Inspection',
      graded: false,
      onSite: 'Usually no longer than five working days',
      notice: 'Five working days',
      source: SCHOOLS,
      timeline: {
        milestones: [
          {
            id: 'notification',
            label: 'Notification of the inspection',
            rule: 'There are five working days notice of an inspection',
            source: 'seed 002 §5.10',
            evidence: 'confirmed',
          },
          {
            id: 'fieldwork-start',
            label: 'Inspection starts',
            after: 'notification',
            offset: { workingDays: 5 },
            rule: 'There are five working days notice of an inspection',
            source: 'seed 002 §5.10',
            evidence: 'confirmed',
          },
          {
            id: 'fieldwork-end',
            label: 'Inspection ends (at the latest)',
            after: 'fieldwork-start',
            offset: { workingDays: 4 },
            rule: 'The inspection will usually not last any longer than five working days',
            source: 'seed 002 §5.10',
            evidence: 'confirmed',
          },
        ],
      },
    },
  ],
  questions: [
    {
      id: 'self-assessment',
      label: 'Preparation seen in practice',
      items: ['A self-assessment against all the evaluation criteria, with a supporting evidence log'],
      source: seed('002', '§1.4, §5.11'),
    },
  ],
}

const AGENCIES = seed('002', '§1.3, §7.1')

/**
 * Inspections of local authority fostering and adoption agencies under the April 2012 frameworks,
 * on a three-year cycle (seed 002). The seed gives no grade scale, so only the cycle is encoded:
 * its point is overdue detection ("considerably past the three-year statutory inspection timescale").
 */
export const AGENCY_INSPECTIONS_2012: Framework = {
  id: 'agency-inspections-2012',
  label: 'Inspections of local authority fostering and adoption agencies',
  version: '2012',
  inForce: { from: '2012-04-01', to: '2013-10-31' },
  status: 'historical',
  summary:
    'Fostering and adoption agencies are inspected separately on a three-year cycle until the single inspection framework brings them into one inspection (November 2013).',
  sources: [AGENCIES],
  scales: [],
  judgements: [],
  rules: [],
  inspectionTypes: [
    { id: 'fostering', label: 'Fostering agency inspection', graded: true, source: AGENCIES },
    { id: 'adoption', label: 'Adoption agency inspection', graded: true, source: AGENCIES },
  ],
  cycle: [
    {
      kind: 'at-least-every',
      months: 36,
      rule: 'Inspections are completed on a three-year cycle (Derby’s 2009 adoption inspection was overdue by 2013)',
      source: 'seed 002 §1.3, §7.1',
      evidence: 'confirmed',
    },
  ],
  notes: [
    {
      text: 'Preparation seen in practice: a voluntary diagnostic assessment of the adoption service (June 2013), with recommendations and no formal judgement.',
      source: seed('002', '§1.3, §6.1'),
    },
  ],
}

const JTAI_SOURCE = reference('JTAI-COLL', 'frameworks.md §4.3', 'confirmed')

/** Joint targeted area inspections (Ofsted with CQC, HMICFRS and sometimes HMI Probation). */
export const JTAI: Framework = {
  id: 'jtai',
  label: 'Joint targeted area inspection (JTAI)',
  version: 'current',
  inForce: { from: '2016-01-01' },
  status: 'in-use',
  summary:
    'A multi-agency inspection of one theme in an area (for example the front door, or children living with domestic abuse), by Ofsted, CQC, HMICFRS and sometimes HMI Probation. Ungraded: the output is a letter.',
  statutoryBasis: 'Section 20 of the Children Act 2004',
  sources: [JTAI_SOURCE, reference('JTAI-FD', 'frameworks.md §1, §4.3', 'confirmed')],
  scales: [],
  judgements: [],
  rules: [],
  inspectionTypes: [
    {
      id: 'inspection',
      label: 'Joint targeted area inspection',
      graded: false,
      notice: '10 working days before fieldwork',
      output: 'A letter to the area, without grades',
      source: JTAI_SOURCE,
      timeline: {
        milestones: [
          {
            id: 'notification',
            label: 'Notification to the area',
            rule: 'Notification is given 10 working days before fieldwork',
            source: 'JTAI-COLL (frameworks.md §4.3)',
            evidence: 'confirmed',
          },
          {
            id: 'fieldwork-start',
            label: 'Fieldwork starts',
            after: 'notification',
            offset: { workingDays: 10 },
            rule: 'Notification changed to 10 working days before fieldwork',
            source: 'JTAI-COLL (frameworks.md §4.3)',
            evidence: 'confirmed',
          },
        ],
      },
    },
  ],
  notes: [
    {
      text: 'Themes include the front door (identification of initial need and risk) and domestic abuse. On-site length and the letter timeline were not retrieved.',
      source: reference('JTAI-DA', 'frameworks.md §4.3', 'confirmed'),
    },
  ],
}
