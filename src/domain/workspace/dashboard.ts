import { daysBetween, type IsoDate } from './dates.js'
import { RAG_LABELS, RAG_VALUES, summariseRag, type Rag, type RagSummary } from './rag.js'
import type { Gap, SefStatus } from './selfEvaluation.js'

/**
 * The readiness dashboard for one framework, composed from figures the services have already read. Pure:
 * every date comparison is against the `today` it is given, so the same inputs always give the same page.
 */

export interface DashboardJudgement {
  judgementId: string
  label: string
  /** Set when the engine has narrowed the judgement to one grade. */
  grade: string | null
  min: string
  max: string
  /** True when the grade is the self-assessed one rather than projected. */
  given: boolean
}

export interface DashboardSefInput {
  sefId: string
  title: string
  versionNumber: number
  status: SefStatus
  approvedBy: string | null
  approvedAtBoard: string | null
  approvedOn: IsoDate | null
  /** Judgement id → grade label, for turning ids into words. */
  gradeLabels: Record<string, string>
  judgements: DashboardJudgement[]
  ungradedAreas: number
  gaps: (Pick<Gap, 'severity'> & { judgementId: string; judgementLabel: string; planned: boolean })[]
}

export interface DashboardPlanInput {
  planId: string
  title: string
  rag: RagSummary
  items: number
}

export interface DashboardOverdueInput {
  itemId: string
  planId: string
  planTitle: string
  ref: string
  action: string
  lead: string
  due: IsoDate
  rag: Rag
}

export interface DashboardAnnexAInput {
  runId: string
  referenceDate: IsoDate
  createdAt: Date
  rows: number
  errors: number
  warnings: number
  queries: number
}

export interface DashboardInspectionInput {
  basedOn: { frameworkLabel: string; typeLabel: string; date: IsoDate; overallGrade: string | null }
  earliest: IsoDate | null
  expected: IsoDate | null
  latest: IsoDate | null
  nextType: string | null
  rule: string
}

/** Evidence coverage and staleness, as the evidence bank reports them for the framework's checklist. */
export interface DashboardEvidenceInput {
  checklistLabel: string
  /** Required documents in the checklist, and how many are met, met only by stale documents, or not met. */
  requirements: number
  met: number
  stale: number
  notMet: number
  coveragePercent: number
  /** Evidence items held, and how many are past their review date. */
  items: number
  reviewsOverdue: number
  policiesOverdue: number
  href: string
}

export interface DashboardInput {
  framework: { id: string; label: string }
  today: IsoDate
  /** The newest self-evaluation for this framework, if any; `otherSefs` counts the rest. */
  sef: DashboardSefInput | null
  otherSefs: number
  plans: DashboardPlanInput[]
  overdue: DashboardOverdueInput[]
  annexA: DashboardAnnexAInput | null
  inspection: DashboardInspectionInput | null
  /** 'no-checklist' when the framework has no required-document checklist; 'unavailable' without an evidence bank. */
  evidence: DashboardEvidenceInput | 'no-checklist' | 'unavailable'
}

export interface ChartSeries {
  title: string
  /** One bar per row; `word` is what the bar means, so colour is never the only signal. */
  rows: { key: string; label: string; value: number }[]
}

export type WindowStatus = 'before-window' | 'in-window' | 'overdue' | 'open-ended'

export interface ReadinessDashboard {
  framework: { id: string; label: string }
  today: IsoDate
  sef: {
    sefId: string
    title: string
    versionNumber: number
    status: SefStatus
    statusText: string
    approval: { by: string; board: string; on: IsoDate } | null
    overall: { label: string; text: string } | null
    judgements: { label: string; text: string; given: boolean }[]
    ungradedAreas: number
  } | null
  otherSefs: number
  gaps: {
    open: number
    planned: number
    unplanned: number
    bySeverity: Record<Gap['severity'], number>
    byArea: { label: string; notMet: number; partlyMet: number; notAssessed: number; total: number }[]
  }
  plans: {
    count: number
    items: number
    rag: RagSummary
    perPlan: DashboardPlanInput[]
    overdue: (DashboardOverdueInput & { daysOverdue: number })[]
  }
  annexA: (DashboardAnnexAInput & { status: 'errors' | 'warnings' | 'clean'; statusText: string }) | null
  inspection: (DashboardInspectionInput & { status: WindowStatus; statusText: string }) | null
  evidence: DashboardEvidenceInput | 'no-checklist' | 'unavailable'
  charts: { rag: ChartSeries; gaps: ChartSeries; evidence: ChartSeries | null }
}

const SEF_STATUS_TEXT: Record<SefStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted for review',
  approved: 'Approved',
}

/** "requires-improvement-to-be-good" → "requires improvement to be good", when no label is known. */
function words(id: string, labels: Record<string, string>): string {
  return labels[id] ?? id.replace(/-/g, ' ')
}

export function judgementText(judgement: DashboardJudgement, labels: Record<string, string>): string {
  if (judgement.grade) return words(judgement.grade, labels)
  if (judgement.min === judgement.max) return words(judgement.min, labels)
  return `between ${words(judgement.max, labels)} and ${words(judgement.min, labels)}`
}

/** Before, inside or after the expected window, in words a board can read. */
export function windowStatus(
  window: Pick<DashboardInspectionInput, 'earliest' | 'latest'>,
  today: IsoDate,
): { status: WindowStatus; statusText: string } {
  const { earliest, latest } = window
  if (latest !== null && today > latest) {
    const days = daysBetween(latest, today)
    return { status: 'overdue', statusText: `Past the end of the window by ${days} ${days === 1 ? 'day' : 'days'}` }
  }
  if (earliest !== null && today < earliest) {
    const days = daysBetween(today, earliest)
    return { status: 'before-window', statusText: `Window opens in ${days} ${days === 1 ? 'day' : 'days'}` }
  }
  if (latest === null && earliest === null) return { status: 'open-ended', statusText: 'No window set by the rules' }
  if (latest === null) return { status: 'in-window', statusText: 'In the window (no end date)' }
  const days = daysBetween(today, latest)
  return { status: 'in-window', statusText: `In the window: ${days} ${days === 1 ? 'day' : 'days'} to its end` }
}

function annexAStatus(run: DashboardAnnexAInput) {
  if (run.errors > 0)
    return { status: 'errors' as const, statusText: `${run.errors} ${run.errors === 1 ? 'error' : 'errors'} to fix` }
  if (run.warnings > 0 || run.queries > 0)
    return { status: 'warnings' as const, statusText: `No errors; ${run.warnings} warnings and ${run.queries} queries` }
  return { status: 'clean' as const, statusText: 'No errors, warnings or queries' }
}

export function composeDashboard(input: DashboardInput): ReadinessDashboard {
  const { sef, today } = input
  const gaps = sef?.gaps ?? []
  const bySeverity: Record<Gap['severity'], number> = { 'not-met': 0, 'partly-met': 0, 'not-assessed': 0 }
  const areas = new Map<string, ReadinessDashboard['gaps']['byArea'][number]>()
  for (const gap of gaps) {
    bySeverity[gap.severity] += 1
    const area = areas.get(gap.judgementId) ?? {
      label: gap.judgementLabel,
      notMet: 0,
      partlyMet: 0,
      notAssessed: 0,
      total: 0,
    }
    if (gap.severity === 'not-met') area.notMet += 1
    else if (gap.severity === 'partly-met') area.partlyMet += 1
    else area.notAssessed += 1
    area.total += 1
    areas.set(gap.judgementId, area)
  }
  const planned = gaps.filter(gap => gap.planned).length

  const rag = summariseRag([])
  for (const plan of input.plans) for (const value of RAG_VALUES) rag[value] += plan.rag[value]
  const overdue = input.overdue
    .filter(item => item.due < today)
    .map(item => ({ ...item, daysOverdue: daysBetween(item.due, today) }))
    .sort(
      (a, b) => b.daysOverdue - a.daysOverdue || a.planTitle.localeCompare(b.planTitle) || a.ref.localeCompare(b.ref),
    )

  const overall = sef?.judgements.find(judgement => judgement.judgementId === 'overall-effectiveness')
  const evidence = input.evidence

  return {
    framework: input.framework,
    today,
    sef: sef
      ? {
          sefId: sef.sefId,
          title: sef.title,
          versionNumber: sef.versionNumber,
          status: sef.status,
          statusText: SEF_STATUS_TEXT[sef.status],
          approval:
            sef.status === 'approved' && sef.approvedOn
              ? {
                  by: sef.approvedBy ?? 'not recorded',
                  board: sef.approvedAtBoard ?? 'not recorded',
                  on: sef.approvedOn,
                }
              : null,
          overall: overall ? { label: overall.label, text: judgementText(overall, sef.gradeLabels) } : null,
          judgements: sef.judgements
            .filter(judgement => judgement.judgementId !== 'overall-effectiveness')
            .map(judgement => ({
              label: judgement.label,
              text: judgementText(judgement, sef.gradeLabels),
              given: judgement.given,
            })),
          ungradedAreas: sef.ungradedAreas,
        }
      : null,
    otherSefs: input.otherSefs,
    gaps: {
      open: gaps.length,
      planned,
      unplanned: gaps.length - planned,
      bySeverity,
      byArea: [...areas.values()],
    },
    plans: {
      count: input.plans.length,
      items: input.plans.reduce((sum, plan) => sum + plan.items, 0),
      rag,
      perPlan: input.plans,
      overdue,
    },
    annexA: input.annexA ? { ...input.annexA, ...annexAStatus(input.annexA) } : null,
    inspection: input.inspection ? { ...input.inspection, ...windowStatus(input.inspection, today) } : null,
    evidence,
    charts: {
      rag: {
        title: 'Plan actions by RAG rating',
        rows: RAG_VALUES.map(value => ({ key: value, label: RAG_LABELS[value], value: rag[value] })),
      },
      gaps: {
        title: 'Open gaps by severity',
        rows: [
          { key: 'not-met', label: 'Not met', value: bySeverity['not-met'] },
          { key: 'partly-met', label: 'Partly met', value: bySeverity['partly-met'] },
          { key: 'not-assessed', label: 'Not assessed', value: bySeverity['not-assessed'] },
        ],
      },
      evidence:
        typeof evidence === 'object'
          ? {
              title: 'Required evidence by status',
              rows: [
                { key: 'met', label: 'Met', value: evidence.met },
                { key: 'stale', label: 'Stale', value: evidence.stale },
                { key: 'not-met', label: 'Not met', value: evidence.notMet },
              ],
            }
          : null,
    },
  }
}
