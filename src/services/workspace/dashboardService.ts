import { findFramework, forecastFor, listFrameworks, type Framework } from '../../domain/frameworks/index.js'
import {
  composeDashboard,
  type DashboardAnnexAInput,
  type DashboardEvidenceInput,
  type DashboardInspectionInput,
  type DashboardOverdueInput,
  type DashboardSefInput,
  type ReadinessDashboard,
} from '../../domain/workspace/dashboard.js'
import type { RunSummary } from '../annex-a/annexAService.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { HistoryForecast, InspectionHistoryEntry } from '../frameworks/inspectionHistoryService.js'
import type { EvidenceService } from './evidenceService.js'
import { summariseEvidence } from './evidenceSummary.js'
import type { PlanService } from './planService.js'
import { DEFAULT_SEF_FRAMEWORK, type SefService } from './sefService.js'
import { londonDate } from './today.js'

/** The frameworks a dashboard can be shown for: those with graded judgements (self-evaluation needs grades). */
export function dashboardFrameworks(): { id: string; label: string; status: string }[] {
  return listFrameworks()
    .filter(framework => framework.graded)
    .map(({ id, label, status }) => ({ id, label, status }))
}

export interface DashboardServicePorts {
  clock: () => Date
  plans: PlanService
  selfEvaluations: SefService
  /** Absent where the evidence bank is not installed: the dashboard says "not available". */
  evidence?: EvidenceService | undefined
  inspectionHistory: {
    list(context: RequestContext): Promise<InspectionHistoryEntry[]>
    forecast(context: RequestContext): Promise<HistoryForecast | undefined>
  }
  annexA: { listRuns(context: RequestContext, options?: { limit?: number }): Promise<RunSummary[]> }
}

function gradeLabels(framework: Framework): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const scale of framework.scales) for (const grade of scale.grades) labels[grade.id] ??= grade.label.toLowerCase()
  return labels
}

/** Reads everything the readiness dashboard shows for one framework, then composes it in the pure domain. */
export function createDashboardService(ports: DashboardServicePorts) {
  const { plans, selfEvaluations } = ports

  async function sefFigures(
    context: RequestContext,
    framework: Framework,
  ): Promise<{ sef: DashboardSefInput | null; others: number }> {
    const mine = (await selfEvaluations.list(context)).filter(entry => entry.frameworkId === framework.id)
    if (mine.length === 0) return { sef: null, others: 0 }
    const loaded = await selfEvaluations.get(context, mine[0]!.sefId)
    const version = loaded.versions.find(candidate => candidate.versionNumber === loaded.version.versionNumber)
    const outcomes = loaded.projection.result.judgements
    return {
      others: mine.length - 1,
      sef: {
        sefId: loaded.sefId,
        title: loaded.title,
        versionNumber: loaded.version.versionNumber,
        status: loaded.version.status,
        approvedBy: version?.approvedBy ?? null,
        approvedAtBoard: version?.approvedAtBoard ?? null,
        approvedOn: version?.approvedOn ?? null,
        gradeLabels: gradeLabels(framework),
        judgements: framework.judgements
          .filter(judgement => outcomes[judgement.id] !== undefined && judgement.kind !== 'input')
          .map(judgement => {
            const outcome = outcomes[judgement.id]!
            return {
              judgementId: judgement.id,
              label: judgement.label,
              grade: outcome.grade,
              min: outcome.min,
              max: outcome.max,
              given: outcome.given,
            }
          }),
        ungradedAreas: loaded.projection.ungraded.length,
        gaps: loaded.gaps.map(gap => ({
          severity: gap.severity,
          judgementId: gap.criterion.judgementId,
          judgementLabel: gap.criterion.judgementLabel,
          planned: gap.criterion.planItemId !== null,
        })),
      },
    }
  }

  async function inspectionFigures(
    context: RequestContext,
    framework: Framework,
    today: string,
  ): Promise<DashboardInspectionInput | null> {
    // This framework's own latest graded inspection first; else the latest graded one under any framework
    // (an ILACS 2018 inspection sets when the next ILACS inspection falls).
    for (const entry of await ports.inspectionHistory.list(context)) {
      if (entry.frameworkId !== framework.id) continue
      const type = framework.inspectionTypes.find(candidate => candidate.id === entry.inspectionType)
      if (!type?.graded) continue
      const grade = entry.grades['overall-effectiveness']
      const forecast = forecastFor(framework, grade ? { date: entry.date, grade } : { date: entry.date }, today)
      if (forecast) return toInspection(entry, forecast, framework)
    }
    const any = await ports.inspectionHistory.forecast(context)
    return any ? toInspection(any.basedOn, any.forecast, findFramework(any.basedOn.frameworkId)) : null
  }

  function toInspection(
    entry: InspectionHistoryEntry,
    forecast: HistoryForecast['forecast'],
    framework: Framework | undefined,
  ): DashboardInspectionInput {
    const grade = entry.grades['overall-effectiveness']
    const nextType = forecast.nextType
      ? (framework?.inspectionTypes.find(type => type.id === forecast.nextType)?.label ?? forecast.nextType)
      : null
    return {
      basedOn: {
        frameworkLabel: entry.frameworkLabel,
        typeLabel: entry.inspectionTypeLabel,
        date: entry.date,
        overallGrade: grade ? (framework ? (gradeLabels(framework)[grade] ?? grade) : grade) : null,
      },
      earliest: forecast.earliest,
      expected: forecast.expected,
      latest: forecast.latest,
      nextType,
      rule: forecast.rule,
    }
  }

  async function evidenceFigures(
    context: RequestContext,
    framework: Framework,
  ): Promise<DashboardEvidenceInput | 'no-checklist' | 'unavailable'> {
    if (!ports.evidence) return 'unavailable'
    try {
      const summary = await summariseEvidence(ports.evidence, context, { frameworkId: framework.id })
      return {
        checklistLabel: summary.frameworkLabel,
        requirements: summary.requirements,
        met: summary.met,
        stale: summary.stale,
        notMet: summary.notMet,
        coveragePercent: summary.coveragePercent,
        items: summary.items,
        reviewsOverdue: summary.reviewsOverdue,
        policiesOverdue: summary.policies.overdue,
        href: summary.href,
      }
    } catch (error) {
      if (error instanceof NotFoundError) return 'no-checklist'
      throw error
    }
  }

  return {
    frameworks: dashboardFrameworks,

    async get(context: RequestContext, frameworkId: string = DEFAULT_SEF_FRAMEWORK): Promise<ReadinessDashboard> {
      authorise(context, 'workspace:read')
      const framework = dashboardFrameworks().some(candidate => candidate.id === frameworkId)
        ? findFramework(frameworkId)
        : undefined
      if (!framework)
        throw new ValidationError({
          framework: `Unknown framework "${frameworkId.slice(0, 60)}"; choose one of: ${dashboardFrameworks()
            .map(candidate => candidate.id)
            .join(', ')}`,
        })
      const today = londonDate(ports.clock())
      const [sef, planList, tracking, runs, inspection, evidence] = await Promise.all([
        sefFigures(context, framework),
        plans.list(context),
        plans.tracking(context),
        ports.annexA.listRuns(context, { limit: 1 }),
        inspectionFigures(context, framework, today),
        evidenceFigures(context, framework),
      ])
      const titles = new Map(planList.map(plan => [plan.planId, plan.title]))
      const overdue: DashboardOverdueInput[] = tracking.overdue.flatMap(group =>
        group.items.map(item => ({
          itemId: item.itemId,
          planId: item.planId,
          planTitle: titles.get(item.planId) ?? '',
          ref: item.ref,
          action: item.action,
          lead: group.lead,
          due: (item.targetDate ?? item.milestoneDate)!,
          rag: item.rag,
        })),
      )
      const run = runs[0]
      const annexA: DashboardAnnexAInput | null = run
        ? {
            runId: run.runId,
            referenceDate: run.referenceDate,
            createdAt: run.createdAt,
            rows: run.rows,
            errors: run.errors,
            warnings: run.warnings,
            queries: run.queries,
          }
        : null
      return composeDashboard({
        framework: { id: framework.id, label: framework.label },
        today,
        sef: sef.sef,
        otherSefs: sef.others,
        plans: planList.map(plan => ({ planId: plan.planId, title: plan.title, rag: plan.rag, items: plan.items })),
        overdue,
        annexA,
        inspection,
        evidence,
      })
    },
  }
}

export type DashboardService = ReturnType<typeof createDashboardService>
