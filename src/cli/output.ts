import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The CLI convention: with --json, machine-readable output on stdout and nothing else there;
 * messages go to stderr. Exit 0 on success, 2 on unusable input (with a one-line reason), 1 on failure.
 */
export class UsageError extends Error {}

/** Where a command writes. The process's streams, or a capture when a test runs a command in-process. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
}

const processIo: CliIo = {
  stdout: text => void process.stdout.write(text),
  stderr: text => void process.stderr.write(text),
}

const ioOfThisRun = new AsyncLocalStorage<CliIo>()

export function currentIo(): CliIo {
  return ioOfThisRun.getStore() ?? processIo
}

export function withIo<T>(io: CliIo | undefined, work: () => Promise<T>): Promise<T> {
  return ioOfThisRun.run(io ?? processIo, work)
}

export interface Output {
  json: boolean
  result(data: unknown, human: string): void
  message(text: string): void
}

export function createOutput(json: boolean): Output {
  const io = currentIo()
  return {
    json,
    result(data, human) {
      io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`)
    },
    message(text) {
      io.stderr(`${text}\n`)
    },
  }
}
