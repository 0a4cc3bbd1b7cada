import type { Command } from 'commander'
import { isRole, ROLES } from '../../domain/platform/roles.js'
import { systemContext } from '../../services/context.js'
import { ValidationError } from '../../services/errors.js'
import type { Services } from '../../services/index.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'

interface AddOptions {
  email: string
  role: string
  organisation?: string
  name?: string
  passwordStdin?: boolean
  json?: boolean
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Manage the people who can sign in')
  users
    .command('add')
    .description('Add a person; prints a one-time password unless --password-stdin is given')
    .requiredOption('--email <email>', 'their email address')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--name <name>', 'their full name (defaults to the email address)')
    .option('--password-stdin', 'read their initial password from standard input')
    .option('--json', 'machine-readable output')
    .action(async (options: AddOptions) => {
      const output = createOutput(Boolean(options.json))
      const role = options.role
      if (!isRole(role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`)
      const password = options.passwordStdin ? await readStdin() : undefined
      await withServices(output.message, async services => {
        const organisationId = await resolveOrganisation(services, options.organisation)
        try {
          const { user, oneTimePassword } = await services.users.create(systemContext(organisationId), {
            email: options.email,
            role,
            displayName: options.name ?? options.email,
            password,
          })
          output.result(
            {
              userId: user.userId,
              email: user.email,
              role: user.role,
              organisationId,
              oneTimePassword: oneTimePassword ?? null,
            },
            oneTimePassword
              ? `Added ${user.email} (${user.role}). One-time password: ${oneTimePassword}`
              : `Added ${user.email} (${user.role})`,
          )
        } catch (error) {
          if (error instanceof ValidationError) throw new UsageError(error.message)
          throw error
        }
      })
    })
}

async function resolveOrganisation(services: Services, wanted: string | undefined): Promise<string> {
  const organisations = await services.organisations.listAll()
  if (wanted) {
    const match = organisations.find(
      org => org.organisationId === wanted || org.name.toLowerCase() === wanted.toLowerCase(),
    )
    if (!match)
      throw new UsageError(
        `No organisation called "${wanted}". Known: ${organisations.map(org => org.name).join(', ') || 'none'}`,
      )
    return match.organisationId
  }
  if (organisations.length === 1) return organisations[0]!.organisationId
  if (organisations.length === 0)
    throw new UsageError(
      'There is no organisation yet: run `readiness demo` or add one with `readiness organisations add`',
    )
  throw new UsageError('There is more than one organisation: say which with --organisation')
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
  if (!text) throw new UsageError('--password-stdin was given but standard input was empty')
  return text
}
