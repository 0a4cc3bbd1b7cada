import type { Command } from 'commander'
import { createAnnexAValidator, type Issue, type SheetValidator } from '../../domain/annex-a/index.js'
import { openSpreadsheet, SpreadsheetError } from '../../services/spreadsheets/index.js'
import { createOutput, UsageError } from '../output.js'
import { referenceDateOption, schemaOption } from './annexAOptions.js'

interface ValidateOptions {
  referenceDate?: string
  schema?: string
  json?: boolean
}

/** `readiness annex-a validate FILE...`: pure validation, no database; the whole result as JSON. */
export function registerAnnexAValidate(annexA: Command): void {
  annexA
    .command('validate')
    .description('Validate Annex A files without storing anything')
    .argument('<files...>', '.xlsx, .ods, .csv or a .zip of per-list files')
    .requiredOption('--reference-date <date>', 'the "as at" date, YYYY-MM-DD')
    .option('--schema <version>', 'auto (default), 2019, 2023 or 2026')
    .option('--json', 'machine-readable output')
    .action(async (files: string[], options: ValidateOptions) => {
      const output = createOutput(Boolean(options.json))
      const referenceDate = referenceDateOption(options.referenceDate)
      const validator = createAnnexAValidator({ referenceDate, schema: schemaOption(options.schema) })
      const issues: Issue[] = []
      for (const file of files) {
        try {
          const { events } = await openSpreadsheet(file)
          let session: SheetValidator | null = null
          for await (const event of events) {
            if (event.type === 'sheet') {
              if (session) issues.push(...session.end())
              session = validator.beginSheet(event.name)
            } else if (session) issues.push(...session.addRow(event.cells, event.rowNumber).issues)
          }
          if (session) issues.push(...session.end())
        } catch (error) {
          if (error instanceof SpreadsheetError) throw new UsageError(error.message)
          throw error
        }
      }
      const result = validator.finish()
      issues.push(...result.finalIssues)
      output.result(
        { schema: result.schema, referenceDate, lists: result.lists, issues, summary: result.summary },
        [
          `Schema ${result.schema.version} (${result.schema.reason})`,
          ...result.lists.map(
            list =>
              `List ${list.list} ${list.name}: ${list.rows} rows, ${list.errors} errors, ${list.warnings} warnings, ${list.queries} queries`,
          ),
          `${result.summary.rows} rows: ${result.summary.errors} errors, ${result.summary.warnings} warnings, ${result.summary.queries} queries`,
        ].join('\n'),
      )
    })
}
