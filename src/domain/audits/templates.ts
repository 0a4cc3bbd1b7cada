import { getFramework } from '../frameworks/index.js'

/** Grade scales, best first. The four-point scale is Ofsted's; yes / partly / no is for single practice checks. */
export const AUDIT_SCALES = {
  'ofsted-4': [
    { id: 'outstanding', label: 'Outstanding' },
    { id: 'good', label: 'Good' },
    { id: 'requires-improvement', label: 'Requires improvement' },
    { id: 'inadequate', label: 'Inadequate' },
  ],
  'yes-partly-no': [
    { id: 'yes', label: 'Yes' },
    { id: 'partly', label: 'Partly' },
    { id: 'no', label: 'No' },
  ],
} as const

export type ScaleId = keyof typeof AUDIT_SCALES
export type OverallGrade = (typeof AUDIT_SCALES)['ofsted-4'][number]['id']
export const OVERALL_GRADES: readonly OverallGrade[] = AUDIT_SCALES['ofsted-4'].map(grade => grade.id)

export interface AuditQuestion {
  readonly id: string
  readonly label: string
  readonly scale: ScaleId
  readonly guidance?: string
}

export interface AuditSection {
  readonly id: string
  readonly label: string
  readonly questions: readonly AuditQuestion[]
}

export interface AuditTemplate {
  readonly id: string
  readonly version: number
  readonly label: string
  readonly source: string
  readonly sections: readonly AuditSection[]
}

const question = (id: string, label: string, guidance: string, scale: ScaleId = 'ofsted-4'): AuditQuestion => ({
  id,
  label,
  scale,
  guidance,
})

/**
 * The child's-journey case audit: "the experience and journey of the child, family, carer and the effectiveness of
 * help and protection" (seed 003 §8), with the practice themes inspectors look for (seed 004 §3.3, §3.7, §3.10).
 */
export const CHILDS_JOURNEY_AUDIT: AuditTemplate = {
  id: 'childs-journey',
  version: 1,
  label: 'Child’s journey case audit',
  source: 'seed 003 §8; seed 004 §3.3, §3.7, §3.10',
  sections: [
    {
      id: 'help-and-protection',
      label: 'Help and protection',
      questions: [
        question(
          'front-door',
          'Contact and referral',
          'Was the response at the front door timely and were thresholds applied well?',
        ),
        question('risk', 'Risk management', 'Is risk identified and managed, with timely, decisive action?'),
        question(
          'multi-agency',
          'Multi-agency working',
          'Do partners share information and act together for the child?',
        ),
      ],
    },
    {
      id: 'assessment-and-planning',
      label: 'Assessment and planning',
      questions: [
        question(
          'assessment',
          'Quality of assessment',
          'Is the assessment analytical, with conclusions that follow from it?',
        ),
        question('plan', 'Quality of the plan', 'Is the plan focused, measurable and timely, and free of drift?'),
        question('permanence', 'Permanence', 'For children in care: is permanence planned from the start?'),
      ],
    },
    {
      id: 'child-and-family',
      label: 'The child and family',
      questions: [
        question(
          'voice',
          'Voice of the child',
          'Are the child’s views and experiences evident in recording and planning?',
        ),
        question(
          'seen',
          'Child seen, and seen alone',
          'Was the child seen, and seen alone where appropriate?',
          'yes-partly-no',
        ),
        question('family', 'Family involvement', 'Are parents and carers involved in assessment and planning?'),
      ],
    },
    {
      id: 'management',
      label: 'Management oversight',
      questions: [
        question(
          'supervision',
          'Supervision and oversight',
          'Is there reflective supervision and recorded management oversight?',
        ),
        question('recording', 'Case recording', 'Is recording comprehensive and up to date?', 'yes-partly-no'),
      ],
    },
  ],
}

/** The unannounced inspection's 18 features of effective practice (seed 001, its Annex A), one question each. */
function effectivePracticeAudit(): AuditTemplate {
  const framework = getFramework('ucra-2009')
  const criteria = framework.judgements.flatMap(judgement => judgement.criteria ?? [])
  return {
    id: 'ucra-effective-practice',
    version: 1,
    label: 'Effective practice in contact, referral and assessment',
    source: 'seed 001 Annex A (framework 090026), "Guidance on effective practice"',
    sections: [
      {
        id: 'effective-practice',
        label: 'Features of effective practice',
        questions: criteria.map((criterion, index) => ({
          id: `criterion-${index + 1}`,
          label: criterion,
          scale: 'yes-partly-no' as const,
          guidance: 'Is this feature of effective practice evident in the case?',
        })),
      },
    ],
  }
}

export const AUDIT_TEMPLATES: readonly AuditTemplate[] = [CHILDS_JOURNEY_AUDIT, effectivePracticeAudit()]

export function findAuditTemplate(id: string): AuditTemplate | undefined {
  return AUDIT_TEMPLATES.find(template => template.id === id)
}

export function questionsOf(template: AuditTemplate): readonly AuditQuestion[] {
  return template.sections.flatMap(section => section.questions)
}

export function gradeIdsOf(scale: ScaleId): readonly string[] {
  return AUDIT_SCALES[scale].map(grade => grade.id)
}
