import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Both src/web/paths.ts and dist/web/paths.js sit two levels below the project root;
// templates and assets are read from src/web in either case (they are not compiled).
const here = path.dirname(fileURLToPath(import.meta.url))
export const projectRoot = path.resolve(here, '..', '..')
export const webSourceDir = path.join(projectRoot, 'src', 'web')
export const govukFrontendDist = path.join(
  path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')),
  'dist',
)
