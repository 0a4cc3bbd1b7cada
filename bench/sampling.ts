/**
 * Sampling throughput: draws from a 100k-row synthetic population (fictional children), in memory.
 * Prints one JSON object. Run: npx tsx bench/sampling.ts
 */
import { drawSample, findSamplingPlan, type PopulationRow } from '../src/domain/sampling/index.js'
import { REFERENCE_DATE, syntheticPopulation } from '../test/unit/sampling/fixtures.js'

const TARGET_ROWS = 100_000

function population(): PopulationRow[] {
  // Size by rows per child in a small run; never trim, as rows come list by list and a cut would drop Lists 7–10.
  const probe = syntheticPopulation(2_000, 3)
  return syntheticPopulation(Math.round((2_000 * TARGET_ROWS) / probe.length), 3)
}

const rows = population()
const results: Record<string, { samplesPerSecond: number; msPerSample: number; cases: number }> = {}
for (const planId of [
  'sif-2013-case-audit',
  'ucra-2009-random-sample',
  'slac-2009-case-files',
  'baseline-open-cases',
]) {
  const plan = findSamplingPlan(planId)!
  drawSample({ plan, seed: 'warm-up', population: rows, referenceDate: REFERENCE_DATE })
  const iterations = 20
  const started = performance.now()
  let cases = 0
  for (let index = 0; index < iterations; index += 1)
    cases = drawSample({ plan, seed: String(index), population: rows, referenceDate: REFERENCE_DATE }).cases.length
  const elapsed = performance.now() - started
  results[planId] = {
    samplesPerSecond: Math.round((iterations / elapsed) * 1000 * 10) / 10,
    msPerSample: Math.round((elapsed / iterations) * 10) / 10,
    cases,
  }
}
console.log(
  JSON.stringify({ benchmark: 'sampling', populationRows: rows.length, node: process.version, plans: results }),
)
