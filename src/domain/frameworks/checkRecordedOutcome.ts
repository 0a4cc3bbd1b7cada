import { evaluate } from './conditions.js'
import { allowedByEffect } from './effects.js'
import {
  conditionJudgements,
  effectSources,
  modelOf,
  positionOf,
  type FrameworkModel,
  type GradeRange,
} from './model.js'
import { formatSource } from './sources.js'
import type { GradeInputs } from './judge.js'
import type { Framework, Rule } from './types.js'

export interface RuleCheck {
  rule: string
  kind: Rule['kind']
  certainty: Rule['certainty']
  text: string
  source: string
  /** 'not-assessable' when a grade the rule reads is missing from the record. */
  status: 'not-applicable' | 'agrees' | 'disagrees' | 'not-assessable'
  /** How much a disagreement matters: a broken 'always' normative rule is an error. */
  severity: 'error' | 'warning' | 'unusual' | 'none'
}

export interface RecordedOutcomeCheck {
  framework: string
  /** False when a normative rule marked 'always' is broken. */
  consistent: boolean
  checks: RuleCheck[]
}

function checkRule(model: FrameworkModel, rule: Rule, grades: GradeInputs): RuleCheck['status'] {
  const needed = [
    rule.effect.target,
    ...effectSources(rule.effect),
    ...(rule.when ? conditionJudgements(rule.when) : []),
  ]
  if (needed.some(id => grades[id] === undefined)) return 'not-assessable'
  const rangeOf = (id: string): GradeRange => {
    const position = positionOf(model, id, grades[id] as string)
    return { best: position, worst: position }
  }
  if (rule.when && evaluate(model, rule.when, rangeOf) !== 'true') return 'not-applicable'
  const allowed = allowedByEffect(model, rule.effect, rangeOf)
  if (!allowed) return 'not-applicable'
  const actual = rangeOf(rule.effect.target).best
  return actual >= allowed.best && actual <= allowed.worst ? 'agrees' : 'disagrees'
}

function severityOf(rule: Rule): RuleCheck['severity'] {
  if (rule.kind === 'empirical') return 'unusual'
  if (rule.certainty === 'always') return 'error'
  return rule.certainty === 'likely' ? 'warning' : 'none'
}

/** Checks a complete (or partial) recorded set of grades against every rule of the framework. */
export function checkRecordedOutcome(framework: Framework, grades: GradeInputs): RecordedOutcomeCheck {
  const model = modelOf(framework)
  for (const [id, grade] of Object.entries(grades)) positionOf(model, id, grade)
  const checks = framework.rules
    .filter(rule => rule.effect.type !== 'no-effect')
    .map((rule): RuleCheck => {
      const status = checkRule(model, rule, grades)
      return {
        rule: rule.id,
        kind: rule.kind,
        certainty: rule.certainty,
        text: rule.text,
        source: formatSource(rule.source),
        status,
        severity: status === 'disagrees' ? severityOf(rule) : 'none',
      }
    })
  return { framework: framework.id, consistent: !checks.some(check => check.severity === 'error'), checks }
}

export interface RuleReplay {
  rule: string
  kind: Rule['kind']
  text: string
  /** Records where the rule's condition held (and every grade it reads was present). */
  applied: number
  agreed: number
  /** The hit-rate the framework data quotes, to compare with. */
  quoted?: Rule['hitRate']
}

/** Replays published outcomes through the rules: per rule, how many records it applied to and how many agreed. */
export function replayOutcomes(framework: Framework, records: readonly GradeInputs[]): RuleReplay[] {
  const totals = new Map<string, { applied: number; agreed: number }>()
  for (const record of records) {
    for (const check of checkRecordedOutcome(framework, record).checks) {
      const total = totals.get(check.rule) ?? { applied: 0, agreed: 0 }
      if (check.status === 'agrees' || check.status === 'disagrees') total.applied += 1
      if (check.status === 'agrees') total.agreed += 1
      totals.set(check.rule, total)
    }
  }
  return framework.rules
    .filter(rule => rule.effect.type !== 'no-effect')
    .map(rule => ({
      rule: rule.id,
      kind: rule.kind,
      text: rule.text,
      ...(totals.get(rule.id) ?? { applied: 0, agreed: 0 }),
      ...(rule.hitRate ? { quoted: rule.hitRate } : {}),
    }))
}
