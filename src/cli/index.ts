import { run } from './main.js'

// The `readiness` entry point. Tests import main.js instead, to run commands in-process.
const exitCode = await run(process.argv)
const serving = process.argv.slice(2)[0] === 'serve'
if (exitCode !== 0 || !serving) {
  // Exit explicitly: a library's exit hook would otherwise turn our exit code into 0. Flush stdout first.
  await new Promise<void>(resolve => process.stdout.write('', () => resolve()))
  process.exit(exitCode)
}
