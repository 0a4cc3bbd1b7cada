import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { COMMON_GRADES, percentOf, totalOf, type OutcomeSummary } from '../../domain/intelligence/index.js'
import { OutcomeFileError } from '../../services/intelligence/readOutcomeFile.js'
import { summariseOutcomeFile } from '../../services/intelligence/summariseOutcomeFile.js'
import { createOutput, UsageError } from '../output.js'

interface SummaryOptions {
  framework?: string
  json?: boolean
}

/** `readiness outcomes summary FILE`: pure, never opens the database. */
export function registerOutcomes(program: Command): void {
  const outcomes = program.command('outcomes').description('Published inspection outcomes (Ofsted files and tables)')
  outcomes
    .command('summary')
    .description('Counts and shares by framework, judgement and grade, from an Ofsted ODS file or an outcomes table')
    .argument('<file>', 'an Ofsted outcomes .ods, or a .md/.txt/.csv table like "Good (Adoption: Outstanding)"')
    .option('--framework <id>', 'only this framework or family, e.g. sif-2013 or ilacs')
    .option('--json', 'machine-readable output')
    .action(async (file: string, options: SummaryOptions) => {
      const output = createOutput(Boolean(options.json))
      const content = await readInput(file)
      let summary: OutcomeSummary
      try {
        summary = await summariseOutcomeFile(content, file.split(/[\\/]/).pop() ?? file, options.framework)
      } catch (error) {
        if (error instanceof OutcomeFileError) throw new UsageError(error.message)
        throw error
      }
      for (const warning of summary.warnings) output.message(`warning: ${warning}`)
      output.result(summary, describe(summary))
    })
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

function describe(summary: OutcomeSummary): string {
  const lines = [`${summary.inspections} inspections (${summary.framework})`]
  for (const [judgement, counts] of Object.entries(summary.judgements)) {
    const total = totalOf(counts)
    const grades = COMMON_GRADES.map(grade => `${grade} ${counts[grade]} (${percentOf(counts[grade], total)}%)`).join(
      ', ',
    )
    lines.push(
      `${judgement}: ${grades}; not yet good ${Math.round((summary.notYetGoodShare[judgement] ?? 0) * 1000) / 10}%`,
    )
  }
  return lines.join('\n')
}
