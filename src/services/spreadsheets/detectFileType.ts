import fs from 'node:fs/promises'
import { SpreadsheetError, type SpreadsheetKind } from './types.js'
import { openZipArchive, readSmallEntry } from './zipArchive.js'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06]
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet'

export const LEGACY_XLS_MESSAGE =
  'is an Excel 97–2003 (.xls) workbook or a password-protected workbook, which cannot be read safely. Open it in Excel, choose File > Save As > Excel Workbook (.xlsx), remove any password, and upload the .xlsx file.'

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((byte, index) => bytes[index] === byte)

/**
 * Decides what a file is from its content, never its name: people rename files, and a .csv that is really a
 * workbook (or the reverse) must still be read, or refused with the real reason.
 */
export async function detectFileType(filePath: string, label: string): Promise<SpreadsheetKind> {
  const handle = await fs.open(filePath, 'r')
  let head: Buffer
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    head = buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  if (head.length === 0) throw new SpreadsheetError(`${label} is empty.`)
  if (startsWith(head, OLE2_MAGIC)) throw new SpreadsheetError(`${label} ${LEGACY_XLS_MESSAGE}`)
  if (startsWith(head, EMPTY_ZIP_MAGIC)) throw new SpreadsheetError(`${label} is an empty zip file.`)
  if (startsWith(head, ZIP_MAGIC)) return zipKind(filePath, label)
  if (head.subarray(0, 5).toString('latin1') === '%PDF-')
    throw new SpreadsheetError(`${label} is a PDF. Upload the Annex A workbook itself (.xlsx, .ods or .csv).`)
  const utf16 = head[0] === 0xff && head[1] === 0xfe
  if (!utf16 && head.includes(0)) throw new SpreadsheetError(`${label} is not a spreadsheet or CSV file we can read.`)
  return 'csv'
}

async function zipKind(filePath: string, label: string): Promise<SpreadsheetKind> {
  const archive = await openZipArchive(filePath, label)
  try {
    if (archive.has('xl/workbook.xml')) return 'xlsx'
    if (archive.has('mimetype')) {
      const mimetype = (await readSmallEntry(archive, 'mimetype', 200, label)).trim()
      if (mimetype === ODS_MIMETYPE) return 'ods'
      throw new SpreadsheetError(`${label} is an OpenDocument file but not a spreadsheet (${mimetype.slice(0, 80)}).`)
    }
    if (archive.has('word/document.xml')) throw new SpreadsheetError(`${label} is a Word document, not a spreadsheet.`)
    return 'zip'
  } finally {
    archive.close()
  }
}
