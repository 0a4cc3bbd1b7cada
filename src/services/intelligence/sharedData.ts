import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The public data every developer and CI have beside the project (`../shared/data`, see its SOURCES.md). Resolved
 * from this file's place in the repository (src/ or dist/ alike), never from an absolute path: CI clones elsewhere.
 */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export function sharedDataDir(): string {
  return path.resolve(REPOSITORY_ROOT, '..', 'shared', 'data')
}

export const sharedDataPaths = {
  la: () => path.join(sharedDataDir(), 'la'),
  dfe: () => path.join(sharedDataDir(), 'dfe'),
  ofsted: () => path.join(sharedDataDir(), 'ofsted'),
  reports: () => path.join(sharedDataDir(), 'ofsted', 'reports'),
}
