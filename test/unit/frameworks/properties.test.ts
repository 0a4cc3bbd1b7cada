import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  checkRecordedOutcome,
  FRAMEWORKS,
  judge,
  type Framework,
  type GradeInputs,
  type JudgeOptions,
} from '../../../src/domain/frameworks/index.js'

const graded = FRAMEWORKS.filter(f => f.judgements.some(j => j.scale !== undefined))

function gradesOf(framework: Framework): Map<string, string[]> {
  const scales = new Map(framework.scales.map(s => [s.id, s.grades.map(g => g.id)]))
  return new Map(
    framework.judgements.filter(j => j.scale !== undefined).map(j => [j.id, scales.get(j.scale as string) ?? []]),
  )
}

/** Some or all grades, chosen at random. */
function inputsFor(framework: Framework): fc.Arbitrary<GradeInputs> {
  const entries = [...gradesOf(framework)].map(([id, grades]) =>
    fc.option(fc.constantFrom(...grades), { nil: undefined }).map(grade => [id, grade] as const),
  )
  return fc
    .tuple(...entries)
    .map(pairs => Object.fromEntries(pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined)))
}

const MODES: JudgeOptions[] = [{ empirical: 'warn' }, { empirical: 'constrain' }]

describe('judge (properties)', () => {
  for (const framework of graded) {
    const grades = gradesOf(framework)
    const position = (id: string, grade: string) => grades.get(id)?.indexOf(grade) ?? -1

    for (const options of MODES) {
      const mode = options.empirical
      const constraining = new Set(
        framework.rules
          .filter(r => r.effect.type !== 'no-effect' && r.certainty !== 'may')
          .filter(r => r.kind === 'normative' || (mode === 'constrain' && r.certainty === 'always'))
          .map(r => r.id),
      )
      // The "results": judgements the constraining rules derive. They are never given here: from a given
      // result, backward reasoning can rightly lower a sibling (overall given as inadequate, leaders
      // raised to outstanding: another judgement must be inadequate).
      const results = new Set(framework.rules.filter(r => constraining.has(r.id)).map(r => r.effect.target))

      it(`${framework.id} (${mode}): every result lies inside its range and keeps the given grades`, () => {
        fc.assert(
          fc.property(inputsFor(framework), inputs => {
            const result = judge(framework, inputs, options)
            for (const [id, outcome] of Object.entries(result.judgements)) {
              assert.ok(position(id, outcome.max) <= position(id, outcome.min), `${id} range is not empty`)
              assert.equal(outcome.grade !== null, outcome.max === outcome.min)
              if (outcome.grade !== null) assert.equal(outcome.grade, outcome.max)
              if (inputs[id] !== undefined) assert.equal(outcome.grade, inputs[id])
            }
          }),
          { numRuns: 60 },
        )
      })

      it(`${framework.id} (${mode}): improving one input never lowers the best possible result`, () => {
        const improvable = fc
          .tuple(inputsFor(framework), fc.constantFrom(...[...grades.keys()].filter(id => !results.has(id))), fc.nat())
          .map(([all, id, pick]) => {
            const inputs = Object.fromEntries(Object.entries(all).filter(([key]) => !results.has(key)))
            const scale = grades.get(id) ?? []
            const current = inputs[id] ?? scale[scale.length - 1] ?? ''
            const better = scale.slice(0, Math.max(0, position(id, current)))
            return { inputs: { ...inputs, [id]: current }, id, better: better[pick % Math.max(1, better.length)] }
          })
        fc.assert(
          fc.property(improvable, ({ inputs, id, better }) => {
            fc.pre(better !== undefined)
            const before = judge(framework, inputs, options)
            // Only from consistent grades: a broken rule is set aside, so mending it can rightly narrow ranges.
            fc.pre(before.conflicts.length === 0 && !before.warnings.some(w => constraining.has(w.rule)))
            const after = judge(framework, { ...inputs, [id]: better as string }, options)
            for (const [judgement, outcome] of Object.entries(after.judgements)) {
              if (judgement in inputs || !results.has(judgement)) continue
              const previous = before.judgements[judgement]
              assert.ok(
                position(judgement, outcome.max) <= position(judgement, previous?.max ?? ''),
                `${judgement}: best possible went from ${previous?.max} to ${outcome.max}`,
              )
            }
          }),
          { numRuns: 60 },
        )
      })
    }

    it(`${framework.id}: completing the grades one at a time inside the allowed ranges never breaks an 'always' rule`, () => {
      const plan = fc.tuple(
        inputsFor(framework),
        fc.array(fc.nat(), { minLength: grades.size, maxLength: grades.size }),
      )
      fc.assert(
        fc.property(plan, ([start, picks]) => {
          // Start from consistent inputs only: those without conflicts.
          fc.pre(judge(framework, start).conflicts.length === 0)
          const inputs: Record<string, string> = { ...start }
          let index = 0
          for (const id of grades.keys()) {
            if (inputs[id] !== undefined) continue
            const outcome = judge(framework, inputs).judgements[id]
            const scale = grades.get(id) ?? []
            const allowed = scale.slice(position(id, outcome?.max ?? ''), position(id, outcome?.min ?? '') + 1)
            inputs[id] = allowed[(picks[index++] ?? 0) % allowed.length] as string
          }
          const check = checkRecordedOutcome(framework, inputs)
          assert.ok(check.consistent, JSON.stringify(check.checks.filter(c => c.severity === 'error')))
        }),
        { numRuns: 40 },
      )
    })
  }
})
