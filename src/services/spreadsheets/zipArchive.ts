import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { SpreadsheetError } from './types.js'

export interface ZipArchive {
  readonly entryNames: readonly string[]
  has(name: string): boolean
  uncompressedSize(name: string): number
  /** A stream of one entry's bytes; yauzl checks the real size against the declared one as it goes. */
  open(name: string): Promise<Readable>
  close(): void
}

const MAX_ENTRIES = 10_000

/** Opens a zip (xlsx, ods or a zip of lists) for random access. Reads only the central directory up front. */
export async function openZipArchive(filePath: string, label: string): Promise<ZipArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(
      filePath,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false },
      (error, file) => (error ? reject(error) : resolve(file)),
    )
  }).catch((error: Error) => {
    throw new SpreadsheetError(
      `${label} is damaged or not a complete file (${error.message}). Save it again and upload it again.`,
    )
  })
  const entries = new Map<string, yauzl.Entry>()
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entries.size >= MAX_ENTRIES) {
          reject(new SpreadsheetError(`${label} holds more than ${MAX_ENTRIES} parts, which no spreadsheet needs.`))
          return
        }
        entries.set(entry.fileName, entry)
        zip.readEntry()
      })
      zip.on('end', () => resolve())
      zip.on('error', reject)
      zip.readEntry()
    })
  } catch (error) {
    zip.close()
    if (error instanceof SpreadsheetError) throw error
    throw new SpreadsheetError(`${label} is damaged (${(error as Error).message}). Save it again and upload it again.`)
  }

  const entryFor = (name: string) => {
    const entry = entries.get(name)
    if (!entry) throw new SpreadsheetError(`${label} has no part called "${name}".`)
    return entry
  }
  return {
    entryNames: [...entries.keys()],
    has: name => entries.has(name),
    uncompressedSize: name => entryFor(name).uncompressedSize,
    open(name) {
      const entry = entryFor(name)
      return new Promise((resolve, reject) =>
        zip.openReadStream(entry, (error, stream) =>
          error
            ? reject(new SpreadsheetError(`${label}: the part "${name}" cannot be read (${error.message}).`))
            : resolve(stream),
        ),
      )
    },
    close: () => zip.close(),
  }
}

/** Reads a small entry whole (workbook index, relationships), refusing anything larger than expected. */
export async function readSmallEntry(
  archive: ZipArchive,
  name: string,
  maxBytes: number,
  label: string,
): Promise<string> {
  if (archive.uncompressedSize(name) > maxBytes)
    throw new SpreadsheetError(`${label}: the part "${name}" is larger than a spreadsheet's index should be.`)
  const chunks: Buffer[] = []
  for await (const chunk of await archive.open(name)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Wraps stream errors (a truncated or tampered entry) as a precise, user-facing message. */
export function entryError(label: string, what: string, error: unknown): SpreadsheetError {
  if (error instanceof SpreadsheetError) return error
  const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]
  return new SpreadsheetError(`${label}: ${what} is damaged (${detail}). Save the file again and upload it again.`)
}
