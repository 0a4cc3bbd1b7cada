import { CompiledQuery } from 'kysely'
import { CopyInData } from './connect.js'

/**
 * Bulk writes with `COPY … FROM STDIN` (text format) through Kysely, on the executor's connection, so inside its
 * transaction when it is one. `statement` is fixed SQL written in this code base, never built from input.
 */
export async function copyIn(
  executor: { executeQuery(query: CompiledQuery): Promise<unknown> },
  statement: string,
  text: string,
): Promise<void> {
  if (text.length === 0) return
  await executor.executeQuery(CompiledQuery.raw(statement, [new CopyInData(text)]))
}

/** The characters COPY's text format gives a meaning to (each written with a backslash), and NUL. */
const SPECIAL = /[\\\n\r\t\0]/
const SPECIALS = /[\\\n\r\t\0]/g

/**
 * One field of a COPY text-format line: backslash, newline, carriage return and tab escaped; null as \N. PostgreSQL
 * text cannot hold NUL at all, so a NUL (only ever in hostile or corrupt input) becomes U+FFFD, the replacement
 * character, rather than failing the whole import.
 */
export function copyField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'number') return String(value)
  if (!SPECIAL.test(value)) return value
  return value.replace(SPECIALS, escapeOne)
}

function escapeOne(character: string): string {
  switch (character) {
    case '\\':
      return '\\\\'
    case '\n':
      return '\\n'
    case '\r':
      return '\\r'
    case '\t':
      return '\\t'
    default:
      return '\uFFFD'
  }
}
