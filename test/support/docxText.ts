import assert from 'node:assert/strict'
import yauzl from 'yauzl'

/** The text of word/document.xml: every <w:t> run, in order, one paragraph a line. */
export async function docxText(bytes: Buffer): Promise<{ xml: string; text: string }> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true })
  let xml: string | undefined
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName !== 'word/document.xml') continue
    const stream = await zip.openReadStreamPromise(entry)
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    xml = Buffer.concat(chunks).toString('utf8')
  }
  zip.close()
  assert.ok(xml, 'the package has word/document.xml')
  const text = xml
    .split(/<\/w:p>/)
    .map(paragraph =>
      [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
        .map(match => match[1]!)
        .join('')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .filter(line => line !== '')
    .join('\n')
  return { xml, text }
}
