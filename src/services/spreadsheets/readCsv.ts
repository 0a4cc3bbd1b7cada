import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { DEFAULT_READ_LIMITS, SpreadsheetError, type ReadEvent, type ReadLimits } from './types.js'
import { decodeWindows1252 } from './windows1252.js'

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'windows-1252'

/** How much of the file decides its encoding: enough for the header and thousands of rows. */
const SNIFF_BYTES = 1024 * 1024

/**
 * Streams a CSV (or tab-separated "Unicode text") file as one sheet named after the file. The encoding is UTF-8
 * when the first megabyte is valid UTF-8 (a BOM is dropped), UTF-16 when it starts with that BOM, otherwise
 * Windows-1252, which is what Excel on English Windows writes for "CSV". The delimiter (comma, semicolon or tab)
 * is taken from the header line. Row numbers are record numbers, as a spreadsheet program would show them.
 */
export async function* readCsv(
  input: Readable,
  options: { sheetName: string; label?: string; limits?: ReadLimits },
): AsyncGenerator<ReadEvent> {
  const label = options.label ?? options.sheetName
  const limits = options.limits ?? DEFAULT_READ_LIMITS
  const text = decodedText(input)
  const first = await text.next()
  if (first.done || first.value.trim() === '') {
    yield { type: 'sheet', name: options.sheetName }
    return
  }
  const delimiter = sniffDelimiter(first.value)
  const probe = widthProbe(first.value, delimiter)
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: limits.maxRecordChars,
  })
  const feeding = (async () => {
    try {
      if (probe) parser.write(probe)
      parser.write(first.value)
      for await (const chunk of text) {
        if (parser.destroyed) return
        if (!parser.write(chunk)) await drainedOrClosed(parser)
      }
      parser.end()
    } catch (error) {
      parser.destroy(error as Error)
    }
  })()
  yield { type: 'sheet', name: options.sheetName }
  // The probe record, if any, comes out first and is not part of the file.
  const skipped = probe ? 1 : 0
  let rowNumber = -skipped
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1
      if (rowNumber < 1) continue
      const cells = record.length > limits.maxColumns ? record.slice(0, limits.maxColumns) : record
      if (cells.some(cell => cell !== '')) yield { type: 'row', rowNumber, cells }
    }
  } catch (error) {
    // Records parsed but not yet consumed are dropped when the parser fails, so ask the parser where it was.
    throw csvError(label, Math.max(rowNumber, parser.info.records - skipped) + 1, error)
  } finally {
    // The consumer may stop early (an error elsewhere): stop reading the file too.
    if (!parser.destroyed) parser.destroy()
    input.destroy()
    await feeding
  }
}

function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.once('drain', done)
    stream.once('close', done)
  })
}

function csvError(label: string, row: number, error: unknown): SpreadsheetError {
  if (error instanceof SpreadsheetError) return error
  const code = (error as { code?: string }).code
  if (code === 'CSV_QUOTE_NOT_CLOSED')
    return new SpreadsheetError(
      `${label}: a quoted value that starts in row ${row} is never closed. Check for a stray " in that row.`,
    )
  if (code === 'CSV_MAX_RECORD_SIZE')
    return new SpreadsheetError(
      `${label}: row ${row} is far longer than any Annex A row (more than a million characters).`,
    )
  return new SpreadsheetError(
    `${label}: row ${row} cannot be read as CSV (${(error as Error).message ?? String(error)}).`,
  )
}

/** Records looked at to learn the width of the data rows. */
const PROBE_RECORDS = 50

/**
 * csv-parse takes the first record's width as the file's, and with relax_column_count it still builds (and deep
 * copies into) an error object for every record of another width. A file whose first row is a short title
 * ("List 1: Contacts") would pay that on every data row, several times slower. So when the first record is not as
 * wide as most of the first 50, a blank record of the usual width is fed in front of the file (and dropped on the
 * way out): only the title rows are then "ragged". Returns that record, or null when no probe is needed.
 */
export function widthProbe(head: string, delimiter: string): string | null {
  let end = 0
  for (let lines = 0; lines < PROBE_RECORDS; lines += 1) {
    const next = head.indexOf('\n', end)
    if (next < 0) break
    end = next + 1
  }
  if (end === 0) return null
  let records: string[][]
  try {
    records = parseSync(head.slice(0, end), {
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][]
  } catch {
    return null // a quoted value running past the sample: read the file as it is
  }
  if (records.length < 2) return null
  const counts = new Map<number, number>()
  for (const record of records.slice(1)) counts.set(record.length, (counts.get(record.length) ?? 0) + 1)
  const [usual] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!
  if (usual <= 1 || usual === records[0]!.length) return null
  const lineEnd = /\r\n|\n|\r/.exec(head)?.[0] ?? '\n'
  return delimiter.repeat(usual - 1) + lineEnd
}

function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const counts = [',', ';', '\t'].map(delimiter => ({ delimiter, count: firstLine.split(delimiter).length - 1 }))
  counts.sort((a, b) => b.count - a.count)
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ','
}

/** Detects the encoding from the first megabyte, then decodes the rest chunk by chunk. */
async function* decodedText(input: Readable): AsyncGenerator<string> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const head: Buffer[] = []
  let headBytes = 0
  let ended = false
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      break
    }
    head.push(next.value)
    headBytes += next.value.length
  }
  const sample = Buffer.concat(head)
  const encoding = detectEncoding(sample)
  const decode = decoderFor(encoding)
  yield decode(sample, !ended)
  if (ended) return
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield decode(next.value, true)
  yield decode(Buffer.alloc(0), false)
}

export function detectEncoding(sample: Uint8Array): TextEncodingName {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return 'utf-8'
  } catch {
    return 'windows-1252'
  }
}

function decoderFor(encoding: TextEncodingName): (bytes: Uint8Array, more: boolean) => string {
  if (encoding === 'windows-1252') return bytes => decodeWindows1252(bytes)
  // Not fatal after the sample: a stray byte far down the file becomes U+FFFD and fails that cell's check.
  const decoder = new TextDecoder(encoding)
  return (bytes, more) => decoder.decode(bytes, { stream: more })
}
