import { judge, type GradeInputs, type JudgeOptions, type JudgeResult, type JudgementOutcome } from './judge.js'
import { modelOf, positionOf } from './model.js'
import type { Framework } from './types.js'

export interface WhatIfChange {
  judgement: string
  before: Pick<JudgementOutcome, 'grade' | 'min' | 'max'>
  after: Pick<JudgementOutcome, 'grade' | 'min' | 'max'>
  sentence: string
}

export interface WhatIfResult {
  before: JudgeResult
  after: JudgeResult
  /** Judgements other than the changed inputs whose range moved. */
  changes: WhatIfChange[]
}

/**
 * Judges the inputs, then the inputs with `changes` applied, and says what moved:
 * "Raising help and protection to good lifts the cap on overall effectiveness to good."
 */
export function whatIf(
  framework: Framework,
  inputs: GradeInputs,
  changes: GradeInputs,
  options: JudgeOptions = {},
): WhatIfResult {
  const model = modelOf(framework)
  const before = judge(framework, inputs, options)
  const after = judge(framework, { ...inputs, ...changes }, options)
  const labelOf = (judgementId: string, gradeId: string) =>
    (model.scaleOf.get(judgementId)?.grades.find(g => g.id === gradeId)?.label ?? gradeId).toLowerCase()
  const verbFor = (judgementId: string, grade: string) => {
    const old = inputs[judgementId]
    if (old === undefined) return 'Setting'
    const diff = positionOf(model, judgementId, grade) - positionOf(model, judgementId, old)
    return diff < 0 ? 'Raising' : diff > 0 ? 'Lowering' : 'Keeping'
  }
  const cause = Object.entries(changes)
    .map(
      ([id, grade]) =>
        `${verbFor(id, grade)} ${model.judgements.get(id)?.label.toLowerCase() ?? id} to ${labelOf(id, grade)}`,
    )
    .join(' and ')

  const moved: WhatIfChange[] = []
  for (const [id, outcome] of Object.entries(after.judgements)) {
    if (id in changes) continue
    const previous = before.judgements[id]
    if (!previous || (previous.min === outcome.min && previous.max === outcome.max)) continue
    const label = outcome.label.toLowerCase()
    const parts: string[] = []
    if (outcome.grade !== null && previous.grade === null) {
      parts.push(`determines ${label} as ${labelOf(id, outcome.grade)}`)
    } else if (outcome.grade !== null && previous.grade !== null) {
      parts.push(`changes ${label} from ${labelOf(id, previous.grade)} to ${labelOf(id, outcome.grade)}`)
    } else {
      if (previous.max !== outcome.max) {
        const better = positionOf(model, id, outcome.max) < positionOf(model, id, previous.max)
        parts.push(`${better ? 'lifts' : 'lowers'} the cap on ${label} to ${labelOf(id, outcome.max)}`)
      }
      if (previous.min !== outcome.min) {
        const better = positionOf(model, id, outcome.min) < positionOf(model, id, previous.min)
        parts.push(`${better ? 'raises' : 'lowers'} the floor of ${label} to ${labelOf(id, outcome.min)}`)
      }
    }
    moved.push({
      judgement: id,
      before: { grade: previous.grade, min: previous.min, max: previous.max },
      after: { grade: outcome.grade, min: outcome.min, max: outcome.max },
      sentence: `${cause} ${parts.join(' and ')}.`,
    })
  }
  return { before, after, changes: moved }
}
