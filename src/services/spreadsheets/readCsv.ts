import type { Readable } from 'node:stream'
import { CsvRecordError, createCsvRecordSplitter } from './csvRecords.js'
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
  const splitter = createCsvRecordSplitter({ delimiter, maxRecordChars: limits.maxRecordChars })
  yield { type: 'sheet', name: options.sheetName }
  let rowNumber = 0
  try {
    let chunk: IteratorResult<string> = first
    for (;;) {
      const records = chunk.done ? splitter.end() : splitter.push(chunk.value)
      for (const record of records) {
        rowNumber += 1
        const cells = record.length > limits.maxColumns ? record.slice(0, limits.maxColumns) : record
        if (hasText(cells)) yield { type: 'row', rowNumber, cells }
      }
      if (chunk.done) break
      chunk = await text.next()
    }
  } catch (error) {
    throw csvError(label, error)
  } finally {
    // The consumer may stop early (an error elsewhere): stop reading the file too.
    input.destroy()
  }
}

function hasText(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== '') return true
  return false
}

function csvError(label: string, error: unknown): Error {
  if (!(error instanceof CsvRecordError)) return error as Error
  return error.reason === 'quote-not-closed'
    ? new SpreadsheetError(
        `${label}: a quoted value that starts in row ${error.record} is never closed. Check for a stray " in that row.`,
      )
    : new SpreadsheetError(
        `${label}: row ${error.record} is far longer than any Annex A row (more than a million characters).`,
      )
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
