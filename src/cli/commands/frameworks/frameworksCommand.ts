import type { Command } from 'commander'
import type { Framework } from '../../../domain/frameworks/index.js'
import { formatSource } from '../../../domain/frameworks/index.js'
import { createFrameworkService } from '../../../services/frameworks/frameworkService.js'
import type { PublishedHistoryReport } from '../../../services/frameworks/checkPublishedHistory.js'
import { createOutput, UsageError } from '../../output.js'
import { COMMAND_LINE, withInputProblems } from './shared.js'

interface JsonOption {
  json?: boolean
}

export function registerFrameworksCommand(program: Command): void {
  const frameworks = program.command('frameworks').description('Inspection frameworks: list, show, check history')
  const service = createFrameworkService()

  frameworks
    .command('list')
    .description('List every framework with its id')
    .option('--json', 'machine-readable output')
    .action((options: JsonOption) => {
      const output = createOutput(Boolean(options.json))
      const list = service.list(COMMAND_LINE)
      output.result(
        { frameworks: list },
        list
          .map(
            f => `${f.id.padEnd(28)} ${f.inForce.from}–${f.inForce.to ?? '      '}  ${f.status.padEnd(10)} ${f.label}`,
          )
          .join('\n'),
      )
    })

  frameworks
    .command('show')
    .description('Show a framework: judgements and grade ids, rules with sources, inspection types')
    .argument('<id>', 'framework id, from `readiness frameworks list`')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: JsonOption) => {
      const output = createOutput(Boolean(options.json))
      const framework = await withInputProblems(() => service.get(COMMAND_LINE, id))
      output.result(framework, describeFramework(framework))
    })

  frameworks
    .command('check-history')
    .description("Replay an Ofsted published-outcomes file (.ods) through each framework's rules")
    .argument('<file>', 'for example LA_Inspection_Outcomes_as_at_31_March_2025.ods')
    .option('--json', 'machine-readable output')
    .action(async (file: string, options: JsonOption) => {
      const output = createOutput(Boolean(options.json))
      if (!/\.ods$/i.test(file)) throw new UsageError(`${file.slice(0, 200)} is not an .ods file`)
      const report = await withInputProblems(() =>
        service.checkPublishedHistory(COMMAND_LINE, file).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES') {
            throw new UsageError(
              `cannot read ${file.slice(0, 200)}: ${error.code === 'ENOENT' ? 'no such file' : error.code}`,
            )
          }
          throw error
        }),
      )
      if (report.problemCount > 0)
        output.message(`${report.problemCount} cell(s) were not published grades and were left out`)
      output.result(report, describeReport(report))
    })
}

function describeFramework(framework: Framework): string {
  const lines = [
    `${framework.label} (${framework.id}, version ${framework.version}, ${framework.status})`,
    `In force ${framework.inForce.from} to ${framework.inForce.to ?? 'now'}`,
    framework.summary,
    '',
    'Grade scales (best first):',
    ...framework.scales.map(scale => `  ${scale.id}: ${scale.grades.map(grade => grade.id).join(', ')}`),
    '',
    'Judgements:',
  ]
  const depth = (id: string | undefined, seen = 0): number => {
    const parent = framework.judgements.find(j => j.id === id)?.parent
    return parent && seen < 10 ? 1 + depth(parent, seen + 1) : 0
  }
  for (const judgement of framework.judgements) {
    const indent = '  '.repeat(1 + depth(judgement.id))
    lines.push(`${indent}${judgement.id}${judgement.scale ? ` [${judgement.scale}]` : ''} – ${judgement.label}`)
  }
  lines.push('', 'Rules:')
  for (const rule of framework.rules) {
    const hitRate = rule.hitRate ? ` (${rule.hitRate.agreed} of ${rule.hitRate.applied})` : ''
    lines.push(`  ${rule.id} (${rule.kind}, ${rule.certainty})${hitRate}: ${rule.text} [${formatSource(rule.source)}]`)
  }
  lines.push('', 'Inspection types:')
  for (const type of framework.inspectionTypes) {
    lines.push(
      `  ${type.id}${type.graded ? ' (graded)' : ''} – ${type.label}${type.timeline ? ' – has a timeline' : ''}`,
    )
  }
  return lines.join('\n')
}

function describeReport(report: PublishedHistoryReport): string {
  const lines = [
    `Read ${report.rowsRead} rows from ${report.sheets.map(sheet => sheet.sheet).join(', ')}: ${report.inspections} graded inspections`,
  ]
  for (const framework of report.frameworks) {
    lines.push('', `${framework.framework}: ${framework.inspections} inspections`)
    lines.push(`  ${'rule'.padEnd(50)} ${'applied'.padStart(7)} ${'agreed'.padStart(7)}  quoted`)
    for (const rule of framework.rules) {
      const read = rule.read === 'backwards' ? ' (counted from the conclusion)' : ''
      const quoted = rule.quoted ? `${rule.quoted.agreed} of ${rule.quoted.applied}${read}` : ''
      lines.push(
        `  ${rule.rule.padEnd(50)} ${String(rule.applied).padStart(7)} ${String(rule.agreed).padStart(7)}  ${quoted}`,
      )
    }
  }
  for (const problem of report.problems) {
    lines.push(`Problem: ${problem.sheet} row ${problem.row} column ${problem.column}: ${problem.message}`)
  }
  return lines.join('\n')
}
