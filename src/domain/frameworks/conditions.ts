import { positionOf, type FrameworkModel, type GradeRange } from './model.js'
import type { Condition } from './types.js'

/** Three-valued: a condition over ranges may be certainly true, certainly false, or not yet known. */
export type Truth = 'true' | 'false' | 'unknown'

export type RangeLookup = (judgementId: string) => GradeRange

function fromBounds(certainlyTrue: boolean, certainlyFalse: boolean): Truth {
  if (certainlyTrue) return 'true'
  if (certainlyFalse) return 'false'
  return 'unknown'
}

export function evaluate(model: FrameworkModel, condition: Condition, rangeOf: RangeLookup): Truth {
  if ('all' in condition) {
    const parts = condition.all.map(part => evaluate(model, part, rangeOf))
    return fromBounds(
      parts.every(p => p === 'true'),
      parts.some(p => p === 'false'),
    )
  }
  if ('any' in condition) {
    const parts = condition.any.map(part => evaluate(model, part, rangeOf))
    return fromBounds(
      parts.some(p => p === 'true'),
      parts.every(p => p === 'false'),
    )
  }
  if ('count' in condition) {
    const parts = condition.count.map(part => evaluate(model, part, rangeOf))
    const certain = parts.filter(p => p === 'true').length
    const possible = certain + parts.filter(p => p === 'unknown').length
    const min = condition.min ?? 0
    const max = condition.max ?? Number.POSITIVE_INFINITY
    return fromBounds(certain >= min && possible <= max, possible < min || certain > max)
  }
  const range = rangeOf(condition.judgement)
  if ('atOrBelow' in condition) {
    const at = positionOf(model, condition.judgement, condition.atOrBelow)
    return fromBounds(range.best >= at, range.worst < at)
  }
  if ('atOrAbove' in condition) {
    const at = positionOf(model, condition.judgement, condition.atOrAbove)
    return fromBounds(range.worst <= at, range.best > at)
  }
  const allowed = new Set(condition.is.map(grade => positionOf(model, condition.judgement, grade)))
  let inside = 0
  for (let position = range.best; position <= range.worst; position += 1) if (allowed.has(position)) inside += 1
  return fromBounds(inside === range.worst - range.best + 1, inside === 0)
}
