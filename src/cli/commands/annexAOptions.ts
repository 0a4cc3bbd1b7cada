import { SCHEMA_VERSIONS, type SchemaVersion } from '../../domain/annex-a/index.js'
import type { Services } from '../../services/index.js'
import { UsageError } from '../output.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** `--reference-date` must be a real calendar date: a typo here would shift every window and age check. */
export function referenceDateOption(value: string | undefined): string {
  if (
    !value ||
    !ISO_DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    throw new UsageError('--reference-date must be a date written YYYY-MM-DD, for example 2024-03-31')
  return value
}

export function schemaOption(value: string | undefined): SchemaVersion | 'auto' {
  const choice = value ?? 'auto'
  if (choice !== 'auto' && !(SCHEMA_VERSIONS as readonly string[]).includes(choice))
    throw new UsageError(`--schema must be one of: auto, ${SCHEMA_VERSIONS.join(', ')}`)
  return choice as SchemaVersion | 'auto'
}

export function positiveIntegerOption(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${name} must be a whole number above 0`)
  return number
}

/** The organisation by name or id; optional when there is only one. */
export async function resolveOrganisationId(services: Services, wanted: string | undefined): Promise<string> {
  const organisations = await services.organisations.listAll()
  if (wanted) {
    const match = organisations.find(
      org => org.organisationId === wanted || org.name.toLowerCase() === wanted.toLowerCase(),
    )
    if (!match) throw new UsageError(`No organisation called "${wanted}"`)
    return match.organisationId
  }
  if (organisations.length === 1) return organisations[0]!.organisationId
  if (organisations.length === 0)
    throw new UsageError('There is no organisation yet: run `readiness demo` or `readiness organisations add`')
  throw new UsageError('There is more than one organisation: say which with --organisation')
}
