import type { ColumnType } from 'kysely'

type CreatedAt = ColumnType<Date, Date | string | undefined, never>

/** Tables of migration 0004 (the readiness workspace). Dates are 'YYYY-MM-DD' strings (see connect.ts). */
export interface PlanTable {
  organisation_id: string
  plan_id: string
  title: string
  kind: string
  source_name: ColumnType<string, string | undefined, string>
  created_by_label: string
  created_at: CreatedAt
}

export interface PlanSectionTable {
  organisation_id: string
  plan_id: string
  section_id: string
  position: number
  ref: string
  title: string
  source_reference: string
}

export interface PlanItemTable {
  organisation_id: string
  item_id: string
  plan_id: string
  section_id: string
  position: number
  ref: string
  issue: string
  area: string
  lead_manager: string
  lead_officer: string
  action: string
  milestone_date: string | null
  target_date: string | null
  status: string
  completed_on: string | null
  rag_override: string | null
  rag_override_reason: string | null
  rag_override_by: string | null
  last_updated_on: string
  source_reference: string
  version: ColumnType<number, number | undefined, number>
}

export interface PlanUpdateTable {
  organisation_id: string
  update_id: string
  item_id: string
  update_date: string
  status: string
  note: string
  recorded_by_label: string
  recorded_at: CreatedAt
}

export interface SefTable {
  organisation_id: string
  sef_id: string
  framework_id: string
  title: string
  created_at: CreatedAt
}

export interface SefVersionTable {
  organisation_id: string
  sef_id: string
  version_number: number
  status: string
  created_by_label: string
  created_at: CreatedAt
  submitted_at: Date | null
  approved_by: string | null
  approved_at_board: string | null
  approved_on: string | null
  lock_version: ColumnType<number, number | undefined, number>
}

export interface SefAreaTable {
  organisation_id: string
  sef_id: string
  version_number: number
  judgement_id: string
  what_we_know: string
  how_we_know: string
  our_plans: string
  grade_id: string | null
  justification: string
}

export interface SefCriterionTable {
  organisation_id: string
  sef_id: string
  version_number: number
  criterion_id: string
  position: number
  judgement_id: string
  text: string
  origin: string
  target_grade: string
  rating: string | null
  difference_made: string
  evidence_text: string
  owner: string
  plan_item_id: string | null
}

export interface WorkspaceTables {
  plan: PlanTable
  plan_section: PlanSectionTable
  plan_item: PlanItemTable
  plan_update: PlanUpdateTable
  sef: SefTable
  sef_version: SefVersionTable
  sef_area: SefAreaTable
  sef_criterion: SefCriterionTable
}
