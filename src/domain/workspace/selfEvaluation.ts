import { explain, judge, type Framework, type JudgementExplanation, type JudgeResult } from '../frameworks/index.js'

export const CRITERION_RATINGS = ['met', 'partly-met', 'not-met'] as const
export type CriterionRating = (typeof CRITERION_RATINGS)[number]

export const CRITERION_RATING_LABELS: Record<CriterionRating, string> = {
  met: 'Met',
  'partly-met': 'Partly met',
  'not-met': 'Not met',
}

export const SEF_STATUSES = ['draft', 'submitted', 'approved'] as const
export type SefStatus = (typeof SEF_STATUSES)[number]

/** "Good" is the benchmark the gap analysis measures against unless someone chooses otherwise (seed 003 §9). */
export const DEFAULT_TARGET_GRADE = 'good'

export interface SelfEvaluationArea {
  judgementId: string
  label: string
  scaleId: string
  /** The grades of this area's scale, best first, for the self-assessed grade question. */
  grades: { id: string; label: string }[]
}

/**
 * The judgement areas a self-evaluation answers the three questions for: every graded judgement of the
 * framework except the overall one, which the engine projects from the others.
 */
export function selfEvaluationAreas(framework: Framework): SelfEvaluationArea[] {
  return framework.judgements
    .filter(judgement => judgement.scale !== undefined && judgement.kind !== 'overall' && judgement.kind !== 'input')
    .map(judgement => {
      const scale = framework.scales.find(candidate => candidate.id === judgement.scale)
      return {
        judgementId: judgement.id,
        label: judgement.label,
        scaleId: judgement.scale!,
        grades: (scale?.grades ?? []).map(grade => ({ id: grade.id, label: grade.label })),
      }
    })
}

/** The framework's self-evaluation questions, or the ILACS three when a framework has none of its own. */
export function selfEvaluationQuestions(framework: Framework): readonly string[] {
  const own = framework.questions?.find(question => question.id === 'self-evaluation')
  return (
    own?.items ?? [
      'What do you know about the quality and impact of social work practice with children and families in your authority?',
      'How do you know it?',
      'What are your plans to maintain or improve practice?',
    ]
  )
}

export interface FrameworkCriterion {
  /** Stable within the framework: `<judgement id>#<index>`. */
  key: string
  judgementId: string
  text: string
}

/** Grade descriptors and evaluation criteria the framework data holds, per judgement. */
export function frameworkCriteria(framework: Framework): FrameworkCriterion[] {
  return framework.judgements.flatMap(judgement =>
    (judgement.criteria ?? []).map((text, index) => ({
      key: `${judgement.id}#${index}`,
      judgementId: judgement.id,
      text,
    })),
  )
}

export interface Projection {
  result: JudgeResult
  explanations: JudgementExplanation[]
  /** Areas without a self-assessed grade: the projection is a range until they are given. */
  ungraded: string[]
}

/**
 * The projected overall position: the judgement engine run on the self-assessed grades. Grades that are not
 * on the area's scale are left out (and named) rather than passed on for the engine to refuse.
 */
export function projectPosition(framework: Framework, grades: Readonly<Record<string, string | null>>): Projection {
  const areas = selfEvaluationAreas(framework)
  const inputs: Record<string, string> = {}
  const ungraded: string[] = []
  for (const area of areas) {
    const grade = grades[area.judgementId]
    if (grade && area.grades.some(candidate => candidate.id === grade)) inputs[area.judgementId] = grade
    else ungraded.push(area.judgementId)
  }
  // ILACS rules are all empirical; those that held in every published inspection narrow the projection.
  const result = judge(framework, inputs, { empirical: 'constrain' })
  return { result, explanations: explain(framework, result), ungraded }
}

export interface AssessedCriterion {
  criterionId: string
  judgementId: string
  text: string
  targetGrade: string
  rating: CriterionRating | null
  owner: string
}

export interface Gap<T extends AssessedCriterion = AssessedCriterion> {
  criterion: T
  /** 'not-assessed' counts as a gap: an unrated criterion is not evidence of anything. */
  severity: 'not-met' | 'partly-met' | 'not-assessed'
}

const SEVERITY_ORDER = { 'not-met': 0, 'partly-met': 1, 'not-assessed': 2 } as const

/** Criteria for the target grade that are not met, worst first, then in framework order. */
export function findGaps<T extends AssessedCriterion>(
  criteria: readonly T[],
  targetGrade = DEFAULT_TARGET_GRADE,
): Gap<T>[] {
  const gaps: { gap: Gap<T>; order: number }[] = []
  criteria.forEach((criterion, order) => {
    if (criterion.targetGrade !== targetGrade || criterion.rating === 'met') return
    gaps.push({ gap: { criterion, severity: criterion.rating ?? 'not-assessed' }, order })
  })
  return gaps
    .sort((a, b) => SEVERITY_ORDER[a.gap.severity] - SEVERITY_ORDER[b.gap.severity] || a.order - b.order)
    .map(({ gap }) => gap)
}

export interface GapPlanItem {
  ref: string
  issue: string
  action: string
  leadOfficer: string
  sourceReference: string
}

/** One click turns a gap into a plan item: the criterion becomes the issue, its owner the lead. */
export function planItemFromGap(gap: Gap, judgementLabel: string, nextRef: string): GapPlanItem {
  const rating = gap.severity === 'not-assessed' ? 'not yet assessed' : gap.severity.replace('-', ' ')
  return {
    ref: nextRef,
    issue: `${judgementLabel}: ${gap.criterion.text}`,
    action: `Close the gap against "${gap.criterion.text}" (${rating} for ${gap.criterion.targetGrade.replace(/-/g, ' ')})`,
    leadOfficer: gap.criterion.owner,
    sourceReference: `Gap analysis: ${gap.criterion.criterionId}`,
  }
}
