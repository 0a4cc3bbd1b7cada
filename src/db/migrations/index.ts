import type { Migration } from 'kysely'
import * as m0001 from './0001_platform.js'

/** Every migration, in order. Append only: never rename, reorder, edit or delete one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
}
