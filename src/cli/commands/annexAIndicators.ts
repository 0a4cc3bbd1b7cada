import type { Command } from 'commander'
import {
  createAnnexAValidator,
  createIndicatorAccumulator,
  type IndicatorValue,
  type SheetValidator,
} from '../../domain/annex-a/index.js'
import { systemContext } from '../../services/context.js'
import { openSpreadsheet, SpreadsheetError } from '../../services/spreadsheets/index.js'
import { createOutput, UsageError } from '../output.js'
import { positiveIntegerOption, referenceDateOption, schemaOption } from './annexAOptions.js'
import { onRun, type RunOptions } from './annexARuns.js'

interface IndicatorOptions extends RunOptions {
  run?: string
  referenceDate?: string
  schema?: string
  population?: string
}

/**
 * `readiness annex-a indicators FILE... --reference-date D` computes the indicators straight from files, with no
 * database; `readiness annex-a indicators --run RUN` reads those stored with a test run.
 */
export function registerAnnexAIndicators(annexA: Command): void {
  annexA
    .command('indicators')
    .description('ChAT-style indicators, from files (no database) or of a stored test run (--run)')
    .argument('[files...]', '.xlsx, .ods, .csv or a .zip of per-list files')
    .option('--reference-date <date>', 'the "as at" date, YYYY-MM-DD (with files)')
    .option('--schema <version>', 'auto (default), 2019, 2023 or 2026 (with files)')
    .option('--population <children>', 'children aged 0–17, for rates per 10,000 (with files)')
    .option('--run <run-id>', 'a stored test run instead of files')
    .option('--organisation <name-or-id>', 'the organisation (with --run)')
    .option('--json', 'machine-readable output')
    .action(async (files: string[], options: IndicatorOptions) => {
      const json = Boolean(options.json)
      if (options.run && files.length > 0) throw new UsageError('Give files or --run, not both')
      if (options.run) {
        const output = createOutput(json)
        await onRun(json, options.organisation, async (services, organisationId) => {
          const { indicators } = await services.annexA.indicators(systemContext(organisationId), options.run!)
          output.result({ run: options.run, indicators }, describe(indicators))
        })
        return
      }
      if (files.length === 0) throw new UsageError('Give one or more files, or --run RUN')
      const output = createOutput(json)
      const referenceDate = referenceDateOption(options.referenceDate)
      const population = positiveIntegerOption('--population', options.population)
      const validator = createAnnexAValidator({ referenceDate, schema: schemaOption(options.schema) })
      const accumulator = createIndicatorAccumulator({ referenceDate, ...(population ? { population } : {}) })
      for (const file of files) {
        try {
          const { events } = await openSpreadsheet(file)
          let session: SheetValidator | null = null
          for await (const event of events) {
            if (event.type === 'sheet') {
              session?.end()
              session = validator.beginSheet(event.name)
            } else if (session) {
              const { outcome } = session.addRow(event.cells, event.rowNumber)
              if (outcome.kind === 'data') accumulator.add(outcome.list, outcome.row)
            }
          }
          session?.end()
        } catch (error) {
          if (error instanceof SpreadsheetError) throw new UsageError(error.message)
          throw error
        }
      }
      const { schema, summary } = validator.finish()
      const indicators = accumulator.finish()
      output.result({ schema, referenceDate, rows: summary.rows, indicators }, describe(indicators))
    })
}

function describe(indicators: readonly IndicatorValue[]): string {
  return indicators.map(item => `${item.label}: ${item.value ?? 'n/a'}`).join('\n')
}
