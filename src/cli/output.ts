/**
 * The CLI convention: with --json, machine-readable output on stdout and nothing else there;
 * messages go to stderr. Exit 0 on success, 2 on unusable input (with a one-line reason), 1 on failure.
 */
export class UsageError extends Error {}

export interface Output {
  json: boolean
  result(data: unknown, human: string): void
  message(text: string): void
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(data, human) {
      process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`)
    },
    message(text) {
      process.stderr.write(`${text}\n`)
    },
  }
}
