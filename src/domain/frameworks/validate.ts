import { conditionJudgements, effectSources, modelOf } from './model.js'
import { positionOf } from './model.js'
import type { Condition, Framework } from './types.js'

function gradesIn(condition: Condition): [string, string][] {
  if ('all' in condition) return condition.all.flatMap(gradesIn)
  if ('any' in condition) return condition.any.flatMap(gradesIn)
  if ('count' in condition) return condition.count.flatMap(gradesIn)
  if ('atOrBelow' in condition) return [[condition.judgement, condition.atOrBelow]]
  if ('atOrAbove' in condition) return [[condition.judgement, condition.atOrAbove]]
  return condition.is.map(grade => [condition.judgement, grade])
}

/**
 * Problems in a framework's data: unknown ids, rules over ungraded judgements, grades missing from a
 * scale, relations across different scales, rules without a source. Empty when the data is sound.
 */
export function validateFramework(framework: Framework): string[] {
  const problems: string[] = []
  const model = modelOf(framework)
  const ids = new Set<string>()
  for (const judgement of framework.judgements) {
    if (ids.has(judgement.id)) problems.push(`judgement '${judgement.id}' is defined twice`)
    ids.add(judgement.id)
    if (judgement.parent !== undefined && !model.judgements.has(judgement.parent)) {
      problems.push(`judgement '${judgement.id}' has unknown parent '${judgement.parent}'`)
    }
    if (judgement.scale !== undefined && !model.scales.has(judgement.scale)) {
      problems.push(`judgement '${judgement.id}' uses unknown scale '${judgement.scale}'`)
    }
  }
  const ruleIds = new Set<string>()
  for (const rule of framework.rules) {
    if (ruleIds.has(rule.id)) problems.push(`rule '${rule.id}' is defined twice`)
    ruleIds.add(rule.id)
    if (!rule.source.ref) problems.push(`rule '${rule.id}' has no source`)
    if (
      rule.kind === 'empirical' &&
      rule.hitRate &&
      rule.certainty === 'always' &&
      rule.hitRate.agreed !== rule.hitRate.applied
    ) {
      problems.push(
        `rule '${rule.id}' is marked 'always' but held in ${rule.hitRate.agreed} of ${rule.hitRate.applied}`,
      )
    }
    const read = [
      rule.effect.target,
      ...effectSources(rule.effect),
      ...(rule.when ? conditionJudgements(rule.when) : []),
    ]
    for (const id of read) {
      if (!model.scaleOf.has(id)) problems.push(`rule '${rule.id}' reads '${id}', which is not a graded judgement`)
    }
    const targetScale = model.scaleOf.get(rule.effect.target)?.id
    for (const id of effectSources(rule.effect)) {
      const scale = model.scaleOf.get(id)?.id
      if (scale && targetScale && scale !== targetScale) {
        problems.push(`rule '${rule.id}' relates '${rule.effect.target}' to '${id}' on a different scale`)
      }
    }
    const grades: [string, string][] = [
      ...(rule.when ? gradesIn(rule.when) : []),
      ...(rule.effect.type === 'cap' || rule.effect.type === 'floor'
        ? [[rule.effect.target, rule.effect.grade] as [string, string]]
        : []),
    ]
    for (const [judgement, grade] of grades) {
      if (!model.scaleOf.has(judgement)) continue
      try {
        positionOf(model, judgement, grade)
      } catch (error) {
        problems.push(`rule '${rule.id}': ${(error as Error).message}`)
      }
    }
  }
  for (const type of framework.inspectionTypes) {
    for (const milestone of type.timeline?.milestones ?? []) {
      if (milestone.after !== undefined && !type.timeline?.milestones.some(m => m.id === milestone.after)) {
        problems.push(`timeline '${type.id}': milestone '${milestone.id}' follows unknown '${milestone.after}'`)
      }
    }
  }
  for (const route of framework.routing ?? []) {
    if (!framework.inspectionTypes.some(type => type.id === route.nextType)) {
      problems.push(`routing names unknown inspection type '${route.nextType}'`)
    }
  }
  return problems
}
