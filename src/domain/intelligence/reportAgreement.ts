import { frameworkFamily } from './odsOutcomes.js'
import type { OutcomeRecord, RecordedGrade } from './types.js'

/** The self-check: judgements read from a report against Ofsted's official outcome data for the same inspection. */

export interface ReportFacts {
  authorityKey: string
  framework: string | null
  publicationDate: string | null
  inspectionStart: string | null
  grades: readonly RecordedGrade[]
}

export interface GradeDisagreement {
  judgement: string
  report: string
  official: string
}

export interface ReportCheck {
  /** The official record found for this report, if any. */
  official: OutcomeRecord | undefined
  compared: number
  agreed: number
  disagreements: GradeDisagreement[]
}

/** Same authority, framework family and publication (or start) date; graded records only. */
export function findOfficialRecord(
  report: ReportFacts,
  official: readonly OutcomeRecord[],
  keyOf: (record: OutcomeRecord) => string,
): OutcomeRecord | undefined {
  if (!report.framework) return undefined
  const family = frameworkFamily(report.framework)
  const candidates = official.filter(
    record =>
      record.grades.length > 0 && frameworkFamily(record.framework) === family && keyOf(record) === report.authorityKey,
  )
  return (
    candidates.find(record => report.publicationDate !== null && record.publicationDate === report.publicationDate) ??
    candidates.find(record => report.inspectionStart !== null && record.inspectionDate === report.inspectionStart)
  )
}

/** Compares every judgement both sides grade, on the framework's own scale. */
export function checkReport(
  report: ReportFacts,
  official: readonly OutcomeRecord[],
  keyOf: (record: OutcomeRecord) => string,
): ReportCheck {
  const match = findOfficialRecord(report, official, keyOf)
  if (!match) return { official: undefined, compared: 0, agreed: 0, disagreements: [] }
  const disagreements: GradeDisagreement[] = []
  let compared = 0
  for (const grade of report.grades) {
    const other = match.grades.find(candidate => candidate.judgement === grade.judgement)
    if (!other) continue
    compared += 1
    if (other.originalGrade !== grade.originalGrade)
      disagreements.push({ judgement: grade.judgement, report: grade.originalGrade, official: other.originalGrade })
  }
  return { official: match, compared, agreed: compared - disagreements.length, disagreements }
}

export interface AgreementSummary {
  reports: number
  matched: number
  compared: number
  agreed: number
  /** Agreed judgements as a share of those compared; null when nothing could be compared. */
  rate: number | null
}

export function agreementOf(checks: readonly ReportCheck[]): AgreementSummary {
  const compared = checks.reduce((sum, check) => sum + check.compared, 0)
  const agreed = checks.reduce((sum, check) => sum + check.agreed, 0)
  return {
    reports: checks.length,
    matched: checks.filter(check => check.official).length,
    compared,
    agreed,
    rate: compared === 0 ? null : Math.round((agreed / compared) * 10_000) / 10_000,
  }
}
