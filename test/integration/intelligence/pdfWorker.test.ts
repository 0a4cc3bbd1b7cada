import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import { readReportPdf, ReportPdfError } from '../../../src/services/intelligence/readReportPdf.js'

const REPORT = path.resolve('..', 'shared', 'data', 'ofsted', 'reports', 'barnsley_27-october-2023.pdf')

const isNative = (fn: unknown) => typeof fn === 'function' && /\{\s*\[native code\]\s*\}$/.test(String(fn))

describe('report PDFs are read in a worker thread', () => {
  it("leaves the service thread's built-ins alone (pdf.js's polyfills made push and JSON.parse slow everywhere)", async () => {
    const { text, pages } = await readReportPdf(await readFile(REPORT), 'barnsley.pdf')
    assert.equal(pages, 13)
    assert.match(text, /Barnsley/)
    assert.ok(isNative(Array.prototype.push), 'Array.prototype.push is still native')
    assert.ok(isNative(JSON.parse), 'JSON.parse is still native')
    assert.equal((globalThis as Record<string, unknown>).pdfjsLib, undefined)
  })

  it('reads files one after another and in parallel with the same answers', async () => {
    const content = await readFile(REPORT)
    const one = await readReportPdf(content, 'a.pdf')
    const many = await Promise.all([1, 2, 3].map(n => readReportPdf(content, `${n}.pdf`)))
    for (const result of many) assert.equal(result.text, one.text)
  })

  it('refuses a broken PDF with a precise message, and the next file still reads', async () => {
    await assert.rejects(
      readReportPdf(Buffer.from('%PDF-1.7\nnot really a pdf'), 'broken.pdf'),
      (error: unknown) =>
        error instanceof ReportPdfError && /^broken\.pdf cannot be read as a PDF \(/.test(error.message),
    )
    const { pages } = await readReportPdf(await readFile(REPORT), 'after.pdf')
    assert.equal(pages, 13)
  })
})
