import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { detectFileType } from './detectFileType.js'
import { readOdsEvents } from './odsEvents.js'
import { readCsv } from './readCsv.js'
import { readXlsx } from './readXlsx.js'
import { readZipOfLists } from './readZipOfLists.js'
import {
  DEFAULT_READ_LIMITS,
  SpreadsheetError,
  type ReadEvent,
  type ReadLimits,
  type SpreadsheetKind,
} from './types.js'

export interface OpenedSpreadsheet {
  readonly kind: SpreadsheetKind
  readonly events: AsyncIterable<ReadEvent>
}

export interface OpenOptions {
  /** The name the person gave the file (an upload's temp file has none); used for messages and CSV sheet names. */
  readonly displayName?: string
  /** Files larger than this are refused before reading (bytes). */
  readonly maxFileBytes?: number
  readonly limits?: ReadLimits
}

export const DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024

/** Opens any supported Annex A upload, deciding the reader from the file's content. */
export async function openSpreadsheet(filePath: string, options: OpenOptions = {}): Promise<OpenedSpreadsheet> {
  const label = options.displayName ?? path.basename(filePath)
  const limits = options.limits ?? DEFAULT_READ_LIMITS
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const stat = await fs.stat(filePath).catch(() => {
    throw new SpreadsheetError(`${label} cannot be found or opened.`)
  })
  if (!stat.isFile()) throw new SpreadsheetError(`${label} is not a file.`)
  if (stat.size > maxFileBytes)
    throw new SpreadsheetError(
      `${label} is ${megabytes(stat.size)}; the largest file accepted is ${megabytes(maxFileBytes)}.`,
    )
  const kind = await detectFileType(filePath, label)
  const stem = path.basename(label).replace(/\.[^.]+$/, '')
  const events =
    kind === 'xlsx'
      ? readXlsx(filePath, { label, limits })
      : kind === 'ods'
        ? readOdsEvents(filePath, { label, limits })
        : kind === 'zip'
          ? readZipOfLists(filePath, { label, limits })
          : csvWhenRead(filePath, { sheetName: stem, label, limits })
  return { kind, events }
}

/**
 * The CSV file is opened when its rows are first asked for, not when it is opened here: a stream opened early and read
 * later (the eleventh of eleven lists) had no listener for an error such as the file disappearing meanwhile (a
 * cancelled background import deletes its files), and an unheard stream error stops the whole process.
 */
async function* csvWhenRead(filePath: string, options: Parameters<typeof readCsv>[1]): AsyncGenerator<ReadEvent> {
  yield* readCsv(createReadStream(filePath), options)
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}
