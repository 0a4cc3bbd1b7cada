import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** Reads the text of a report PDF, one printed line per line and a form feed between pages. Never runs PDF scripts. */

export class ReportPdfError extends Error {}

export const MAX_REPORT_PDF_BYTES = 20 * 1024 * 1024
export const MAX_REPORT_PAGES = 200

export interface ReportPdfText {
  text: string
  pages: number
}

interface TextItem {
  str: string
  transform: number[]
  hasEOL: boolean
}

export async function readReportPdf(content: Uint8Array, fileName: string): Promise<ReportPdfText> {
  if (content.length === 0) throw new ReportPdfError(`${fileName} is empty`)
  if (content.length > MAX_REPORT_PDF_BYTES)
    throw new ReportPdfError(`${fileName} is larger than ${MAX_REPORT_PDF_BYTES / 1024 / 1024} MB`)
  if (Buffer.from(content.subarray(0, 5)).toString('latin1') !== '%PDF-')
    throw new ReportPdfError(`${fileName} is not a PDF file`)
  // pdf.js takes ownership of the buffer it is given, so it gets a copy.
  const task = getDocument({
    data: new Uint8Array(content),
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  })
  try {
    let document
    try {
      document = await task.promise
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'unreadable'
      throw new ReportPdfError(`${fileName} cannot be read as a PDF (${reason})`)
    }
    if (document.numPages > MAX_REPORT_PAGES)
      throw new ReportPdfError(`${fileName} has ${document.numPages} pages; a report has at most ${MAX_REPORT_PAGES}`)
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push(linesOf(content.items as unknown as TextItem[]))
      page.cleanup()
    }
    return { text: pages.join('\n\f\n'), pages: document.numPages }
  } finally {
    await task.destroy()
  }
}

/** Items on one baseline make one line; pdf.js marks some line ends itself. */
function linesOf(items: readonly TextItem[]): string {
  let text = ''
  let lastY: number | undefined
  for (const item of items) {
    if (typeof item.str !== 'string') continue
    const y = item.transform[5] ?? 0
    if (lastY !== undefined && Math.abs(y - lastY) > 1 && !text.endsWith('\n')) text += '\n'
    text += item.str
    if (item.hasEOL) text += '\n'
    lastY = y
  }
  return text
}
