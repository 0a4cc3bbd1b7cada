import type { Command } from 'commander'
import { createFrameworkService } from '../../../services/frameworks/frameworkService.js'
import { createOutput, UsageError } from '../../output.js'
import { COMMAND_LINE, withInputProblems } from './shared.js'

interface TimelineOptions {
  framework: string
  type?: string
  anchor: string
  json?: boolean
}

export function registerTimelineCommand(program: Command): void {
  const service = createFrameworkService()
  program
    .command('timeline')
    .description('Date every milestone of an inspection from one known event, on the working-day calendar')
    .requiredOption('--framework <id>', 'framework id, from `readiness frameworks list`')
    .option('--type <type>', 'inspection or visit type (default: the framework’s first with a timeline)')
    .requiredOption('--anchor <event=YYYY-MM-DD>', 'the known event and its date, e.g. notification=2025-03-10')
    .option('--json', 'machine-readable output')
    .action(async (options: TimelineOptions) => {
      const output = createOutput(Boolean(options.json))
      const at = options.anchor.lastIndexOf('=')
      if (at <= 0) throw new UsageError(`--anchor expects EVENT=YYYY-MM-DD, got '${options.anchor.slice(0, 100)}'`)
      const anchor = { event: options.anchor.slice(0, at).trim(), date: options.anchor.slice(at + 1).trim() }
      const timeline = await withInputProblems(() =>
        service.timeline(COMMAND_LINE, options.framework, options.type, anchor),
      )
      output.result(
        timeline,
        timeline.milestones
          .map(
            m =>
              `${m.date}  ${m.label.padEnd(45)} ${m.rule} [${m.source}]${m.evidence === 'unverified' ? ' (unverified)' : ''}`,
          )
          .join('\n'),
      )
    })
}
