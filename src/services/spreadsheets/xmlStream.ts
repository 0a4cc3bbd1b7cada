import type { Readable } from 'node:stream'
import { SaxesParser, type SaxesTagPlain } from 'saxes'

export interface XmlHandlers {
  open(tag: SaxesTagPlain): void
  close(name: string): void
  text(text: string): void
}

/** `x:row` and `row` are the same element: some writers prefix the spreadsheet namespace. */
export function localName(qualified: string): string {
  const colon = qualified.indexOf(':')
  return colon === -1 ? qualified : qualified.slice(colon + 1)
}

/** An attribute by its local name, whatever prefix the writer chose. */
export function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) if (localName(key) === name) return value
  return undefined
}

/**
 * Feeds a stream through a SAX parser chunk by chunk and yields what the handlers queued after each chunk, so a
 * worksheet of any size is read with memory bounded by one chunk plus one row. saxes does not expand DTD entities,
 * so entity-expansion attacks fail as parse errors instead of eating memory.
 */
export async function* streamXml<T>(
  stream: Readable,
  build: (emit: (item: T) => void) => XmlHandlers,
): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: false, position: true })
  const queue: T[] = []
  const handlers = build(item => queue.push(item))
  parser.on('opentag', tag => handlers.open(tag as SaxesTagPlain))
  parser.on('closetag', tag => handlers.close(tag.name))
  parser.on('text', text => handlers.text(text))
  parser.on('cdata', text => handlers.text(text))
  stream.setEncoding('utf8')
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string)
      while (queue.length > 0) yield queue.shift() as T
    }
    parser.close()
    while (queue.length > 0) yield queue.shift() as T
  } finally {
    stream.destroy()
  }
}
