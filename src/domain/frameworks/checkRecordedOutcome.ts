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

type RecordedGrades = (id: string) => GradeRange

/** The record's grades as exact ranges, or undefined when a grade the rule reads is missing. */
function recordedGrades(model: FrameworkModel, rule: Rule, grades: GradeInputs): RecordedGrades | undefined {
  const needed = [
    rule.effect.target,
    ...effectSources(rule.effect),
    ...(rule.when ? conditionJudgements(rule.when) : []),
  ]
  if (needed.some(id => grades[id] === undefined)) return undefined
  return (id: string): GradeRange => {
    const position = positionOf(model, id, grades[id] as string)
    return { best: position, worst: position }
  }
}

/** Whether the target's recorded grade lies inside what the rule's effect allows; undefined when it allows anything. */
function targetWithinEffect(model: FrameworkModel, rule: Rule, rangeOf: RecordedGrades): boolean | undefined {
  const allowed = allowedByEffect(model, rule.effect, rangeOf)
  if (!allowed) return undefined
  const actual = rangeOf(rule.effect.target).best
  return actual >= allowed.best && actual <= allowed.worst
}

function checkRule(model: FrameworkModel, rule: Rule, grades: GradeInputs): RuleCheck['status'] {
  const rangeOf = recordedGrades(model, rule, grades)
  if (!rangeOf) return 'not-assessable'
  if (rule.when && evaluate(model, rule.when, rangeOf) !== 'true') return 'not-applicable'
  const within = targetWithinEffect(model, rule, rangeOf)
  if (within === undefined) return 'not-applicable'
  return within ? 'agrees' : 'disagrees'
}

/**
 * The rule read from its conclusion, as the quoted figure was counted: it applies to records whose target lies
 * outside what the effect allows, and agrees when the condition does not hold there. Disagreements are the same
 * records as when read forwards; only the population differs.
 */
function checkRuleBackwards(model: FrameworkModel, rule: Rule, grades: GradeInputs): RuleCheck['status'] {
  const rangeOf = recordedGrades(model, rule, grades)
  if (!rangeOf) return 'not-assessable'
  if (targetWithinEffect(model, rule, rangeOf) !== false) return 'not-applicable'
  const conditionHolds = !rule.when || evaluate(model, rule.when, rangeOf) === 'true'
  return conditionHolds ? 'disagrees' : 'agrees'
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
  /** How applied and agreed were counted: from the condition (forwards) or from the conclusion, as quoted. */
  read: 'forwards' | 'backwards'
}

/** Replays published outcomes through the rules: per rule, how many records it applied to and how many agreed. */
export function replayOutcomes(framework: Framework, records: readonly GradeInputs[]): RuleReplay[] {
  const model = modelOf(framework)
  for (const record of records) for (const [id, grade] of Object.entries(record)) positionOf(model, id, grade)
  return framework.rules
    .filter(rule => rule.effect.type !== 'no-effect')
    .map(rule => {
      const read = rule.hitRate?.read ?? 'forwards'
      const check = read === 'backwards' ? checkRuleBackwards : checkRule
      let applied = 0
      let agreed = 0
      for (const record of records) {
        const status = check(model, rule, record)
        if (status === 'agrees' || status === 'disagrees') applied += 1
        if (status === 'agrees') agreed += 1
      }
      return {
        rule: rule.id,
        kind: rule.kind,
        text: rule.text,
        applied,
        agreed,
        read,
        ...(rule.hitRate ? { quoted: rule.hitRate } : {}),
      }
    })
}
