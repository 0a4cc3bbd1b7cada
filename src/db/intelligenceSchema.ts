import type { ColumnType } from 'kysely'

/** Intelligence tables (migration 0005): published outcomes, DfE indicator values and report extracts. */
export interface IntelligenceImportTable {
  organisation_id: string
  import_id: string
  kind: 'outcomes' | 'indicators'
  source_name: string
  framework: string | null
  rows_read: number
  record_count: number
  warnings: ColumnType<string[], string, string>
  imported_by_label: string
  imported_at: ColumnType<Date, Date | string | undefined, never>
}

export interface IntelligenceOutcomeTable {
  organisation_id: string
  import_id: string
  outcome_seq: number
  authority: string
  authority_code: string | null
  region: string | null
  framework: string
  inspection_type: string | null
  /** 'YYYY-MM-DD' (see the date type parser in connect.ts). */
  inspection_date: string | null
  publication_date: string | null
  theme: string | null
  grades: ColumnType<unknown[], string, string>
  origin: ColumnType<{ sheet: string; row: number }, string, string>
}

export interface IntelligenceIndicatorValueTable {
  organisation_id: string
  import_id: string
  value_seq: number
  indicator: string
  year: number
  level: 'national' | 'regional' | 'local'
  area: string
  value: number
}

export interface IntelligenceReportTable {
  organisation_id: string
  report_id: string
  source_name: string
  pages: number
  authority: string | null
  authority_code: string | null
  framework: string | null
  inspection_type: string | null
  inspection_start: string | null
  inspection_end: string | null
  publication_date: string | null
  grades: ColumnType<unknown[], string, string>
  recommendations: ColumnType<string[], string, string>
  themes: ColumnType<unknown[], string, string>
  problems: ColumnType<string[], string, string>
  extracted_by_label: string
  extracted_at: ColumnType<Date, Date | string | undefined, never>
}

export interface IntelligenceTables extends IntelligenceExtraTables {
  intelligence_import: IntelligenceImportTable
  intelligence_outcome: IntelligenceOutcomeTable
  intelligence_indicator_value: IntelligenceIndicatorValueTable
  intelligence_report: IntelligenceReportTable
}

/** The organisation's own indicator values (migration 0009). */
export interface IntelligenceOwnValueTable {
  organisation_id: string
  indicator: string
  year: number
  value: number
  source: 'typed' | 'annex-a'
  annex_a_run_id: string | null
  annex_a_indicator: string | null
  annex_a_reference_date: string | null
  note: string | null
  version: ColumnType<number, number | undefined, number>
  updated_by_label: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

/** Theme phrase rules per organisation (migration 0009); a row overrides the built-in rule with its id. */
export interface IntelligenceThemeRuleTable {
  organisation_id: string
  theme_id: string
  label: string
  phrases: ColumnType<string[], string, string>
  enabled: boolean
  source: string
  version: ColumnType<number, number | undefined, number>
  updated_by_label: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface IntelligenceExtraTables {
  intelligence_own_value: IntelligenceOwnValueTable
  intelligence_theme_rule: IntelligenceThemeRuleTable
}
