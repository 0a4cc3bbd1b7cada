import { createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { readOdsEvents } from './odsEvents.js'
import { readCsv } from './readCsv.js'
import { readXlsx } from './readXlsx.js'
import { DEFAULT_READ_LIMITS, SpreadsheetError, type ReadEvent, type ReadLimits } from './types.js'
import { entryError, openZipArchive } from './zipArchive.js'

const LIST_FILE = /\.(csv|txt|tsv|xlsx|ods)$/i

/** Folders and files that zip tools add and that are never lists (`__MACOSX/`, `.DS_Store`, `~$` lock files). */
function isNoise(name: string): boolean {
  const base = path.posix.basename(name)
  return name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('.') || base.startsWith('~$')
}

/**
 * A zip of per-list files (one CSV, XLSX or ODS per list), read in name order. CSVs stream straight out of the zip;
 * a workbook inside the zip is unpacked to a private temporary file first, because its own zip index must be read
 * with random access. Each file's name (without extension) names its sheet, so `List 3.csv` is List 3.
 */
export async function* readZipOfLists(
  filePath: string,
  options: { label?: string; limits?: ReadLimits } = {},
): AsyncGenerator<ReadEvent> {
  const label = options.label ?? path.basename(filePath)
  const limits = options.limits ?? DEFAULT_READ_LIMITS
  const archive = await openZipArchive(filePath, label)
  let tempDir: string | undefined
  try {
    const names = archive.entryNames.filter(name => !isNoise(name) && LIST_FILE.test(name)).sort()
    if (names.length === 0) throw new SpreadsheetError(`${label} is a zip file with no CSV, XLSX or ODS files in it.`)
    for (const name of names) {
      const entryLabel = `${label} › ${name}`
      if (archive.uncompressedSize(name) > limits.maxEntryBytes)
        throw new SpreadsheetError(`${entryLabel} is larger than the upload limit allows once unpacked.`)
      const stem = path.posix.basename(name).replace(/\.[^.]+$/, '')
      if (/\.(csv|txt|tsv)$/i.test(name)) {
        try {
          yield* readCsv(await archive.open(name), { sheetName: stem, label: entryLabel, limits })
        } catch (error) {
          throw entryError(label, `"${name}"`, error)
        }
        continue
      }
      tempDir ??= await fs.mkdtemp(path.join(os.tmpdir(), 'annex-a-zip-'))
      const unpacked = path.join(tempDir, `entry${path.extname(name).toLowerCase()}`)
      try {
        await pipeline(await archive.open(name), createWriteStream(unpacked, { mode: 0o600 }))
      } catch (error) {
        throw entryError(label, `"${name}"`, error)
      }
      const reader = /\.ods$/i.test(name)
        ? readOdsEvents(unpacked, { label: entryLabel, limits })
        : readXlsx(unpacked, { label: entryLabel, limits, fileName: name })
      for await (const event of reader) {
        // A one-sheet workbook in a zip is named by its file; several sheets keep their own names.
        yield event.type === 'sheet' && /^sheet\s*\d*$/i.test(event.name) ? { type: 'sheet', name: stem } : event
      }
      await fs.rm(unpacked, { force: true })
    }
  } finally {
    archive.close()
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true })
  }
}
