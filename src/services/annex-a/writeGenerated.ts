import { createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import ExcelJS from 'exceljs'
import type { CellValue, GeneratedAnnexA } from '../../domain/annex-a/index.js'

/** Writes synthetic Annex A as one XLSX in the template layout, streamed so large workbooks fit in memory. */
export async function writeGeneratedXlsx(generated: GeneratedAnnexA, filePath: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: false,
    useSharedStrings: true,
  })
  for (const sheet of generated.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name)
    for (const row of sheet.rows) worksheet.addRow(row.map(cell => cell ?? null)).commit()
    worksheet.commit()
  }
  await workbook.commit()
}

/** Writes one CSV per list (`List 1.csv` …) into a directory. */
export async function writeGeneratedCsvs(generated: GeneratedAnnexA, directory: string): Promise<string[]> {
  await fs.mkdir(directory, { recursive: true })
  const files: string[] = []
  for (const sheet of generated.sheets) {
    const file = path.join(directory, `${sheet.name.replace(/[^\w -]/g, '_')}.csv`)
    const out = createWriteStream(file)
    // Every row as wide as the widest, as Excel writes CSV.
    const width = sheet.rows.reduce((widest, row) => Math.max(widest, row.length), 0)
    for (const row of sheet.rows) {
      const cells = row.length < width ? [...row, ...Array<CellValue>(width - row.length).fill(null)] : row
      if (!out.write(`${cells.map(csvCell).join(',')}\r\n`))
        await new Promise<void>(resolve => out.once('drain', () => resolve()))
    }
    out.end()
    await finished(out)
    files.push(file)
  }
  return files
}

function csvCell(cell: CellValue): string {
  if (cell === null || cell === undefined) return ''
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
