/**
 * What an uploaded evidence file really is, decided from its bytes (magic numbers and, for ZIP-based office
 * files, the archive's own directory), never from its name or the browser's claimed type. Anything that is not
 * a document we can name is refused with a reason a person can act on. Pure: bytes in, verdict out.
 */

export type EvidenceFileKind =
  'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp' | 'png' | 'jpeg' | 'text' | 'csv'

export interface FileKindInfo {
  kind: EvidenceFileKind
  mediaType: string
  label: string
  /** Extensions a file of this kind may carry; the first is used when a name has none. */
  extensions: readonly string[]
}

export const FILE_KINDS: Readonly<Record<EvidenceFileKind, FileKindInfo>> = {
  pdf: { kind: 'pdf', mediaType: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  docx: {
    kind: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document',
    extensions: ['docx'],
  },
  xlsx: {
    kind: 'xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel workbook',
    extensions: ['xlsx'],
  },
  pptx: {
    kind: 'pptx',
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint presentation',
    extensions: ['pptx'],
  },
  odt: {
    kind: 'odt',
    mediaType: 'application/vnd.oasis.opendocument.text',
    label: 'OpenDocument text',
    extensions: ['odt'],
  },
  ods: {
    kind: 'ods',
    mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument spreadsheet',
    extensions: ['ods'],
  },
  odp: {
    kind: 'odp',
    mediaType: 'application/vnd.oasis.opendocument.presentation',
    label: 'OpenDocument presentation',
    extensions: ['odp'],
  },
  png: { kind: 'png', mediaType: 'image/png', label: 'PNG image', extensions: ['png'] },
  jpeg: { kind: 'jpeg', mediaType: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  text: { kind: 'text', mediaType: 'text/plain', label: 'plain text', extensions: ['txt', 'text', 'md'] },
  csv: { kind: 'csv', mediaType: 'text/csv', label: 'CSV', extensions: ['csv'] },
}

/** Every media type we ever store (and so ever send back): none of them is executable by a browser. */
export const STORED_MEDIA_TYPES: readonly string[] = Object.values(FILE_KINDS).map(info => info.mediaType)

export const ACCEPTED_FILE_DESCRIPTION = 'PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, plain text or CSV'

export type FileTypeVerdict = { ok: true; info: FileKindInfo } | { ok: false; reason: string }

const refuse = (reason: string): FileTypeVerdict => ({ ok: false, reason })
const accept = (kind: EvidenceFileKind): FileTypeVerdict => ({ ok: true, info: FILE_KINDS[kind] })

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false
  return signature.every((value, index) => bytes[at + index] === value)
}

const ascii = (text: string) => [...text].map(char => char.charCodeAt(0))

/** The extension of a file name, lower case, without the dot ('' when there is none). */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/** Decide the kind of a file from its content, then check that its name does not claim something else. */
export function detectEvidenceFileType(bytes: Uint8Array, filename: string): FileTypeVerdict {
  const verdict = detectFromContent(bytes, extensionOf(filename))
  if (!verdict.ok) return verdict
  const extension = extensionOf(filename)
  if (extension && !verdict.info.extensions.includes(extension)) {
    return refuse(
      `The file is called "${baseName(filename)}" but its content is ${article(verdict.info.label)}. Rename it with .${verdict.info.extensions[0]} or upload the right file.`,
    )
  }
  return verdict
}

function detectFromContent(bytes: Uint8Array, extension: string): FileTypeVerdict {
  if (bytes.length === 0) return refuse('The file is empty')
  if (startsWith(bytes, ascii('%PDF-'))) return accept('pdf')
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return accept('png')
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return accept('jpeg')
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return detectZip(bytes)
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return refuse('The file is an empty ZIP archive, not a document')
  const executable = executableKind(bytes)
  if (executable) return refuse(`The file is ${executable}: programs cannot be stored in the evidence bank`)
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return refuse(
      'The file is an old-style Office file (.doc, .xls or .ppt), which can carry macros: save it as .docx, .xlsx, .pptx or PDF and upload that',
    )
  }
  return detectText(bytes, extension)
}

function executableKind(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, ascii('MZ'))) return 'a Windows program (.exe or .dll)'
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'a Linux program (ELF)'
  for (const magic of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ])
    if (startsWith(bytes, magic)) return 'a macOS program or Java class'
  if (startsWith(bytes, ascii('#!'))) return 'a script'
  return undefined
}

const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|meta|link|style)\b/i

function detectText(bytes: Uint8Array, extension: string): FileTypeVerdict {
  const sample = bytes.subarray(0, 64 * 1024)
  let controls = 0
  for (const byte of sample) {
    if (byte === 0) return refuse(`The file's content is not a format we accept (${ACCEPTED_FILE_DESCRIPTION})`)
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls += 1
  }
  if (controls > sample.length / 100 + 1)
    return refuse(`The file's content is not a format we accept (${ACCEPTED_FILE_DESCRIPTION})`)
  const text = decodeSample(sample)
  const head = text.replace(/^\uFEFF/, '').trimStart()
  if (head.startsWith('<') || MARKUP.test(text)) {
    return refuse(
      'The file contains web page markup (HTML, SVG or XML), which could run in a browser: save it as PDF and upload that',
    )
  }
  return accept(extension === 'csv' ? 'csv' : 'text')
}

/** UTF-8 when it is valid, otherwise Windows-1252 (what Excel writes for CSV in England). */
function decodeSample(sample: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(sample)
  } catch {
    return new TextDecoder('windows-1252').decode(sample)
  }
}

interface ZipEntryNames {
  names: string[]
  firstEntry?: { name: string; stored: boolean; content: Uint8Array }
}

function detectZip(bytes: Uint8Array): FileTypeVerdict {
  const zip = readZipDirectory(bytes)
  if (!zip) return refuse('The file looks like a ZIP archive but is damaged or incomplete')
  const names = new Set(zip.names)
  const first = zip.firstEntry
  if (first?.name === 'mimetype' && first.stored) {
    const mimetype = new TextDecoder('utf-8').decode(first.content).trim()
    if (mimetype === FILE_KINDS.odt.mediaType) return accept('odt')
    if (mimetype === FILE_KINDS.ods.mediaType) return accept('ods')
    if (mimetype === FILE_KINDS.odp.mediaType) return accept('odp')
    return refuse(`The file is an OpenDocument file of a kind we do not accept (${mimetype.slice(0, 80)})`)
  }
  if (!names.has('[Content_Types].xml')) {
    return refuse(
      'The file is a ZIP archive, not a Word, Excel, PowerPoint or OpenDocument file (it has no content types entry)',
    )
  }
  if ([...names].some(name => /(^|\/)vbaProject\.bin$/i.test(name)))
    return refuse('The file contains macros: save it without macros (.docx, .xlsx or .pptx) and upload that')
  if (names.has('word/document.xml')) return accept('docx')
  if (names.has('xl/workbook.xml')) return accept('xlsx')
  if (names.has('ppt/presentation.xml')) return accept('pptx')
  return refuse('The file is an Office Open XML package but not a Word document, Excel workbook or presentation')
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
const u32 = (bytes: Uint8Array, at: number) => (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0

/** The names in a ZIP's central directory, and its first local entry (ODF puts an uncompressed 'mimetype' there). */
function readZipDirectory(bytes: Uint8Array): ZipEntryNames | undefined {
  const latin = new TextDecoder('utf-8')
  let firstEntry: ZipEntryNames['firstEntry']
  if (bytes.length >= 30) {
    const method = u16(bytes, 8)
    const compressedSize = u32(bytes, 18)
    const nameLength = u16(bytes, 26)
    const extraLength = u16(bytes, 28)
    const dataStart = 30 + nameLength + extraLength
    if (dataStart <= bytes.length) {
      firstEntry = {
        name: latin.decode(bytes.subarray(30, 30 + nameLength)),
        stored: method === 0,
        content: bytes.subarray(dataStart, Math.min(bytes.length, dataStart + Math.min(compressedSize, 200))),
      }
    }
  }
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const floor = Math.max(0, bytes.length - 22 - 0xffff)
  let end = -1
  for (let at = bytes.length - 22; at >= floor; at -= 1) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return undefined
  const count = u16(bytes, end + 10)
  let offset = u32(bytes, end + 16)
  const names: string[] = []
  for (let index = 0; index < count && index < 20_000; index += 1) {
    if (offset + 46 > bytes.length || u32(bytes, offset) !== 0x02014b50) return undefined
    const nameLength = u16(bytes, offset + 28)
    const extraLength = u16(bytes, offset + 30)
    const commentLength = u16(bytes, offset + 32)
    if (offset + 46 + nameLength > bytes.length) return undefined
    names.push(latin.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return firstEntry ? { names, firstEntry } : { names }
}

function baseName(filename: string): string {
  return (filename.split(/[\\/]/).pop() ?? filename).slice(0, 120)
}

function article(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`
}
