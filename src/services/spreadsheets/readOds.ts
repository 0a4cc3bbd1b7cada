import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { Readable } from 'node:stream'
import yauzl, { type Entry, type ZipFile } from 'yauzl'

/**
 * A streaming reader for OpenDocument spreadsheets (.ods). The file is a zip; the cells live in
 * content.xml, which we unzip and parse as a stream, so a file of any size is read in small memory.
 *
 * Rows are yielded with their 1-based row number. Empty rows are skipped (their numbers are not), and
 * runs of empty cells are never materialised: ODS files routinely repeat an empty cell 16,000 times
 * to reach the last column, or an empty row a million times to reach the last row.
 */

/** Dates and times come as ISO strings ('2019-02-18', '2019-02-18T09:30:00'), numbers as numbers. */
export type OdsCellValue = string | number | boolean | null

export interface OdsRow {
  sheet: string
  /** 1-based, as a spreadsheet shows it. */
  row: number
  /** Index 0 is column A. Trailing empty cells are trimmed; gaps are null. */
  cells: OdsCellValue[]
}

export interface ReadOdsOptions {
  /** Only these sheets (by name); all sheets when absent. Rows of other sheets are parsed but never built. */
  sheets?: readonly string[]
  /** Cells beyond this column are ignored (default 1,024; ODS allows 16,384). */
  maxColumns?: number
  /** A non-empty row repeated more than this is refused as hostile (default 10,000). */
  maxRepeatedRows?: number
  /** content.xml larger than this, uncompressed, is refused (default 1 GiB). */
  maxContentBytes?: number
}

/** The file is not a readable ODS spreadsheet; the message says why, in one line. */
export class OdsReadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OdsReadError'
  }
}

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet'
const DEFAULTS = { maxColumns: 1024, maxRepeatedRows: 10_000, maxContentBytes: 1024 ** 3 }

function positiveInteger(value: string | undefined): number {
  const parsed = value === undefined ? 1 : Number.parseInt(value, 10)
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 1
}

/** office:date-value is '2019-02-18T00:00:00' for a plain date; keep the time only when there is one. */
function dateValue(value: string): string {
  return value.replace(/T00:00:00(\.0+)?$/, '')
}

interface CellInProgress {
  type: string | undefined
  attributes: Record<string, string>
  repeat: number
  paragraphs: string[]
  current: string | null
}

function cellValue(cell: CellInProgress): OdsCellValue {
  const a = cell.attributes
  const text = cell.paragraphs.join('\n')
  switch (cell.type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const number = Number(a['office:value'])
      return Number.isFinite(number) ? number : text || null
    }
    case 'date':
      return a['office:date-value'] ? dateValue(a['office:date-value']) : text || null
    case 'time':
      return a['office:time-value'] ?? (text || null)
    case 'boolean':
      return a['office:boolean-value'] === 'true'
    case 'string':
      return a['office:string-value'] ?? text
    default:
      return text === '' ? null : text
  }
}

class ContentParser {
  readonly rows: OdsRow[] = []
  private readonly parser = new SaxesParser({ xmlns: false, position: false })
  private sheet: string | null = null
  private sheetWanted = false
  private rowNumber = 0
  private rowRepeat = 1
  private cells: OdsCellValue[] = []
  private column = 0
  private cell: CellInProgress | null = null
  /** Text inside comments (office:annotation) belongs to no cell value. */
  private annotationDepth = 0

  constructor(private readonly options: Required<Omit<ReadOdsOptions, 'sheets'>> & { sheets?: readonly string[] }) {
    this.parser.on('opentag', tag => this.open(tag))
    this.parser.on('closetag', tag => this.close(tag))
    this.parser.on('text', text => this.text(text))
    this.parser.on('cdata', text => this.text(text))
  }

  write(chunk: string): void {
    this.parser.write(chunk)
  }

  end(): void {
    this.parser.close()
  }

  private open(tag: SaxesTagPlain): void {
    const attributes = tag.attributes as Record<string, string>
    switch (tag.name) {
      case 'table:table':
        this.sheet = attributes['table:name'] ?? ''
        this.sheetWanted = !this.options.sheets || this.options.sheets.includes(this.sheet)
        this.rowNumber = 0
        return
      case 'table:table-row':
        this.rowRepeat = positiveInteger(attributes['table:number-rows-repeated'])
        this.cells = []
        this.column = 0
        return
      case 'table:table-cell':
      case 'table:covered-table-cell':
        this.cell = {
          type: attributes['office:value-type'],
          attributes,
          repeat: positiveInteger(attributes['table:number-columns-repeated']),
          paragraphs: [],
          current: null,
        }
        return
      case 'office:annotation':
        this.annotationDepth += 1
        return
    }
    if (!this.cell || this.annotationDepth > 0) return
    if (tag.name === 'text:p' || tag.name === 'text:h') this.cell.current = ''
    else if (tag.name === 'text:s') this.appendText(' '.repeat(Math.min(positiveInteger(attributes['text:c']), 1000)))
    else if (tag.name === 'text:tab') this.appendText('\t')
    else if (tag.name === 'text:line-break') this.appendText('\n')
  }

  private close(tag: SaxesTagPlain): void {
    switch (tag.name) {
      case 'table:table':
        this.sheet = null
        this.sheetWanted = false
        return
      case 'table:table-row':
        this.finishRow()
        return
      case 'table:table-cell':
      case 'table:covered-table-cell':
        this.finishCell()
        return
      case 'office:annotation':
        this.annotationDepth -= 1
        return
    }
    if (this.cell && this.annotationDepth === 0 && (tag.name === 'text:p' || tag.name === 'text:h')) {
      this.cell.paragraphs.push(this.cell.current ?? '')
      this.cell.current = null
    }
  }

  private text(text: string): void {
    if (this.annotationDepth === 0 && this.cell?.current !== null) this.appendText(text)
  }

  private appendText(text: string): void {
    if (this.cell && this.cell.current !== null) this.cell.current += text
  }

  private finishCell(): void {
    const cell = this.cell
    this.cell = null
    if (!cell) return
    const value = this.sheetWanted ? cellValue(cell) : null
    if (value === null || value === '') {
      // Runs of empty cells only move the column on: they are never built.
      this.column += cell.repeat
      return
    }
    const last = Math.min(this.column + cell.repeat, this.options.maxColumns)
    for (let index = this.column; index < last; index += 1) this.cells[index] = value
    this.column += cell.repeat
  }

  private finishRow(): void {
    const first = this.rowNumber + 1
    this.rowNumber += this.rowRepeat
    if (!this.sheetWanted || this.sheet === null || this.cells.length === 0) return
    if (this.rowRepeat > this.options.maxRepeatedRows) {
      throw new OdsReadError(
        `sheet '${this.sheet}' repeats row ${first} ${this.rowRepeat} times (more than ${this.options.maxRepeatedRows})`,
      )
    }
    const cells = Array.from(this.cells, value => value ?? null)
    for (let offset = 0; offset < this.rowRepeat; offset += 1) {
      this.rows.push({ sheet: this.sheet, row: first + offset, cells: offset === 0 ? cells : [...cells] })
    }
  }
}

function openZip(file: string | Buffer): Promise<ZipFile> {
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }
  return typeof file === 'string' ? yauzl.openPromise(file, options) : yauzl.fromBufferPromise(file, options)
}

async function readSmallEntry(zip: ZipFile, entry: Entry, limit: number): Promise<string> {
  if (entry.uncompressedSize > limit) return ''
  const chunks: Buffer[] = []
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function* readOrExplain(stream: Readable): AsyncGenerator<string> {
  try {
    for await (const chunk of stream) yield chunk as string
  } catch (error) {
    throw new OdsReadError(`cannot unzip content.xml: ${describe(error)}`)
  }
}

function writeOrExplain(parser: ContentParser, chunk: string | null): void {
  try {
    if (chunk === null) parser.end()
    else parser.write(chunk)
  } catch (error) {
    if (error instanceof OdsReadError) throw error
    throw new OdsReadError(`content.xml is not well-formed: ${describe(error)}`)
  }
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error'
}

/** Yields the non-empty rows of every sheet (or of the sheets asked for), in document order. */
export async function* readOdsRows(file: string | Buffer, options: ReadOdsOptions = {}): AsyncGenerator<OdsRow> {
  const settings = { ...DEFAULTS, ...options }
  let zip: ZipFile
  try {
    zip = await openZip(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code) throw new OdsReadError(`cannot open the file (${code === 'ENOENT' ? 'no such file' : code})`)
    throw new OdsReadError(`not an ODS spreadsheet (not a readable zip file: ${describe(error)})`)
  }
  let stream: Readable | undefined
  try {
    let content: Entry | undefined
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName === 'mimetype') {
        const mimetype = (await readSmallEntry(zip, entry, 200)).trim()
        if (mimetype !== ODS_MIMETYPE) {
          throw new OdsReadError(`not an ODS spreadsheet (its mimetype is '${mimetype.slice(0, 80)}')`)
        }
      }
      if (entry.fileName === 'content.xml') {
        content = entry
        break
      }
    }
    if (!content) throw new OdsReadError('not an ODS spreadsheet (it has no content.xml)')
    if (content.uncompressedSize > settings.maxContentBytes) {
      throw new OdsReadError(`content.xml is ${content.uncompressedSize} bytes, more than ${settings.maxContentBytes}`)
    }
    const parser = new ContentParser(settings)
    try {
      stream = await zip.openReadStreamPromise(content)
    } catch (error) {
      throw new OdsReadError(`cannot unzip content.xml: ${describe(error)}`)
    }
    stream.setEncoding('utf8')
    for await (const chunk of readOrExplain(stream)) {
      writeOrExplain(parser, chunk)
      // Hand over what this chunk completed before reading more: memory stays at one chunk's rows.
      yield* parser.rows.splice(0)
    }
    writeOrExplain(parser, null)
    yield* parser.rows.splice(0)
  } finally {
    // Also runs when the caller stops early (break): never leave the file open.
    stream?.destroy()
    zip.close()
  }
}
