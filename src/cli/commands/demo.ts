import type { Command } from 'commander'
import { formatDemoCredentials, seedDemo } from '../../services/demo/seedDemo.js'
import { loadConfig } from '../../config.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Create the fictional "Demo Borough Council" with one person per role (never in production)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const output = createOutput(Boolean(options.json))
      if (loadConfig().env === 'production') throw new UsageError('The demo authority is never created in production')
      await withServices(output.message, async services => {
        const credentials = await seedDemo(services)
        if (!credentials) {
          output.result(
            { created: false },
            'The demo authority already exists; its passwords were shown when it was created',
          )
          return
        }
        output.result({ created: true, ...credentials }, formatDemoCredentials(credentials))
      })
    })
}
