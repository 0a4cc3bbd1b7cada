import type { Command } from 'commander'
import { registerFrameworksCommand } from './frameworksCommand.js'
import { registerJudgeCommand } from './judgeCommand.js'
import { registerTimelineCommand } from './timelineCommand.js'
import { registerWorkdaysCommand } from './workdaysCommand.js'

/** `readiness frameworks|judge|timeline|workdays`: none of them opens the database. */
export function registerFrameworkCommands(program: Command): void {
  registerFrameworksCommand(program)
  registerJudgeCommand(program)
  registerTimelineCommand(program)
  registerWorkdaysCommand(program)
}
