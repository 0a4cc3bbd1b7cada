/**
 * Intelligence benchmark: Ofsted ODS rows/s through the outcome reader, `outcomes summary` time on seed 004 and
 * on the 2025 file, DfE indicator reading, benchmarking (authority × indicator) per second, theme tagging, report PDF
 * pages per second (all 26 reports), and imports into PostgreSQL (embedded, throwaway) in rows per second.
 * Prints one JSON object. Usage: npx tsx bench/intelligence.ts
 */
import { readdir, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { benchmarkAuthority, DFE_INDICATORS, seriesOf, tagThemes } from '../src/domain/intelligence/index.js'
import { readOutcomeFile } from '../src/services/intelligence/readOutcomeFile.js'
import { readDfeIndicatorValues, readLocalAuthorities } from '../src/services/intelligence/readReferenceData.js'
import { summariseOutcomeFile } from '../src/services/intelligence/summariseOutcomeFile.js'
import { extractReport } from '../src/services/intelligence/extractReport.js'
import { loadAuthorityIndex } from '../src/services/intelligence/referenceData.js'
import { systemContext } from '../src/services/context.js'
import { createServices } from '../src/services/index.js'
import { benchDatabase } from './support.js'

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

const reportDir = path.join(OFSTED, 'reports')
const reportFiles = (await readdir(reportDir)).filter(name => name.endsWith('.pdf'))
const index = await loadAuthorityIndex()
const reports = await timed(async () => {
  let pages = 0
  for (const name of reportFiles)
    pages += (await extractReport(await readFile(path.join(reportDir, name)), name, index)).pages
  return pages
})

const database = await benchDatabase()
let imports
try {
  const services = createServices({ db: database.db })
  const organisation = await services.organisations.create({ name: 'Bench Council' }, 'bench')
  const context = systemContext(organisation.organisationId, 'bench')
  const outcomesImport = await timed(() =>
    services.intelligence.outcomes.importOutcomes(context, { content: file2025, fileName: '2025.ods' }),
  )
  const csv = await readFile(path.join(SHARED, 'data', 'dfe', 'la_cla_placement_stability.csv'))
  const valuesImport = await timed(() =>
    services.intelligence.outcomes.importIndicators(context, { content: csv, fileName: 'placement.csv' }),
  )
  imports = {
    outcomes: {
      rowsRead: outcomesImport.result.rowsRead,
      records: outcomesImport.result.records,
      ms: outcomesImport.ms,
      rowsPerSecond: Math.round(outcomesImport.result.rowsRead / (outcomesImport.ms / 1000)),
    },
    indicators: {
      rowsRead: valuesImport.result.rowsRead,
      values: valuesImport.result.records,
      ms: valuesImport.ms,
      rowsPerSecond: Math.round(valuesImport.result.rowsRead / (valuesImport.ms / 1000)),
    },
  }
} finally {
  await database.close()
}

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
    reportPdfs: {
      reports: reportFiles.length,
      pages: reports.result,
      ms: reports.ms,
      pagesPerSecond: Math.round(reports.result / (reports.ms / 1000)),
    },
    imports,
  }),
)
