import { Command, CommanderError } from 'commander'
import { ConfigError } from '../config.js'
import { DirectoryLockedError } from '../db/directoryLock.js'
import { MigrationHistoryError } from '../db/migrate.js'
import { registerAnnexA } from './commands/annexA.js'
import { registerAudits } from './commands/audits.js'
import { registerBenchmark } from './commands/benchmark.js'
import { registerDashboard } from './commands/dashboard.js'
import { registerDemo } from './commands/demo.js'
import { registerEvidence } from './commands/evidence.js'
import { registerFrameworkCommands } from './commands/frameworks/register.js'
import { registerMigrate } from './commands/migrate.js'
import { registerOrganisations } from './commands/organisations.js'
import { registerOutcomes } from './commands/outcomes.js'
import { registerReports } from './commands/reports.js'
import { registerSample } from './commands/sample.js'
import { registerServe } from './commands/serve.js'
import { registerUsers } from './commands/users.js'
import { registerWorkspace } from './commands/workspace.js'
import { currentIo, UsageError, withIo, type CliIo } from './output.js'

export function buildProgram(): Command {
  const program = new Command('readiness')
    .description(
      'Inspection Readiness: prepare for, go through and learn from Ofsted inspections of children’s services',
    )
    .exitOverride()
    .configureOutput({ writeOut: text => currentIo().stdout(text), writeErr: text => currentIo().stderr(text) })
  registerServe(program)
  registerMigrate(program)
  registerUsers(program)
  registerOrganisations(program)
  registerDemo(program)
  registerAnnexA(program)
  registerFrameworkCommands(program)
  registerWorkspace(program)
  registerEvidence(program)
  registerDashboard(program)
  registerOutcomes(program)
  registerReports(program)
  registerBenchmark(program)
  registerSample(program)
  registerAudits(program)
  return program
}

export async function run(argv: string[], io?: CliIo): Promise<number> {
  return withIo(io, () => runWithCurrentIo(argv))
}

async function runWithCurrentIo(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv)
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0
      return 2
    }
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof DirectoryLockedError ||
      error instanceof MigrationHistoryError
    ) {
      currentIo().stderr(`readiness: ${error.message.split('\n')[0]}\n`)
      return 2
    }
    currentIo().stderr(
      `readiness: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    return 1
  }
}
