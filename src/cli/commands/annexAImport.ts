import type { Command } from 'commander'
import path from 'node:path'
import { systemContext } from '../../services/context.js'
import { importFiles } from '../../services/annex-a/importFile.js'
import { SpreadsheetError } from '../../services/spreadsheets/index.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { positiveIntegerOption, referenceDateOption, resolveOrganisationId, schemaOption } from './annexAOptions.js'

interface ImportOptions {
  referenceDate?: string
  organisation?: string
  schema?: string
  population?: string
  json?: boolean
}

/** `readiness annex-a import FILE...`: one or more files (one per list, say), one test run, one transaction. */
export function registerAnnexAImport(annexA: Command): void {
  annexA
    .command('import')
    .description('Import an Annex A file as a test run')
    .argument('<files...>', '.xlsx, .ods, .csv or a .zip of per-list files; several files make one test run')
    .requiredOption('--reference-date <date>', 'the "as at" date, YYYY-MM-DD')
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--schema <version>', 'auto (default), 2019, 2023 or 2026')
    .option('--population <children>', 'children aged 0–17, for rates per 10,000')
    .option('--json', 'machine-readable output')
    .action(async (files: string[], options: ImportOptions) => {
      const output = createOutput(Boolean(options.json))
      const referenceDate = referenceDateOption(options.referenceDate)
      const schema = schemaOption(options.schema)
      const population = positiveIntegerOption('--population', options.population)
      await withServices(output.message, async services => {
        const organisationId = await resolveOrganisationId(services, options.organisation)
        try {
          const sources = files.map(file => ({ path: file, name: path.basename(file) }))
          const result = await importFiles(services.annexA, systemContext(organisationId), sources, {
            referenceDate,
            schema,
            population,
          })
          output.result(
            {
              run: result.runId,
              schema: result.schema,
              referenceDate: result.referenceDate,
              lists: result.lists,
              summary: result.summary,
              comparedWith: result.comparedWith,
              new: result.comparison?.new ?? null,
              resolved: result.comparison?.resolved ?? null,
              persisting: result.comparison?.persisting ?? null,
            },
            `Test run ${result.runId}: ${result.summary.rows} rows, ${result.summary.errors} errors, ${result.summary.warnings} warnings, ${result.summary.queries} queries`,
          )
        } catch (error) {
          if (error instanceof SpreadsheetError) throw new UsageError(error.message)
          throw error
        }
      })
    })
}
