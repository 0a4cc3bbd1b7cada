import type { JudgeResult } from './judge.js'
import { modelOf } from './model.js'
import type { Framework } from './types.js'

export interface JudgementExplanation {
  judgement: string
  label: string
  sentences: string[]
}

function gradeLabel(framework: Framework, judgementId: string, gradeId: string): string {
  const model = modelOf(framework)
  const scale = model.scaleOf.get(judgementId)
  return (scale?.grades.find(grade => grade.id === gradeId)?.label ?? gradeId).toLowerCase()
}

/**
 * Plain-English reasons for each graded judgement in a result: "Overall effectiveness can be at best
 * requires improvement to be good, because …". Every reason names its rule and source.
 */
export function explain(framework: Framework, result: JudgeResult): JudgementExplanation[] {
  const model = modelOf(framework)
  const firingsByTarget = new Map<string, JudgeResult['firings']>()
  for (const firing of result.firings) {
    firingsByTarget.set(firing.target, [...(firingsByTarget.get(firing.target) ?? []), firing])
  }
  return Object.entries(result.judgements).map(([id, outcome]) => {
    const label = outcome.label
    const sentences: string[] = []
    const best = gradeLabel(framework, id, outcome.max)
    const worst = gradeLabel(framework, id, outcome.min)
    const scale = model.scaleOf.get(id)
    const rangeText = (range: { min: string; max: string }) => {
      if (range.min === range.max) return gradeLabel(framework, id, range.max)
      if (range.max === fullBest && range.min === fullWorst) return 'any grade'
      return `${gradeLabel(framework, id, range.max)} to ${gradeLabel(framework, id, range.min)}`
    }
    const fullBest = scale?.grades[0]?.id
    const fullWorst = scale?.grades[scale.grades.length - 1]?.id
    if (outcome.given) {
      sentences.push(`${label} is given as ${best}.`)
    } else if (outcome.grade !== null) {
      sentences.push(`${label} is ${best}.`)
    } else if (outcome.max === fullBest && outcome.min === fullWorst) {
      sentences.push(`${label} is not limited by the rules: any grade from ${best} to ${worst}.`)
    } else {
      const limits: string[] = []
      if (outcome.max !== fullBest) limits.push(`at best ${best}`)
      if (outcome.min !== fullWorst) limits.push(`at worst ${worst}`)
      sentences.push(`${label} can be ${limits.join(' and ')}.`)
    }
    for (const firing of firingsByTarget.get(id) ?? []) {
      if (firing.outcome === 'narrowed' && firing.from && firing.to && firing.reasoning === 'backward') {
        sentences.push(
          `Working back from the grades given, any other grade would break "${firing.text}" (${firing.kind} rule ${firing.rule}, ${firing.source}), so it went from ${rangeText(firing.from)} to ${rangeText(firing.to)}.`,
        )
      } else if (firing.outcome === 'narrowed' && firing.from && firing.to) {
        sentences.push(
          `Because "${firing.text}" (${firing.kind} rule ${firing.rule}, ${firing.source}), it went from ${rangeText(firing.from)} to ${rangeText(firing.to)}.`,
        )
      } else if (firing.outcome === 'no-effect') {
        sentences.push(
          `"${firing.text}" (${firing.rule}, ${firing.source}): it does not change ${label.toLowerCase()}.`,
        )
      } else if (firing.outcome === 'consistent') {
        sentences.push(`"${firing.text}" applies and holds (${firing.rule}, ${firing.source}).`)
      }
    }
    for (const conflict of result.conflicts.filter(c => c.target === id)) {
      sentences.push(`Conflict with ${conflict.rule} (${conflict.source}): ${conflict.message}`)
    }
    return { judgement: id, label, sentences }
  })
}
