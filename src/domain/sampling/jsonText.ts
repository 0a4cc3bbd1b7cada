export type JsonTextResult = { ok: true; value: unknown } | { ok: false; problem: string }

/**
 * Parses JSON someone pasted or uploaded, and when it is not JSON says where (line and column), since the
 * parser's own message gives only a character offset, and sometimes not even that.
 */
export function readJsonText(text: string): JsonTextResult {
  if (text.trim() === '') return { ok: false, problem: 'Enter the JSON' }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable'
    const offset = /at position (\d+)/.exec(message)
    // The parser quotes the text back ("…" is not valid JSON); the line and column say where instead.
    const reason = message
      .replace(/ in JSON at position \d+[\s\S]*$/, '')
      .replace(/, (\.\.\.)?"[\s\S]*$/, '')
      .split('\n')[0]!
    // A complaint about the very end (a missing `]` after the last element) means the text was cut short.
    if (/Unexpected end of JSON input/.test(message) || (offset && Number(offset[1]) >= text.trimEnd().length))
      return { ok: false, problem: 'The JSON ends too soon: a closing bracket or quote is missing' }
    if (offset) {
      const { line, column } = lineAndColumn(text, Number(offset[1]))
      return { ok: false, problem: `The JSON is not valid at line ${line}, column ${column}: ${reason}` }
    }
    const { line, column } = lineAndColumn(text, firstBrokenOffset(text))
    return { ok: false, problem: `The JSON is not valid at line ${line}, column ${column}: ${reason}` }
  }
}

/**
 * Where the text stops being the start of some JSON value, for the messages that carry no offset ("Unexpected
 * token"): the shortest prefix that is not merely unfinished, found by halving (about 17 parses for 100 kB).
 */
function firstBrokenOffset(text: string): number {
  const broken = (length: number) => {
    try {
      JSON.parse(text.slice(0, length))
      return false
    } catch (error) {
      const message = error instanceof Error ? error.message : ''
      if (/Unexpected end of JSON input/.test(message)) return false
      const offset = /at position (\d+)/.exec(message)
      return !offset || Number(offset[1]) < length
    }
  }
  let low = 0
  let high = text.length
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    if (broken(middle)) high = middle
    else low = middle + 1
  }
  return Math.max(0, low - 1)
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}
