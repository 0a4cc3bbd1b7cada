import {
  authorityKey,
  parseReportText,
  tagThemes,
  type AuthorityIndex,
  type RecordedGrade,
  type ThemeMatch,
  type ThemeRule,
} from '../../domain/intelligence/index.js'
import { readReportPdf } from './readReportPdf.js'

/** One report PDF → its facts, themes and the authority it names, resolved against the LA reference data. */

export interface ReportExtract {
  file: string
  pages: number
  authority: string | null
  authorityCode: string | null
  /** The key the official outcome data meets this report under (DfE old code, or the name's key). */
  authorityKey: string | null
  publicationDate: string | null
  inspectionStart: string | null
  inspectionEnd: string | null
  type: string | null
  framework: string | null
  /** Judgement id → grade on the framework's own scale ("adequate" for 2013's TLAC). */
  judgements: Record<string, string>
  grades: RecordedGrade[]
  recommendations: string[]
  /** Themes tagged in the recommendations, with the phrase and sentence behind each. */
  themes: ThemeMatch[]
  problems: string[]
}

export async function extractReport(
  content: Uint8Array,
  fileName: string,
  index: AuthorityIndex,
  rules?: readonly ThemeRule[],
): Promise<ReportExtract> {
  const { text, pages } = await readReportPdf(content, fileName)
  const report = parseReportText(text, fileName)
  const authority = report.authorityName ? index.resolve(report.authorityName) : undefined
  const problems = [...report.problems]
  if (report.authorityName && !authority) problems.push(`'${report.authorityName}' is not a local authority we know`)
  return {
    file: fileName,
    pages,
    authority: authority?.name ?? report.authorityName,
    authorityCode: authority?.newCode ?? null,
    authorityKey: authority?.oldCode ?? (report.authorityName ? authorityKey(report.authorityName) : null),
    publicationDate: report.publicationDate,
    inspectionStart: report.inspectionStart,
    inspectionEnd: report.inspectionEnd,
    type: report.type,
    framework: report.framework,
    judgements: Object.fromEntries(report.grades.map(grade => [grade.judgement, grade.originalGrade])),
    grades: report.grades,
    recommendations: report.recommendations,
    themes: tagThemes(report.recommendations.join('\n\n'), rules),
    problems,
  }
}
