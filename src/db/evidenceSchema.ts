import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** Tables of migration 0007 (the evidence bank). Dates are 'YYYY-MM-DD' strings (see connect.ts). */
export interface EvidenceItemTable {
  organisation_id: string
  evidence_id: string
  title: string
  document_type: string
  description: ColumnType<string, string | undefined, string>
  owner: ColumnType<string, string | undefined, string>
  document_date: string | null
  review_due: string | null
  tags: ColumnType<string[], string[] | undefined, string[]>
  areas: ColumnType<string[], string[] | undefined, string[]>
  file_count: ColumnType<number, number | undefined, number>
  version: ColumnType<number, number | undefined, number>
  created_by_label: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  updated_at: Timestamp
}

export interface EvidenceFileTable {
  organisation_id: string
  evidence_id: string
  version_number: number
  original_filename: string
  media_type: string
  size_bytes: number
  sha256: string
  storage_key: string
  note: ColumnType<string, string | undefined, string>
  uploaded_by_user_id: string | null
  uploaded_by_label: string
  uploaded_at: ColumnType<Date, Date | string | undefined, never>
}

export interface EvidenceCriterionLinkTable {
  organisation_id: string
  evidence_id: string
  sef_id: string
  criterion_id: string
  linked_by_label: string
  linked_at: ColumnType<Date, Date | string | undefined, never>
}

export interface EvidenceTables {
  evidence_item: EvidenceItemTable
  evidence_file: EvidenceFileTable
  evidence_criterion_link: EvidenceCriterionLinkTable
}
