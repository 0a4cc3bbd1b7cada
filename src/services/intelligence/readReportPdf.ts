import { Worker } from 'node:worker_threads'
import type { PdfTextReply, PdfTextRequest } from './pdfTextWorker.js'

/** Reads the text of a report PDF, one printed line per line and a form feed between pages. Never runs PDF scripts. */

export class ReportPdfError extends Error {}

export const MAX_REPORT_PDF_BYTES = 20 * 1024 * 1024
export const MAX_REPORT_PAGES = 200
/** A report of 200 pages reads in a few seconds; anything slower is stuck or hostile. */
const PDF_TIMEOUT_MS = 60_000
/** The worker is kept for the next file this long, then let go: reports come in batches, rarely. */
const WORKER_IDLE_MS = 30_000
const WORKER_HEAP_MB = 256
const WORKER_YOUNG_HEAP_MB = 32

export interface ReportPdfText {
  text: string
  pages: number
}

export async function readReportPdf(content: Uint8Array, fileName: string): Promise<ReportPdfText> {
  if (content.length === 0) throw new ReportPdfError(`${fileName} is empty`)
  if (content.length > MAX_REPORT_PDF_BYTES)
    throw new ReportPdfError(`${fileName} is larger than ${MAX_REPORT_PDF_BYTES / 1024 / 1024} MB`)
  if (Buffer.from(content.subarray(0, 5)).toString('latin1') !== '%PDF-')
    throw new ReportPdfError(`${fileName} is not a PDF file`)
  // pdf.js takes ownership of the buffer it is given, so the worker gets a copy.
  const reply = await pdfWorker.extract(new Uint8Array(content))
  if (reply.ok) return { text: reply.text, pages: reply.pages }
  if (reply.reason === 'too-many-pages')
    throw new ReportPdfError(`${fileName} has ${reply.pages} pages; a report has at most ${MAX_REPORT_PAGES}`)
  throw new ReportPdfError(`${fileName} cannot be read as a PDF (${reply.detail})`)
}

/**
 * One worker thread for pdf.js (see pdfTextWorker.ts for why), started on first use, one file at a time, ended when
 * idle. A file that crashes the worker, exhausts its heap or takes too long fails alone; the next file gets a new one.
 */
const pdfWorker = (() => {
  let worker: Worker | null = null
  let idleTimer: NodeJS.Timeout | null = null
  let nextId = 0
  let queue: Promise<unknown> = Promise.resolve()

  // Under tsx (tests, `npm run dev`) this module is TypeScript and the worker needs tsx too; built, both are JavaScript.
  const fromSource = import.meta.url.endsWith('.ts')
  const start = () =>
    fromSource
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(tsx => {
             tsx.register()
             return import(${JSON.stringify(new URL('./pdfTextWorker.ts', import.meta.url).href)})
           })`,
          {
            eval: true,
            resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_HEAP_MB },
          },
        )
      : new Worker(new URL('./pdfTextWorker.js', import.meta.url), {
          resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_HEAP_MB },
        })

  function stop() {
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = null
    const ending = worker
    worker = null
    void ending?.terminate()
  }

  function run(content: Uint8Array<ArrayBuffer>): Promise<PdfTextReply> {
    if (idleTimer) clearTimeout(idleTimer)
    if (!worker) {
      const started = start()
      // Always listened to, so an error or exit between files (pdf.js failing after a file was done) cannot become
      // an uncaught exception in the service: the worker is let go, and the next file starts a new one.
      started.on('error', () => undefined)
      started.on('exit', () => {
        if (worker === started) worker = null
      })
      worker = started
    }
    const current = worker
    // Busy, the worker keeps the process alive (a CLI run waits for it); idle, it must not.
    current.ref()
    const id = (nextId += 1)
    return new Promise<PdfTextReply>(resolve => {
      const finish = (reply: PdfTextReply, keep: boolean) => {
        clearTimeout(timeout)
        current.off('message', onMessage)
        current.off('error', onError)
        current.off('exit', onExit)
        if (!keep) stop()
        else {
          current.unref()
          idleTimer = setTimeout(stop, WORKER_IDLE_MS).unref()
        }
        resolve(reply)
      }
      const fail = (detail: string) => finish({ id, ok: false, reason: 'unreadable', detail }, false)
      const onMessage = (reply: PdfTextReply) => {
        if (reply.id === id) finish(reply, true)
      }
      const onError = (error: Error) => fail(error.message.split('\n')[0]!.slice(0, 120))
      const onExit = () => fail('the reader stopped')
      const timeout = setTimeout(() => fail(`it took longer than ${PDF_TIMEOUT_MS / 1000} seconds`), PDF_TIMEOUT_MS)
      current.on('message', onMessage)
      current.on('error', onError)
      current.on('exit', onExit)
      current.postMessage({ id, content, maxPages: MAX_REPORT_PAGES } satisfies PdfTextRequest, [content.buffer])
    })
  }

  return {
    extract(content: Uint8Array<ArrayBuffer>): Promise<PdfTextReply> {
      const result = queue.then(() => run(content))
      queue = result.catch(() => undefined)
      return result
    },
  }
})()
