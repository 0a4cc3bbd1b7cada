import type { Condition, Effect, Framework, Grade, GradeScale, Judgement } from './types.js'

/**
 * A range of grades a judgement can still take, as positions in its scale (0 = best). `best` ≤ `worst`.
 * The engine works on positions so csa-2009's 4-is-best numbering never leaks into the logic.
 */
export interface GradeRange {
  best: number
  worst: number
}

export class FrameworkInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FrameworkInputError'
  }
}

/** The graded judgements of a framework with their scales, looked up once per call. */
export interface FrameworkModel {
  framework: Framework
  judgements: ReadonlyMap<string, Judgement>
  scales: ReadonlyMap<string, GradeScale>
  /** Graded judgements only. */
  scaleOf: ReadonlyMap<string, GradeScale>
}

export function modelOf(framework: Framework): FrameworkModel {
  const scales = new Map(framework.scales.map(scale => [scale.id, scale]))
  const judgements = new Map(framework.judgements.map(judgement => [judgement.id, judgement]))
  const scaleOf = new Map<string, GradeScale>()
  for (const judgement of framework.judgements) {
    if (judgement.scale === undefined) continue
    const scale = scales.get(judgement.scale)
    if (scale) scaleOf.set(judgement.id, scale)
  }
  return { framework, judgements, scales, scaleOf }
}

export function scaleFor(model: FrameworkModel, judgementId: string): GradeScale {
  const scale = model.scaleOf.get(judgementId)
  if (!scale) {
    const graded = [...model.scaleOf.keys()].join(', ') || '(none: this framework is not graded)'
    throw new FrameworkInputError(
      `'${judgementId}' is not a graded judgement of ${model.framework.id}; expected one of: ${graded}`,
    )
  }
  return scale
}

export function positionOf(model: FrameworkModel, judgementId: string, gradeId: string): number {
  const scale = scaleFor(model, judgementId)
  const position = scale.grades.findIndex(grade => grade.id === gradeId)
  if (position < 0) {
    throw new FrameworkInputError(
      `'${gradeId}' is not a grade for '${judgementId}'; expected one of: ${scale.grades.map(g => g.id).join(', ')}`,
    )
  }
  return position
}

export function gradeAt(model: FrameworkModel, judgementId: string, position: number): Grade {
  const grade = scaleFor(model, judgementId).grades[position]
  if (!grade) throw new RangeError(`No grade at position ${position} for '${judgementId}'`)
  return grade
}

export function fullRange(model: FrameworkModel, judgementId: string): GradeRange {
  return { best: 0, worst: scaleFor(model, judgementId).grades.length - 1 }
}

/** Judgement ids a condition reads. */
export function conditionJudgements(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionJudgements)
  if ('any' in condition) return condition.any.flatMap(conditionJudgements)
  if ('count' in condition) return condition.count.flatMap(conditionJudgements)
  return [condition.judgement]
}

/** Judgement ids an effect reads besides its target. */
export function effectSources(effect: Effect): string[] {
  switch (effect.type) {
    case 'no-better-than':
      return [...effect.by]
    case 'within-range-of':
      return [...effect.of]
    case 'equal-to':
      return [effect.by]
    default:
      return []
  }
}
