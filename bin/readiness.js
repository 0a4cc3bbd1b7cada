#!/usr/bin/env node
// The compiled CLI is built by `npm ci` (the "prepare" script); this shim keeps the bin path stable.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const compiled = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url))
if (!existsSync(compiled)) {
  process.stderr.write('readiness: the app is not built. Run `npm ci` (or `npm run build`) first.\n')
  process.exit(2)
}
await import(compiled)
