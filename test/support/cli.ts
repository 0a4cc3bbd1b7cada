import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const MAIN = path.resolve('src/cli/index.ts')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `readiness …` from source, as a separate process, with the environment given. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('close', code => resolve({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

export interface ServingProcess {
  child: ChildProcess
  url: string
  output(): string
}

/** Starts `readiness serve` and resolves once it says where it is listening. */
export function startServing(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServingProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
      env: { ...process.env, PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${output}`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ child, url: match[1], output: () => output })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', code => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}:\n${output}`))
    })
  })
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise(resolve => child.once('exit', code => resolve(code)))
}

/**
 * Runs a command in this process (no new Node and tsx start-up, so much faster than runCli). Output is
 * captured through the CLI's own writer, never by patching process.stdout (which the test runner uses
 * to report). The environment is changed only for the call. Not for commands that read stdin or serve.
 */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const { run } = await import('../../src/cli/main.js')
  const saved = Object.fromEntries(Object.keys(env).map(key => [key, process.env[key]]))
  let stdout = ''
  let stderr = ''
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  try {
    const code = await run(['node', 'readiness', ...args], {
      stdout: text => (stdout += text),
      stderr: text => (stderr += text),
    })
    return { code, stdout, stderr }
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}
