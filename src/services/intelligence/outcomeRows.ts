import type { Selectable } from 'kysely'
import type { IntelligenceOutcomeTable } from '../../db/intelligenceSchema.js'
import type { OutcomeRecord, RecordedGrade } from '../../domain/intelligence/index.js'

/** Outcome records to and from their table rows. */

export function outcomeRow(organisationId: string, importId: string, record: OutcomeRecord, seq: number) {
  return {
    organisation_id: organisationId,
    import_id: importId,
    outcome_seq: seq,
    authority: record.authority.slice(0, 200),
    authority_code: record.authorityCode,
    region: record.region,
    framework: record.framework,
    inspection_type: record.type,
    inspection_date: record.inspectionDate,
    publication_date: record.publicationDate,
    theme: record.theme,
    grades: JSON.stringify(record.grades),
    origin: JSON.stringify(record.origin),
  }
}

export function recordFromRow(row: Selectable<IntelligenceOutcomeTable>): OutcomeRecord {
  return {
    authority: row.authority,
    authorityCode: row.authority_code,
    region: row.region,
    framework: row.framework,
    type: row.inspection_type,
    inspectionDate: row.inspection_date,
    publicationDate: row.publication_date,
    grades: row.grades as RecordedGrade[],
    theme: row.theme,
    origin: row.origin,
  }
}

/** Multi-row inserts in chunks that stay well under PostgreSQL's 65,535 parameters. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}
