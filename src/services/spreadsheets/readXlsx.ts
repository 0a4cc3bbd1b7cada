import path from 'node:path'
import { Readable } from 'node:stream'
import type { SaxesTagPlain } from 'saxes'
import type { CellValue } from '../../domain/annex-a/index.js'
import { columnIndexOf, rowNumberOf } from './cellAddress.js'
import { DEFAULT_READ_LIMITS, SpreadsheetError, type ReadEvent, type ReadLimits } from './types.js'
import { attribute, localName, streamXml } from './xmlStream.js'
import { entryError, openZipArchive, readSmallEntry, type ZipArchive } from './zipArchive.js'

interface SheetRef {
  name: string
  part: string
}

const INDEX_PART_MAX_BYTES = 16 * 1024 * 1024
/** A worksheet name Excel invents (`Sheet1`): for a one-sheet workbook the file's name says more. */
const GENERIC_SHEET_NAME = /^sheet\s*\d*$/i

/**
 * Streams an .xlsx workbook: shared strings are loaded once (they are what cells point at), then each worksheet is
 * parsed as it is inflated. Cells come out as Excel stores them: numbers (date cells are serial numbers, which the
 * domain turns into dates), text, booleans, the cached value of formulas, and errors such as `#N/A` as text.
 */
export async function* readXlsx(
  filePath: string,
  options: { label?: string; limits?: ReadLimits; fileName?: string } = {},
): AsyncGenerator<ReadEvent> {
  const label = options.label ?? path.basename(filePath)
  const limits = options.limits ?? DEFAULT_READ_LIMITS
  const archive = await openZipArchive(filePath, label)
  try {
    if (!archive.has('xl/workbook.xml'))
      throw new SpreadsheetError(`${label} is a zip file but not an Excel workbook (it has no xl/workbook.xml).`)
    const sheets = await workbookSheets(archive, label)
    const sharedStrings = await readSharedStrings(archive, label, limits)
    const fileStem = path.basename(options.fileName ?? label).replace(/\.[^.]+$/, '')
    for (const sheet of sheets) {
      if (!archive.has(sheet.part))
        throw new SpreadsheetError(`${label}: sheet "${sheet.name}" is listed but missing from the file.`)
      if (archive.uncompressedSize(sheet.part) > limits.maxEntryBytes)
        throw new SpreadsheetError(
          `${label}: sheet "${sheet.name}" is larger than the upload limit allows once unpacked.`,
        )
      const name = sheets.length === 1 && GENERIC_SHEET_NAME.test(sheet.name) ? fileStem : sheet.name
      yield { type: 'sheet', name }
      try {
        yield* worksheetRows(await archive.open(sheet.part), sharedStrings, limits)
      } catch (error) {
        throw entryError(label, `sheet "${sheet.name}"`, error)
      }
    }
  } finally {
    archive.close()
  }
}

async function workbookSheets(archive: ZipArchive, label: string): Promise<SheetRef[]> {
  const targets = new Map<string, string>()
  if (archive.has('xl/_rels/workbook.xml.rels')) {
    const rels = await readSmallEntry(archive, 'xl/_rels/workbook.xml.rels', INDEX_PART_MAX_BYTES, label)
    for await (const rel of collect(rels, 'Relationship', tag => [attribute(tag, 'Id'), attribute(tag, 'Target')]))
      if (rel[0] && rel[1]) targets.set(rel[0], rel[1])
  }
  const workbook = await readSmallEntry(archive, 'xl/workbook.xml', INDEX_PART_MAX_BYTES, label)
  const sheets: SheetRef[] = []
  let position = 0
  for await (const [name, relId] of collect(workbook, 'sheet', tag => [attribute(tag, 'name'), attribute(tag, 'id')])) {
    position += 1
    const target = relId ? targets.get(relId) : undefined
    // Targets are relative to xl/ unless absolute; without relationships Excel's own layout is the best guess.
    const part = target
      ? target.startsWith('/')
        ? target.slice(1)
        : path.posix.join('xl', target)
      : `xl/worksheets/sheet${position}.xml`
    sheets.push({ name: name ?? `Sheet${position}`, part: path.posix.normalize(part) })
  }
  if (sheets.length === 0) throw new SpreadsheetError(`${label} is an Excel workbook with no sheets.`)
  return sheets
}

function collect<T>(xml: string, element: string, pick: (tag: SaxesTagPlain) => T): AsyncGenerator<T> {
  return streamXml<T>(Readable.from([xml]), emit => ({
    open: tag => {
      if (localName(tag.name) === element) emit(pick(tag))
    },
    close: () => undefined,
    text: () => undefined,
  }))
}

/** Shared strings, in order. Rich-text runs are joined; phonetic guides (`rPh`) are not part of the value. */
async function readSharedStrings(archive: ZipArchive, label: string, limits: ReadLimits): Promise<string[]> {
  const part = 'xl/sharedStrings.xml'
  if (!archive.has(part)) return []
  if (archive.uncompressedSize(part) > limits.maxEntryBytes)
    throw new SpreadsheetError(`${label}: its text table is larger than the upload limit allows once unpacked.`)
  const strings: string[] = []
  try {
    let current: string[] | null = null
    let inText = false
    let inPhonetic = false
    const items = streamXml<string>(await archive.open(part), emit => ({
      open: tag => {
        const name = localName(tag.name)
        if (name === 'si') current = []
        else if (name === 'rPh') inPhonetic = true
        else if (name === 't' && !inPhonetic) inText = true
      },
      close: qualified => {
        const name = localName(qualified)
        if (name === 't') inText = false
        else if (name === 'rPh') inPhonetic = false
        else if (name === 'si' && current) {
          emit(current.join(''))
          current = null
        }
      },
      text: text => {
        if (inText && current) current.push(text)
      },
    }))
    for await (const value of items) strings.push(value)
  } catch (error) {
    throw entryError(label, 'its text table', error)
  }
  return strings
}

interface CellState {
  column: number | null
  type: string
  value: string
  inValue: boolean
  inInlineText: boolean
}

function worksheetRows(
  stream: Readable,
  sharedStrings: readonly string[],
  limits: ReadLimits,
): AsyncGenerator<ReadEvent> {
  let cells: CellValue[] = []
  let rowNumber = 0
  let nextColumn = 0
  let cell: CellState | null = null
  let inRow = false

  const finishCell = () => {
    if (!cell) return
    const column = cell.column ?? nextColumn
    nextColumn = column + 1
    if (column < limits.maxColumns) {
      const value = cellValue(cell, sharedStrings)
      if (value !== null) {
        while (cells.length < column) cells.push(null)
        cells[column] = value
      }
    }
    cell = null
  }

  return streamXml<ReadEvent>(stream, emit => ({
    open: tag => {
      const name = localName(tag.name)
      if (name === 'row') {
        inRow = true
        cells = []
        nextColumn = 0
        rowNumber = rowNumberOf(attribute(tag, 'r')) ?? rowNumber + 1
      } else if (name === 'c' && inRow) {
        cell = {
          column: columnIndexOf(attribute(tag, 'r')),
          type: attribute(tag, 't') ?? 'n',
          value: '',
          inValue: false,
          inInlineText: false,
        }
      } else if (cell && name === 'v') cell.inValue = true
      else if (cell && name === 't') cell.inInlineText = true
    },
    close: qualified => {
      const name = localName(qualified)
      if (name === 'v' && cell) cell.inValue = false
      else if (name === 't' && cell) cell.inInlineText = false
      else if (name === 'c') finishCell()
      else if (name === 'row') {
        inRow = false
        if (cells.length > 0) emit({ type: 'row', rowNumber, cells })
      }
    },
    text: text => {
      if (cell && (cell.inValue || (cell.type === 'inlineStr' && cell.inInlineText))) cell.value += text
    },
  }))
}

function cellValue(cell: CellState, sharedStrings: readonly string[]): CellValue {
  const raw = cell.value
  switch (cell.type) {
    case 's': {
      const index = Number(raw)
      return raw === '' || !Number.isInteger(index) ? null : (sharedStrings[index] ?? null)
    }
    case 'inlineStr':
    case 'str':
    case 'e':
      return raw === '' ? null : raw
    case 'b':
      return raw === '' ? null : raw === '1' || raw.toLowerCase() === 'true'
    case 'd':
      // ISO 8601 date cells (rare; strict OOXML): the domain reads ISO text.
      return raw === '' ? null : raw
    default: {
      if (raw === '') return null
      const number = Number(raw)
      return Number.isFinite(number) ? number : raw
    }
  }
}
