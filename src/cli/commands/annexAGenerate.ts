import fs from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { generateAnnexA } from '../../domain/annex-a/index.js'
import { writeGeneratedCsvs, writeGeneratedXlsx } from '../../services/annex-a/writeGenerated.js'
import { createOutput, UsageError } from '../output.js'
import { positiveIntegerOption, referenceDateOption } from './annexAOptions.js'

interface GenerateOptions {
  children?: string
  seed?: string
  referenceDate?: string
  out?: string
  format?: string
  errorRate?: string
  json?: boolean
}

/** `readiness annex-a generate`: synthetic, internally consistent Annex A with an optional manifest of planted errors. */
export function registerAnnexAGenerate(annexA: Command): void {
  annexA
    .command('generate')
    .description('Write synthetic Annex A data (never real children) as an .xlsx or a folder of CSVs')
    .requiredOption('--children <n>', 'children with at least a contact')
    .option('--seed <n>', 'same seed, same output', '1')
    .requiredOption('--reference-date <date>', 'the "as at" date, YYYY-MM-DD')
    .requiredOption('--out <path>', 'FILE.xlsx, or a directory for CSVs')
    .option('--format <format>', 'xlsx or csv (default: from --out)')
    .option('--error-rate <share>', 'share of rows (0–1) given one planted error each', '0')
    .option('--json', 'machine-readable output')
    .action(async (options: GenerateOptions) => {
      const output = createOutput(Boolean(options.json))
      const children = positiveIntegerOption('--children', options.children)!
      if (children > 2_000_000) throw new UsageError('--children must be 2,000,000 or fewer')
      const seed = Number(options.seed)
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number')
      const errorRate = Number(options.errorRate)
      if (!(errorRate >= 0 && errorRate <= 1)) throw new UsageError('--error-rate must be between 0 and 1')
      const out = options.out!
      const format = options.format ?? (out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv')
      if (format !== 'xlsx' && format !== 'csv') throw new UsageError('--format must be xlsx or csv')
      const generated = generateAnnexA({
        seed,
        children,
        referenceDate: referenceDateOption(options.referenceDate),
        errorRate,
      })
      let files: string[]
      let manifest: string
      if (format === 'xlsx') {
        await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true })
        await writeGeneratedXlsx(generated, out)
        files = [out]
        manifest = out.replace(/\.xlsx$/i, '') + '.planted-errors.json'
      } else {
        files = await writeGeneratedCsvs(generated, out)
        manifest = path.join(out, 'planted-errors.json')
      }
      await fs.writeFile(manifest, `${JSON.stringify(generated.planted, null, 2)}\n`)
      const rows = generated.sheets.reduce((total, sheet) => total + sheet.rows.length - 2, 0)
      output.result(
        { files, manifest, rows, planted: generated.planted.length },
        `Wrote ${rows} rows to ${files.length} file(s); planted errors listed in ${manifest}`,
      )
    })
}
