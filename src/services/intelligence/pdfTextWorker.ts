import { parentPort } from 'node:worker_threads'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * Runs in a worker thread, never in the service's own thread: pdf.js's legacy build installs core-js polyfills
 * process-wide on load (Array.prototype.push and JSON.parse among them, both rewritten in JavaScript), which made
 * every push and JSON.parse in the service slower. Here they stay in this thread, with its own heap limit, so a
 * hostile PDF can exhaust only this worker.
 */

export interface PdfTextRequest {
  id: number
  content: Uint8Array
  maxPages: number
}

export type PdfTextReply =
  | { id: number; ok: true; text: string; pages: number }
  | { id: number; ok: false; reason: 'unreadable' | 'too-many-pages'; detail: string; pages?: number }

interface TextItem {
  str: string
  transform: number[]
  hasEOL: boolean
}

async function extract(request: PdfTextRequest): Promise<PdfTextReply> {
  const task = getDocument({
    data: request.content,
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
      const detail = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'unreadable'
      return { id: request.id, ok: false, reason: 'unreadable', detail }
    }
    if (document.numPages > request.maxPages)
      return { id: request.id, ok: false, reason: 'too-many-pages', detail: '', pages: document.numPages }
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push(linesOf(content.items as unknown as TextItem[]))
      page.cleanup()
    }
    return { id: request.id, ok: true, text: pages.join('\n\f\n'), pages: document.numPages }
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

parentPort?.on('message', (request: PdfTextRequest) => {
  extract(request).then(
    reply => parentPort!.postMessage(reply),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        reason: 'unreadable',
        detail: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 120) : 'unreadable',
      } satisfies PdfTextReply),
  )
})
