import type { Command } from 'commander'
import { createFrameworkService } from '../../../services/frameworks/frameworkService.js'
import { createOutput, UsageError } from '../../output.js'
import { COMMAND_LINE, withInputProblems } from './shared.js'

interface JsonOption {
  json?: boolean
}

function holidayText(holidays: readonly { date: string; name: string }[]): string {
  return holidays.length ? ` (bank holidays passed: ${holidays.map(h => `${h.date} ${h.name}`).join(', ')})` : ''
}

export function registerWorkdaysCommand(program: Command): void {
  const service = createFrameworkService()
  const workdays = program
    .command('workdays')
    .description('Working-day arithmetic on the England and Wales calendar (weekends and bank holidays)')

  workdays
    .command('add')
    .description('The date N working days after DATE (before it when N is negative)')
    .argument('<date>', 'YYYY-MM-DD')
    .argument('<n>', 'a whole number of working days')
    .option('--json', 'machine-readable output')
    .action(async (date: string, n: string, options: JsonOption) => {
      const output = createOutput(Boolean(options.json))
      if (!/^-?\d{1,6}$/.test(n.trim()))
        throw new UsageError(`N must be a whole number of working days, got '${n.slice(0, 50)}'`)
      const result = await withInputProblems(() => service.addWorkingDays(COMMAND_LINE, date, Number(n)))
      output.result(result, `${result.date}${holidayText(result.holidaysPassed)}`)
    })

  workdays
    .command('between')
    .description('Working days from one date to another (the start excluded, the end included)')
    .argument('<from>', 'YYYY-MM-DD')
    .argument('<to>', 'YYYY-MM-DD')
    .option('--json', 'machine-readable output')
    .action(async (from: string, to: string, options: JsonOption) => {
      const output = createOutput(Boolean(options.json))
      const result = await withInputProblems(() => service.countWorkingDays(COMMAND_LINE, from, to))
      output.result(result, `${result.workingDays}${holidayText(result.holidaysPassed)}`)
    })
}
