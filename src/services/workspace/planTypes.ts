import type { IsoDate, ProgressStatus, Rag, RagSummary } from '../../domain/workspace/index.js'

export const PLAN_KINDS = ['improvement', 'work'] as const
export type PlanKind = (typeof PLAN_KINDS)[number]

export interface PlanSummary {
  planId: string
  title: string
  kind: PlanKind
  sourceName: string
  createdAt: Date
  rag: RagSummary
  items: number
}

export interface PlanItemView {
  itemId: string
  planId: string
  sectionId: string
  ref: string
  issue: string
  area: string
  leadManager: string
  leadOfficer: string
  action: string
  milestoneDate: IsoDate | null
  targetDate: IsoDate | null
  status: ProgressStatus
  completedOn: IsoDate | null
  lastUpdatedOn: IsoDate
  sourceReference: string
  computedRag: Rag
  ragReasons: string[]
  override: { rag: Rag; reason: string; by: string } | null
  /** The override when there is one, else the computed value. */
  rag: Rag
  version: number
}

export interface PlanSectionView {
  sectionId: string
  ref: string
  title: string
  sourceReference: string
  items: PlanItemView[]
}

export interface PlanView extends PlanSummary {
  sections: PlanSectionView[]
  today: IsoDate
}

export interface PlanUpdateView {
  updateId: string
  date: IsoDate
  status: ProgressStatus
  note: string
  recordedBy: string
  recordedAt: Date
}

/** An action's latest dated progress update. */
export interface LatestUpdate {
  date: IsoDate
  note: string
}
