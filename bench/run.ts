/**
 * `npm run bench [-- NAME...]`: runs bench/NAME.ts (all of them by default), each in its own process,
 * and prints one JSON object keyed by benchmark name.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const available = readdirSync('bench')
  .filter(file => file.endsWith('.ts') && !['run.ts', 'support.ts'].includes(file))
  .map(file => file.replace(/\.ts$/, ''))
  .sort()
const wanted = process.argv.slice(2)
const unknown = wanted.filter(name => !available.includes(name))
if (unknown.length) {
  process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}\n`)
  process.exit(2)
}
const results: Record<string, unknown> = {}
for (const name of wanted.length ? wanted : available) {
  process.stderr.write(`Running bench/${name}.ts\n`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  })
  if (run.status !== 0) {
    process.stderr.write(`bench/${name}.ts failed with ${run.status}\n`)
    process.exit(1)
  }
  results[name] = JSON.parse(run.stdout)
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`)
