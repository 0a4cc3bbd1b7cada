import type { Command } from 'commander'
import { ValidationError } from '../../services/errors.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'

export function registerOrganisations(program: Command): void {
  const organisations = program.command('organisations').description('Organisations (tenants) on this deployment')
  organisations
    .command('add')
    .description('Add an organisation')
    .requiredOption('--name <name>', 'its name, for example "Anytown Borough Council"')
    .option('--la-code <code>', 'its local authority code, for example E09000001')
    .option('--json', 'machine-readable output')
    .action(async (options: { name: string; laCode?: string; json?: boolean }) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        if (await services.organisations.findByName(options.name.trim()))
          throw new UsageError(`An organisation called "${options.name}" already exists`)
        try {
          const organisation = await services.organisations.create({ name: options.name, laCode: options.laCode })
          output.result(organisation, `Added ${organisation.name} (${organisation.organisationId})`)
        } catch (error) {
          if (error instanceof ValidationError) throw new UsageError(error.message)
          throw error
        }
      })
    })
  organisations
    .command('list')
    .description('List organisations')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const all = await services.organisations.listAll()
        output.result(all, all.map(org => `${org.organisationId}  ${org.name}`).join('\n') || 'No organisations')
      })
    })
}
