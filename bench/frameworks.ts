/**
 * Frameworks benchmark: judge() calls per second over every graded framework, working-day arithmetic,
 * and check-history on Ofsted's real published-outcome files. Prints one JSON object.
 * Usage: npx tsx bench/frameworks.ts
 */
import { stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { addWorkingDays, countWorkingDays } from '../src/domain/calendar/index.js'
import { FRAMEWORKS, judge, type Framework } from '../src/domain/frameworks/index.js'
import { checkPublishedHistory } from '../src/services/frameworks/checkPublishedHistory.js'

const OFSTED = path.resolve('..', 'shared', 'data', 'ofsted')

function timeFor(seconds: number, work: () => void): { ops: number; opsPerSecond: number } {
  const until = performance.now() + seconds * 1000
  let ops = 0
  const start = performance.now()
  while (performance.now() < until) {
    for (let i = 0; i < 100; i += 1) work()
    ops += 100
  }
  return { ops, opsPerSecond: Math.round(ops / ((performance.now() - start) / 1000)) }
}

/** A deterministic spread of inputs: each graded judgement gets one grade in turn, or none. */
function inputsFor(framework: Framework, seed: number): Record<string, string> {
  const inputs: Record<string, string> = {}
  framework.judgements.forEach((judgement, index) => {
    const scale = framework.scales.find(candidate => candidate.id === judgement.scale)
    if (!scale) return
    const pick = (seed * 7 + index * 3) % (scale.grades.length + 1)
    if (pick < scale.grades.length) inputs[judgement.id] = scale.grades[pick]!.id
  })
  return inputs
}

const graded = FRAMEWORKS.filter(framework => framework.judgements.some(judgement => judgement.scale))
const cases = graded.flatMap(framework =>
  Array.from({ length: 20 }, (_, seed) => ({ framework, inputs: inputsFor(framework, seed) })),
)
let next = 0
const judging = timeFor(3, () => {
  const item = cases[next++ % cases.length]!
  judge(item.framework, item.inputs)
})

let day = 0
const dates = Array.from({ length: 365 * 20 }, (_, i) => new Date(Date.UTC(2005, 0, 1 + i)).toISOString().slice(0, 10))
const adding = timeFor(2, () => {
  addWorkingDays(dates[day++ % dates.length]!, 15)
})
const counting = timeFor(2, () => {
  const from = dates[day++ % dates.length]!
  countWorkingDays(from, dates[(day * 31) % dates.length]!)
})

const history = []
for (const file of [
  'LA_Inspection_Outcomes_as_at_31_March_2025.ods',
  'Childrens_social_care_in_England_2023_underlying_data.ods',
]) {
  const start = performance.now()
  const { size } = await stat(path.join(OFSTED, file))
  const report = await checkPublishedHistory(path.join(OFSTED, file))
  const seconds = (performance.now() - start) / 1000
  history.push({
    file,
    rowsRead: report.rowsRead,
    inspections: report.inspections,
    seconds: Number(seconds.toFixed(3)),
    rowsPerSecond: Math.round(report.rowsRead / seconds),
    // Rows/s understates the work on the 2023 file: every sheet's 40 MB of XML is parsed to reach one.
    zippedMegabytesPerSecond: Number((size / 1e6 / seconds).toFixed(2)),
  })
}

console.log(
  JSON.stringify(
    {
      benchmark: 'frameworks',
      node: process.version,
      cpus: os.availableParallelism(),
      judge: { frameworks: graded.map(f => f.id), ...judging },
      addWorkingDays: { span: 15, ...adding },
      countWorkingDays: counting,
      checkHistory: history,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    null,
    2,
  ),
)
