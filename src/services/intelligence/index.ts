import type { Db } from '../../db/connect.js'
import type { AuditService } from '../platform/auditService.js'
import { createAnnexAService } from '../annex-a/annexAService.js'
import { createIntelligenceService } from './intelligenceService.js'
import { createOwnIndicatorService } from './ownIndicatorService.js'
import { createReportService } from './reportService.js'
import { createThemeRuleService } from './themeRuleService.js'

/** The intelligence module's use-cases, wired once in the composition root. */
export function createIntelligenceServices({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const outcomes = createIntelligenceService({ db, audit, clock })
  const themeRules = createThemeRuleService({ db, audit })
  // Read-only use of the Annex A module: a run's reference date and indicator figures.
  const annexA = createAnnexAService({ db, audit, clock })
  const ownIndicators = createOwnIndicatorService({
    db,
    audit,
    annexARun: async (context, runId) => {
      const { run, indicators } = await annexA.indicators(context, runId)
      return { runId: run.runId, referenceDate: run.referenceDate, indicators: [...indicators] }
    },
  })
  return {
    outcomes,
    ownIndicators,
    themeRules,
    reports: createReportService({ db, audit, intelligence: outcomes, themeRules: themeRules.activeRules }),
  }
}

export type IntelligenceServices = ReturnType<typeof createIntelligenceServices>
