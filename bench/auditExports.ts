/**
 * Building the audit exports in memory (no database): one case-audit DOCX, and the summary XLSX and 20-day update
 * DOCX of 500 fictional audits. Prints JSON: milliseconds per export (median of the runs) and bytes.
 */
import { performance } from 'node:perf_hooks'
import {
  agreementRates,
  aggregateGrades,
  buildTwentyDayUpdate,
  CHILDS_JOURNEY_AUDIT,
  defaultTaxonomy,
  gradeDistribution,
  questionsOf,
  themeFindings,
  type AuditFinding,
} from '../src/domain/audits/index.js'
import { auditSummaryXlsx } from '../src/services/audits/exportAuditSummaryXlsx.js'
import { caseAuditDocx } from '../src/services/audits/exportCaseAuditDocx.js'
import { twentyDayUpdateDocx } from '../src/services/audits/exportTwentyDayUpdateDocx.js'

const GRADES = ['outstanding', 'good', 'requires-improvement', 'inadequate']
const THEMES = defaultTaxonomy().map(theme => theme.id)
const answers = (i: number) =>
  Object.fromEntries(
    questionsOf(CHILDS_JOURNEY_AUDIT).map((q, j) => [
      q.id,
      { grade: q.scale === 'ofsted-4' ? GRADES[(i + j) % 4]! : ['yes', 'partly', 'no'][(i + j) % 3]!, comment: 'Seen' },
    ]),
  )
const audits: AuditFinding[] = Array.from({ length: 500 }, (_, i) => ({
  team: `Team ${i % 7}`,
  completedOn: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
  overall: GRADES[i % 4]!,
  answers: answers(i),
  themes: [THEMES[i % THEMES.length]!, THEMES[(i * 3) % THEMES.length]!],
  strengths: `Fictional strength ${i}: the plan was reviewed on time.`,
  areasForImprovement: `Fictional area ${i}: supervision not recorded.`,
  actions: `Fictional action ${i}.`,
  safeguardingConcern: i % 50 === 0,
}))

async function time(runs: number, work: () => Promise<Buffer>) {
  const times: number[] = []
  let bytes = 0
  for (let run = 0; run <= runs; run += 1) {
    const start = performance.now()
    bytes = (await work()).length
    if (run > 0) times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { msMedian: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10, bytes }
}

const moderated = audits.slice(0, 50).map((a, i) => ({
  team: a.team,
  month: a.completedOn.slice(0, 7),
  compared: 11,
  agreed: 9,
  overallAgreed: i % 3 !== 0,
}))
const summary = {
  round: null,
  audits: audits.length,
  overallGrades: gradeDistribution(audits.map(a => a.overall)),
  byTeam: aggregateGrades(audits, 'team'),
  byMonth: aggregateGrades(audits, 'month'),
  byQuestion: aggregateGrades(audits, 'question').map(row => ({ ...row, label: row.key })),
  themes: themeFindings(audits, defaultTaxonomy()),
  moderation: agreementRates(moderated.map(m => ({ ...m, rate: null, disagreements: [] }))),
  moderated,
}
const update = buildTwentyDayUpdate({
  period: { from: '2026-01-01', to: '2026-12-31' },
  audits,
  progress: { due: 500, completed: 500, signedOff: 400, overdue: 3, inProgress: 10 },
  moderations: [],
  taxonomy: defaultTaxonomy(),
})
const record = {
  auditId: '00000000-0000-4000-8000-000000000001',
  childId: 'FICTIONAL-1',
  team: 'Team 1',
  template: CHILDS_JOURNEY_AUDIT,
  status: 'signed-off',
  auditor: 'Demo auditor',
  assignedOn: '2026-11-02',
  dueOn: '2026-11-06',
  submittedOn: '2026-11-05',
  answers: answers(1),
  overallGrade: 'good',
  strengths: audits[0]!.strengths,
  areasForImprovement: audits[0]!.areasForImprovement,
  actions: audits[0]!.actions,
  themes: [{ id: 'early-help', label: 'Early help' }],
  safeguardingConcern: false,
  concernManager: null,
  practitionerSignedOffBy: 'P',
  managerSignedOffBy: 'M',
  signedOffAt: new Date(),
  moderation: null,
}
process.stdout.write(
  `${JSON.stringify({
    caseAuditDocx: await time(20, () => caseAuditDocx(record)),
    summaryXlsx500: await time(5, () => auditSummaryXlsx(summary)),
    twentyDayUpdateDocx500: await time(5, () => twentyDayUpdateDocx(update)),
  })}\n`,
)
