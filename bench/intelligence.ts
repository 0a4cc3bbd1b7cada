/**
 * Intelligence benchmark: Ofsted ODS rows/s through the outcome reader, `outcomes summary` time on seed 004 and
 * on the 2025 file, DfE indicator reading, benchmarking (authority × indicator) per second, theme tagging.
 * Prints one JSON object. Usage: npx tsx bench/intelligence.ts
 */
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { benchmarkAuthority, DFE_INDICATORS, seriesOf, tagThemes } from '../src/domain/intelligence/index.js'
import { readOutcomeFile } from '../src/services/intelligence/readOutcomeFile.js'
import { readDfeIndicatorValues, readLocalAuthorities } from '../src/services/intelligence/readReferenceData.js'
import { summariseOutcomeFile } from '../src/services/intelligence/summariseOutcomeFile.js'

const SHARED = path.resolve('..', 'shared')
const OFSTED = path.join(SHARED, 'data', 'ofsted')

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now()
  const result = await work()
  return { result, ms: Math.round(performance.now() - start) }
}

async function odsThroughput(file: string) {
  const content = await readFile(path.join(OFSTED, file))
  const { result, ms } = await timed(() => readOutcomeFile(content, file))
  return {
    file,
    rowsRead: result.rowsRead,
    records: result.records.length,
    ms,
    rowsPerSecond: Math.round(result.rowsRead / (ms / 1000)),
  }
}

const ods2025 = await odsThroughput('LA_Inspection_Outcomes_as_at_31_March_2025.ods')
const ods2023 = await odsThroughput('Childrens_social_care_in_England_2023_underlying_data.ods')

const seed = await readFile(path.join(SHARED, 'seeds', '004_94dce6978bd3ae2c.txt'))
const seedSummary = await timed(() => summariseOutcomeFile(seed, 'seed-004.txt'))
const file2025 = await readFile(path.join(OFSTED, 'LA_Inspection_Outcomes_as_at_31_March_2025.ods'))
const summary2025 = await timed(() => summariseOutcomeFile(file2025, '2025.ods'))

const authorities = await timed(() => readLocalAuthorities(path.join(SHARED, 'data', 'la')))
const dfe = await timed(() => readDfeIndicatorValues(path.join(SHARED, 'data', 'dfe')))
const series = DFE_INDICATORS.map(definition => seriesOf(definition, dfe.result.values))
const start = performance.now()
let benchmarks = 0
for (let round = 0; round < 5; round += 1) {
  for (const authority of authorities.result) {
    const neighbours = (authority.neighbours['2025'] ?? []).map(neighbour => neighbour.oldCode)
    for (const indicator of series) {
      for (const year of indicator.years) {
        benchmarkAuthority(indicator, { oldCode: authority.oldCode, region: authority.region, neighbours }, year)
        benchmarks += 1
      }
    }
  }
}
const benchmarkMs = performance.now() - start

const themeText = seed.toString('utf8')
const themeStart = performance.now()
let tagged = 0
while (performance.now() - themeStart < 1000) {
  tagThemes(themeText)
  tagged += 1
}
const themeMs = performance.now() - themeStart

console.log(
  JSON.stringify({
    machine: { cpus: os.cpus().length, node: process.version },
    odsOutcomes: [ods2025, ods2023],
    summary: {
      seed004Ms: seedSummary.ms,
      ofsted2025Ms: summary2025.ms,
      ofsted2025Inspections: summary2025.result.inspections,
    },
    reference: { authorities: authorities.result.length, ms: authorities.ms },
    dfe: {
      rowsRead: dfe.result.rowsRead,
      values: dfe.result.values.length,
      ms: dfe.ms,
      rowsPerSecond: Math.round(dfe.result.rowsRead / (dfe.ms / 1000)),
    },
    benchmarking: {
      benchmarks,
      ms: Math.round(benchmarkMs),
      indicatorsPerSecond: Math.round(benchmarks / (benchmarkMs / 1000)),
    },
    themes: { charactersPerDocument: themeText.length, documentsPerSecond: Math.round(tagged / (themeMs / 1000)) },
  }),
)
