import type { RangeLookup } from './conditions.js'
import { positionOf, scaleFor, type FrameworkModel, type GradeRange } from './model.js'
import type { Effect } from './types.js'

/**
 * The range an effect allows for its target, given what is known of the other judgements, or
 * null for a 'no-effect' rule. Intersecting it with the target's range applies the rule.
 */
export function allowedByEffect(model: FrameworkModel, effect: Effect, rangeOf: RangeLookup): GradeRange | null {
  const last = scaleFor(model, effect.target).grades.length - 1
  switch (effect.type) {
    case 'cap':
      return { best: positionOf(model, effect.target, effect.grade), worst: last }
    case 'floor':
      return { best: 0, worst: positionOf(model, effect.target, effect.grade) }
    case 'no-better-than': {
      // The target can be no better than the worst of the sources could possibly be at best.
      const bound = Math.max(...effect.by.map(id => rangeOf(id).best)) + (effect.steps ?? 0)
      return { best: Math.min(bound, last), worst: last }
    }
    case 'within-range-of': {
      const ranges = effect.of.map(rangeOf)
      return { best: Math.min(...ranges.map(r => r.best)), worst: Math.max(...ranges.map(r => r.worst)) }
    }
    case 'equal-to':
      return { ...rangeOf(effect.by) }
    case 'no-effect':
      return null
  }
}

export function intersect(a: GradeRange, b: GradeRange): GradeRange | null {
  const best = Math.max(a.best, b.best)
  const worst = Math.min(a.worst, b.worst)
  return best <= worst ? { best, worst } : null
}

export function sameRange(a: GradeRange, b: GradeRange): boolean {
  return a.best === b.best && a.worst === b.worst
}
