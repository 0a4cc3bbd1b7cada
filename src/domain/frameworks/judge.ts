import { evaluate, type RangeLookup } from './conditions.js'
import { allowedByEffect, intersect, sameRange } from './effects.js'
import { fullRange, gradeAt, modelOf, positionOf, scaleFor, type FrameworkModel, type GradeRange } from './model.js'
import { formatSource } from './sources.js'
import type { Framework, Rule, Source } from './types.js'

/** Judgement id → grade id. */
export type GradeInputs = Readonly<Record<string, string>>

export interface JudgeOptions {
  /**
   * 'warn' (default): empirical patterns only produce warnings. 'constrain': those that held in every
   * published case also narrow ranges — useful to project a self-evaluation, never to state Ofsted's rules.
   */
  empirical?: 'warn' | 'constrain'
}

export interface JudgementOutcome {
  label: string
  /** Set when the range has narrowed to one grade. */
  grade: string | null
  /** The worst grade still possible. */
  min: string
  /** The best grade still possible. */
  max: string
  given: boolean
  /** 'input' when given; otherwise the ids of the rules that narrowed the range. */
  determinedBy: string[]
}

export interface RangeLabel {
  min: string
  max: string
}

export interface Firing {
  rule: string
  text: string
  kind: Rule['kind']
  certainty: Rule['certainty']
  source: string
  sourceDetail: Source
  target: string
  /** 'narrowed': changed the target's range; 'consistent': held without changing anything; 'no-effect': says what does not follow. */
  outcome: 'narrowed' | 'consistent' | 'no-effect'
  /**
   * 'forward' when the rule's condition held and it limited its target; 'backward' when a grade was
   * ruled out because choosing it would break the rule ("overall effectiveness is given as good, so
   * help and protection cannot be inadequate"). `target` is then the judgement ruled on.
   */
  reasoning: 'forward' | 'backward'
  from?: RangeLabel
  to?: RangeLabel
}

export interface Warning {
  rule: string
  kind: 'empirical' | 'may' | 'against-likely-rule'
  message: string
  source: string
  hitRate?: Rule['hitRate']
}

/** A given grade that a rule marked 'always' forbids. */
export interface Conflict {
  rule: string
  target: string
  message: string
  source: string
}

export interface JudgeResult {
  framework: string
  version: string
  inputs: GradeInputs
  judgements: Record<string, JudgementOutcome>
  firings: Firing[]
  warnings: Warning[]
  conflicts: Conflict[]
}

function rangeLabel(model: FrameworkModel, judgementId: string, range: GradeRange): RangeLabel {
  return { min: gradeAt(model, judgementId, range.worst).id, max: gradeAt(model, judgementId, range.best).id }
}

function describeRange(model: FrameworkModel, judgementId: string, range: GradeRange): string {
  const best = gradeAt(model, judgementId, range.best).label.toLowerCase()
  const worst = gradeAt(model, judgementId, range.worst).label.toLowerCase()
  return best === worst ? best : `between ${best} and ${worst}`
}

function narrows(rule: Rule, mode: NonNullable<JudgeOptions['empirical']>): boolean {
  if (rule.effect.type === 'no-effect' || rule.certainty === 'may') return false
  if (rule.kind === 'normative') return true
  return mode === 'constrain' && rule.certainty === 'always'
}

function hitRateText(rule: Rule): string {
  return rule.hitRate ? ` (${rule.hitRate.agreed} of ${rule.hitRate.applied} ${rule.hitRate.population})` : ''
}

function validateInputs(model: FrameworkModel, inputs: GradeInputs): Map<string, GradeRange> {
  const ranges = new Map<string, GradeRange>()
  for (const id of model.scaleOf.keys()) ranges.set(id, fullRange(model, id))
  for (const [judgementId, gradeId] of Object.entries(inputs)) {
    scaleFor(model, judgementId)
    const position = positionOf(model, judgementId, gradeId)
    ranges.set(judgementId, { best: position, worst: position })
  }
  return ranges
}

interface Breach {
  rule: Rule
  target: string
  allowed: GradeRange
}

interface State {
  ranges: Map<string, GradeRange>
  firings: Map<string, Firing>
  narrowedBy: Map<string, Set<string>>
  breaches: Breach[]
}

function baseFiring(rule: Rule): Omit<Firing, 'outcome' | 'reasoning'> {
  return {
    rule: rule.id,
    text: rule.text,
    kind: rule.kind,
    certainty: rule.certainty,
    source: formatSource(rule.source),
    sourceDetail: rule.source,
    target: rule.effect.target,
  }
}

/**
 * Forward reasoning: applies every constraining rule whose condition certainly holds, until nothing
 * changes. Ranges only ever narrow and are finite, so this reaches a fixed point. A rule that would
 * narrow a fixed (given) judgement, or empty a range, is recorded as a breach and not applied.
 */
function propagate(model: FrameworkModel, rules: readonly Rule[], state: State, fixed: ReadonlySet<string>): State {
  const ranges = new Map(state.ranges)
  const firings = new Map(state.firings)
  const narrowedBy = new Map([...state.narrowedBy].map(([id, set]) => [id, new Set(set)]))
  const breaches: Breach[] = []
  const rangeOf: RangeLookup = id => ranges.get(id) ?? fullRange(model, id)
  let changed = true
  while (changed) {
    changed = false
    for (const rule of rules) {
      if (rule.when && evaluate(model, rule.when, rangeOf) !== 'true') continue
      const target = rule.effect.target
      const allowed = allowedByEffect(model, rule.effect, rangeOf)
      if (!allowed) continue
      const current = rangeOf(target)
      const next = intersect(current, allowed)
      if (!next || (fixed.has(target) && !sameRange(next, current))) {
        if (!breaches.some(b => b.rule.id === rule.id)) breaches.push({ rule, target, allowed })
        continue
      }
      const existing = firings.get(rule.id)
      if (sameRange(next, current)) {
        if (!existing) firings.set(rule.id, { ...baseFiring(rule), outcome: 'consistent', reasoning: 'forward' })
        continue
      }
      ranges.set(target, next)
      changed = true
      narrowedBy.set(target, (narrowedBy.get(target) ?? new Set()).add(rule.id))
      firings.set(rule.id, {
        ...baseFiring(rule),
        outcome: 'narrowed',
        reasoning: 'forward',
        from: existing?.from ?? rangeLabel(model, target, current),
        to: rangeLabel(model, target, next),
      })
    }
  }
  return { ranges, firings, narrowedBy, breaches }
}

/**
 * Backward reasoning: a grade is ruled out for an open judgement when choosing it would make a
 * constraining rule break (that did not already break on the given grades). Repeats with forward
 * reasoning until nothing changes.
 */
function prune(model: FrameworkModel, rules: readonly Rule[], start: State, given: ReadonlySet<string>): State {
  let state = start
  const alreadyBroken = new Set(start.breaches.map(b => b.rule.id))
  let changed = true
  while (changed) {
    changed = false
    for (const id of model.scaleOf.keys()) {
      if (given.has(id)) continue
      const range = state.ranges.get(id) ?? fullRange(model, id)
      if (range.best === range.worst) continue
      const survivors: number[] = []
      const culprits = new Set<string>()
      for (let position = range.best; position <= range.worst; position += 1) {
        const trial = new Map(state.ranges).set(id, { best: position, worst: position })
        const fixed = new Set(given).add(id)
        const result = propagate(model, rules, { ...state, ranges: trial }, fixed)
        const breach = result.breaches.find(b => !alreadyBroken.has(b.rule.id))
        if (breach) culprits.add(breach.rule.id)
        else survivors.push(position)
      }
      if (survivors.length === 0) continue
      const next = { best: Math.min(...survivors), worst: Math.max(...survivors) }
      if (sameRange(next, range)) continue
      const ranges = new Map(state.ranges).set(id, next)
      const narrowedBy = new Map(state.narrowedBy)
      const firings = new Map(state.firings)
      for (const ruleId of culprits) {
        narrowedBy.set(id, new Set(narrowedBy.get(id) ?? []).add(ruleId))
        const rule = rules.find(r => r.id === ruleId) as Rule
        firings.set(`${ruleId}@${id}`, {
          ...baseFiring(rule),
          target: id,
          outcome: 'narrowed',
          reasoning: 'backward',
          from: rangeLabel(model, id, range),
          to: rangeLabel(model, id, next),
        })
      }
      state = propagate(model, rules, { ranges, narrowedBy, firings, breaches: [] }, given)
      state = { ...state, breaches: state.breaches.filter(b => alreadyBroken.has(b.rule.id)) }
      changed = true
    }
  }
  return state
}

/**
 * Applies a framework's rules to some or all grades: every judgement the rules determine, the range
 * still open for the others (reasoning forward from conditions and backward from given grades), each
 * rule that fired (text, source, what it changed), warnings from empirical patterns and soft rules,
 * and conflicts where a given grade breaks a rule.
 */
export function judge(framework: Framework, inputs: GradeInputs, options: JudgeOptions = {}): JudgeResult {
  const mode = options.empirical ?? 'warn'
  const model = modelOf(framework)
  const given = new Set(Object.keys(inputs))
  const constraining = framework.rules.filter(rule => narrows(rule, mode))
  const initial: State = {
    ranges: validateInputs(model, inputs),
    firings: new Map(),
    narrowedBy: new Map(),
    breaches: [],
  }
  const forward = propagate(model, constraining, initial, given)
  const state = prune(model, constraining, forward, given)
  const { ranges, firings, narrowedBy } = state
  const rangeOf: RangeLookup = id => ranges.get(id) ?? fullRange(model, id)
  const warnings: Warning[] = []
  const conflicts: Conflict[] = []
  const reported = new Set<string>()

  const reportBreach = (rule: Rule, target: string, allowed: GradeRange) => {
    if (reported.has(rule.id)) return
    reported.add(rule.id)
    const label = model.judgements.get(target)?.label ?? target
    const message = `${label} is given as ${describeRange(model, target, rangeOf(target))}, but "${rule.text}" allows only ${describeRange(model, target, allowed)}.`
    if (rule.kind === 'normative' && rule.certainty === 'always') {
      conflicts.push({ rule: rule.id, target, message, source: formatSource(rule.source) })
    } else if (rule.kind === 'normative') {
      warnings.push({ rule: rule.id, kind: 'against-likely-rule', message, source: formatSource(rule.source) })
    } else {
      warnings.push({
        rule: rule.id,
        kind: 'empirical',
        message: `Unusual: ${message} In Ofsted's published outcomes this held${hitRateText(rule)}.`,
        source: formatSource(rule.source),
        ...(rule.hitRate ? { hitRate: rule.hitRate } : {}),
      })
    }
  }
  for (const breach of forward.breaches) reportBreach(breach.rule, breach.target, breach.allowed)

  for (const rule of framework.rules) {
    if (narrows(rule, mode)) continue
    if (rule.when && evaluate(model, rule.when, rangeOf) !== 'true') continue
    const target = rule.effect.target
    if (rule.effect.type === 'no-effect') {
      firings.set(rule.id, { ...baseFiring(rule), outcome: 'no-effect', reasoning: 'forward' })
      continue
    }
    const allowed = allowedByEffect(model, rule.effect, rangeOf)
    if (!allowed) continue
    const current = rangeOf(target)
    const next = intersect(current, allowed)
    const label = model.judgements.get(target)?.label ?? target
    if (rule.certainty === 'may' && rule.kind === 'normative') {
      warnings.push({
        rule: rule.id,
        kind: 'may',
        message: `${rule.text} ${label} may be ${describeRange(model, target, allowed)}.`,
        source: formatSource(rule.source),
      })
      continue
    }
    if (!next || (given.has(target) && !sameRange(next, current))) {
      reportBreach(rule, target, allowed)
    } else if (!sameRange(next, current)) {
      warnings.push({
        rule: rule.id,
        kind: 'empirical',
        message: `Empirical pattern, not Ofsted's rule: ${rule.text} In the published outcomes this held${hitRateText(rule)}; on that pattern ${label} would be ${describeRange(model, target, next)}.`,
        source: formatSource(rule.source),
        ...(rule.hitRate ? { hitRate: rule.hitRate } : {}),
      })
    }
  }

  const judgements: Record<string, JudgementOutcome> = {}
  for (const [id, judgement] of model.judgements) {
    if (!model.scaleOf.has(id)) continue
    const range = rangeOf(id)
    const labels = rangeLabel(model, id, range)
    judgements[id] = {
      label: judgement.label,
      grade: range.best === range.worst ? labels.max : null,
      ...labels,
      given: given.has(id),
      determinedBy: given.has(id) ? ['input'] : [...(narrowedBy.get(id) ?? [])],
    }
  }

  return {
    framework: framework.id,
    version: framework.version,
    inputs: { ...inputs },
    judgements,
    firings: [...firings.values()],
    warnings,
    conflicts,
  }
}
