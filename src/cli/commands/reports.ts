import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { agreementOf, checkReport, dedupeRecords } from '../../domain/intelligence/index.js'
import { extractReport, type ReportExtract } from '../../services/intelligence/extractReport.js'
import { OutcomeFileError, readOutcomeFile } from '../../services/intelligence/readOutcomeFile.js'
import { ReportPdfError } from '../../services/intelligence/readReportPdf.js'
import { authorityKeyOf, loadAuthorityIndex } from '../../services/intelligence/referenceData.js'
import { createOutput, UsageError } from '../output.js'

interface ExtractOptions {
  json?: boolean
  official?: string[]
}

/** `readiness reports extract FILE.pdf...`: pure, never opens the database. */
export function registerReports(program: Command): void {
  const reports = program.command('reports').description('Ofsted inspection reports (PDF)')
  reports
    .command('extract')
    .description('Authority, dates, type, judgements, recommendations and themes from Ofsted report PDFs')
    .argument('<files...>', 'report PDFs')
    .option('--official <file>', 'check judgements against an Ofsted outcomes .ods (repeatable)', collect, [])
    .option('--json', 'machine-readable output')
    .action(async (files: string[], options: ExtractOptions) => {
      const output = createOutput(Boolean(options.json))
      const index = await loadAuthorityIndex()
      const extracts: ReportExtract[] = []
      for (const file of files) {
        try {
          extracts.push(await extractReport(await readInput(file), path.basename(file), index))
        } catch (error) {
          if (error instanceof ReportPdfError) throw new UsageError(error.message)
          throw error
        }
      }
      const official = await readOfficial(options.official ?? [])
      const keyOf = authorityKeyOf(index)
      const records = dedupeRecords(official, keyOf)
      const results = extracts.map(extract => {
        const { authorityKey, grades: _grades, ...shown } = extract
        if (official.length === 0) return shown
        const check = checkReport({ ...extract, authorityKey: authorityKey ?? '' }, records, keyOf)
        return {
          ...shown,
          check: {
            matched: check.official !== undefined,
            compared: check.compared,
            agreed: check.agreed,
            disagreements: check.disagreements,
          },
        }
      })
      for (const extract of extracts)
        for (const problem of extract.problems) output.message(`warning: ${extract.file}: ${problem}`)
      if (official.length > 0) {
        const agreement = agreementOf(
          extracts.map(extract =>
            checkReport({ ...extract, authorityKey: extract.authorityKey ?? '' }, records, keyOf),
          ),
        )
        output.message(
          `agreement with the official data: ${agreement.agreed} of ${agreement.compared} judgements (${agreement.matched} of ${agreement.reports} reports matched)`,
        )
      }
      output.result(results, results.map(describe).join('\n'))
    })
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'error')}`,
    )
  }
}

async function readOfficial(files: string[]) {
  const records = []
  for (const file of files) {
    try {
      records.push(...(await readOutcomeFile(await readInput(file), path.basename(file))).records)
    } catch (error) {
      if (error instanceof OutcomeFileError) throw new UsageError(error.message)
      throw error
    }
  }
  return records
}

function describe(report: Omit<ReportExtract, 'authorityKey' | 'grades'>): string {
  const judgements = Object.entries(report.judgements)
    .map(([id, grade]) => `${id} ${grade}`)
    .join(', ')
  return `${report.file}: ${report.authority ?? 'unknown authority'}, ${report.type ?? 'unknown type'} ${report.inspectionStart ?? '?'} to ${report.inspectionEnd ?? '?'} (published ${report.publicationDate ?? '?'}); ${judgements}; ${report.recommendations.length} recommendations; themes ${report.themes.map(theme => theme.theme).join(', ')}`
}
