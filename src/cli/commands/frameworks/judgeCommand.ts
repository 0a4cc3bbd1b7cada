import type { Command } from 'commander'
import { createFrameworkService, type Judgement } from '../../../services/frameworks/frameworkService.js'
import { createOutput, UsageError } from '../../output.js'
import { collect, COMMAND_LINE, parsePairs, withInputProblems } from './shared.js'

interface JudgeOptions {
  framework: string
  set: string[]
  whatIf: string[]
  empirical?: string
  json?: boolean
}

export function registerJudgeCommand(program: Command): void {
  const service = createFrameworkService()
  program
    .command('judge')
    .description('Judge a set of grades: what the rules determine, the allowed range of the rest, and why')
    .requiredOption('--framework <id>', 'framework id, from `readiness frameworks list`')
    .option(
      '--set <judgement=grade>',
      'a grade you know (repeat for more); ids from `readiness frameworks show`',
      collect,
      [],
    )
    .option('--what-if <judgement=grade>', 'a change to try on top of --set (repeatable)', collect, [])
    .option('--empirical <mode>', "'warn' (default) or 'constrain' (100% empirical patterns narrow ranges too)")
    .option('--json', 'machine-readable output')
    .action(async (options: JudgeOptions) => {
      const output = createOutput(Boolean(options.json))
      const grades = parsePairs('--set', options.set, 'JUDGEMENT=GRADE')
      const changes = parsePairs('--what-if', options.whatIf, 'JUDGEMENT=GRADE')
      const empirical = options.empirical
      if (empirical !== undefined && empirical !== 'warn' && empirical !== 'constrain') {
        throw new UsageError(`--empirical must be 'warn' or 'constrain', got '${empirical.slice(0, 50)}'`)
      }
      const judgement = await withInputProblems(() =>
        service.judge(COMMAND_LINE, options.framework, grades, {
          whatIf: changes,
          ...(empirical ? { empirical } : {}),
        }),
      )
      const { result, explanation, whatIf } = judgement
      output.result(
        {
          framework: result.framework,
          version: result.version,
          inputs: result.inputs,
          judgements: result.judgements,
          firings: result.firings,
          warnings: result.warnings,
          conflicts: result.conflicts,
          explanation,
          ...(whatIf ? { whatIf: { changes: whatIf.changes, after: whatIf.after.judgements } } : {}),
        },
        describeJudgement(judgement),
      )
    })
}

function describeJudgement({ result, explanation, whatIf }: Judgement): string {
  const lines: string[] = []
  for (const [id, outcome] of Object.entries(result.judgements)) {
    const range = outcome.grade ?? `${outcome.max} … ${outcome.min}`
    lines.push(`${id}: ${range}${outcome.given ? ' (given)' : ''}`)
  }
  lines.push('')
  for (const item of explanation) lines.push(...item.sentences)
  for (const warning of result.warnings) lines.push(`Warning (${warning.kind}): ${warning.message} [${warning.source}]`)
  for (const conflict of result.conflicts) lines.push(`Conflict: ${conflict.message} [${conflict.source}]`)
  if (whatIf) {
    lines.push('', 'What if:')
    lines.push(
      ...(whatIf.changes.length ? whatIf.changes.map(change => change.sentence) : ['Nothing else would move.']),
    )
  }
  return lines.join('\n')
}
