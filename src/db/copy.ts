import { CompiledQuery } from 'kysely'
import { CopyInData } from './connect.js'

/**
 * Bulk writes with `COPY … FROM STDIN` (text format) through Kysely, on the executor's connection, so inside its
 * transaction when it is one. `statement` is fixed SQL written in this code base, never built from input.
 */
export async function copyIn(
  executor: { executeQuery(query: CompiledQuery): Promise<unknown> },
  statement: string,
  data: string | Uint8Array,
): Promise<void> {
  if (data.length === 0) return
  await executor.executeQuery(CompiledQuery.raw(statement, [new CopyInData(data)]))
}

/**
 * A batch of COPY lines written straight into bytes. Building each line as a string and joining them cost a
 * million-row import more than a second (every line a rope of a dozen pieces, flattened, then encoded again) and kept
 * the garbage collector busy; here each piece is encoded once, into one buffer per batch.
 */
export class CopyLines {
  private buffer: Buffer
  private used = 0
  lines = 0

  constructor(private readonly initialBytes = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(initialBytes)
  }

  /** Appends text as it is: the caller has made it a field (copyField) or knows it needs no escaping. */
  text(value: string): this {
    // UTF-8 takes at most three bytes for each UTF-16 code unit.
    this.reserve(value.length * 3)
    this.used += this.buffer.write(value, this.used, 'utf8')
    return this
  }

  bytes(value: Uint8Array): this {
    this.reserve(value.length)
    this.buffer.set(value, this.used)
    this.used += value.length
    return this
  }

  /** Ends a field (tab) or, with `end`, the line. */
  tab(): this {
    this.reserve(1)
    this.buffer[this.used++] = 0x09
    return this
  }

  end(): this {
    this.reserve(1)
    this.buffer[this.used++] = 0x0a
    this.lines += 1
    return this
  }

  get byteLength(): number {
    return this.used
  }

  /** The batch's bytes; the next line starts a new batch. */
  take(): Buffer {
    const batch = this.buffer.subarray(0, this.used)
    this.buffer = Buffer.allocUnsafe(this.initialBytes)
    this.used = 0
    this.lines = 0
    return batch
  }

  private reserve(bytes: number) {
    if (this.used + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + bytes))
    this.buffer.copy(grown, 0, 0, this.used)
    this.buffer = grown
  }
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
