import type { Migration } from 'kysely'
import * as m0001 from './0001_platform.js'
import * as m0002 from './0002_frameworks.js'
import * as m0003 from './0003_annex_a.js'
import * as m0004 from './0004_workspace.js'
import * as m0005 from './0005_intelligence.js'
import * as m0006 from './0006_audits.js'

/** Every migration, in order. Append only: never rename, reorder, edit or delete one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_frameworks': m0002,
  '0003_annex_a': m0003,
  '0004_workspace': m0004,
  '0005_intelligence': m0005,
  '0006_audits': m0006,
}
