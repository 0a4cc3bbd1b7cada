import type { RequestContext } from '../../../services/context.js'
import { inputProblem } from '../../../services/frameworks/inputProblems.js'
import { UsageError } from '../../output.js'

/**
 * Frameworks, timelines and working days are reference data that belong to no organisation, so these
 * commands act as the operator at the command line and never open the database.
 */
export const COMMAND_LINE: RequestContext = { actor: { kind: 'system', organisationId: '', label: 'command line' } }

/** Runs work, turning the domain's "you gave me something unusable" errors into exit code 2 with that reason. */
export async function withInputProblems<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const problem = inputProblem(error)
    if (problem !== undefined) throw new UsageError(problem)
    throw error
  }
}

/** Collects a repeatable option: --set a=b --set c=d. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** 'help-and-protection=good' pairs as a record; each key once. */
export function parsePairs(option: string, pairs: readonly string[], what: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    const key = pair.slice(0, at).trim()
    const value = pair.slice(at + 1).trim()
    if (at <= 0 || !value) throw new UsageError(`${option} expects ${what}, got '${pair.slice(0, 100)}'`)
    if (key in result) throw new UsageError(`${option} gives '${key.slice(0, 100)}' more than once`)
    result[key] = value
  }
  return result
}
