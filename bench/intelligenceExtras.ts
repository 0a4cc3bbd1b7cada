/**
 * Intelligence extras benchmark: the theme-rules list page's work (a preview of every rule over every stored
 * report's recommendations) on the 26 published reports, and own-value benchmarking (authority × indicator).
 * Pure: no database. Prints one JSON object. Usage: npx tsx bench/intelligenceExtras.ts
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  benchmarkOwnValue,
  DFE_INDICATORS,
  effectiveThemeRules,
  memoisedSentences,
  previewThemeRule,
  seriesOf,
} from '../src/domain/intelligence/index.js'
import { extractReport } from '../src/services/intelligence/extractReport.js'
import { readDfeIndicatorValues } from '../src/services/intelligence/readReferenceData.js'
import { loadAuthorityIndex } from '../src/services/intelligence/referenceData.js'

const DATA = path.resolve('..', 'shared', 'data')

async function main() {
  const index = await loadAuthorityIndex()
  const dir = path.join(DATA, 'ofsted', 'reports')
  const reports = []
  for (const file of (await readdir(dir)).filter(name => name.endsWith('.pdf')).sort()) {
    const extract = await extractReport(new Uint8Array(await readFile(path.join(dir, file))), file, index)
    reports.push({ report: file, recommendations: extract.recommendations })
  }
  const recommendations = reports.reduce((total, report) => total + report.recommendations.length, 0)
  const rules = effectiveThemeRules([])
  const runs = 5
  const start = performance.now()
  for (let run = 0; run < runs; run += 1) {
    const split = memoisedSentences()
    for (const rule of rules) previewThemeRule(rule, reports, 0, split)
  }
  const listPageMs = (performance.now() - start) / runs

  const { values } = await readDfeIndicatorValues(path.join(DATA, 'dfe'))
  let comparisons = 0
  const ownStart = performance.now()
  for (const definition of DFE_INDICATORS) {
    const series = seriesOf(definition, values)
    const latest = series.years.at(-1)
    if (latest === undefined) continue
    for (const authority of index.all) {
      const neighbours = (authority.neighbours['2025'] ?? []).map(n => n.oldCode)
      benchmarkOwnValue(
        series,
        { ...authority, neighbours },
        {
          indicator: definition.id,
          year: latest + 1,
          value: 20,
          source: 'typed',
          annexARunId: null,
          annexAIndicator: null,
          annexAReferenceDate: null,
          note: null,
          version: 1,
          updatedBy: 'bench',
          updatedAt: new Date(),
        },
      )
      comparisons += 1
    }
  }
  const ownMs = performance.now() - ownStart
  process.stdout.write(
    `${JSON.stringify({
      themeRulesListPage: {
        reports: reports.length,
        recommendations,
        rules: rules.length,
        msPerPage: Math.round(listPageMs * 10) / 10,
      },
      ownValueBenchmarks: { comparisons, perSecond: Math.round(comparisons / (ownMs / 1000)) },
    })}\n`,
  )
}

await main()
