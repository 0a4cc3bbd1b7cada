import type { Migration } from 'kysely'
import * as m0001 from './0001_platform.js'
import * as m0002 from './0002_frameworks.js'
import * as m0003 from './0003_annex_a.js'
import * as m0004 from './0004_workspace.js'
import * as m0005 from './0005_intelligence.js'
import * as m0006 from './0006_audits.js'
import * as m0007 from './0007_evidence.js'
import * as m0008 from './0008_audit_templates.js'
import * as m0009 from './0009_own_indicators.js'
import * as m0010 from './0010_annex_a_import_jobs.js'
import * as m0011 from './0011_audit_moderation_assignment.js'
import * as m0012 from './0012_annex_a_row_run_check_per_statement.js'
import * as m0013 from './0013_annex_a_row_json_text.js'
import * as m0014 from './0014_annex_a_import_job_cancel.js'
import * as m0015 from './0015_annex_a_row_key_by_sheet.js'

/** Every migration, in order. Append only: never rename, reorder, edit or delete one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_frameworks': m0002,
  '0003_annex_a': m0003,
  '0004_workspace': m0004,
  '0005_intelligence': m0005,
  '0006_audits': m0006,
  '0007_evidence': m0007,
  '0008_audit_templates': m0008,
  '0009_own_indicators': m0009,
  '0010_annex_a_import_jobs': m0010,
  '0011_audit_moderation_assignment': m0011,
  '0012_annex_a_row_run_check_per_statement': m0012,
  '0013_annex_a_row_json_text': m0013,
  '0014_annex_a_import_job_cancel': m0014,
  '0015_annex_a_row_key_by_sheet': m0015,
}
