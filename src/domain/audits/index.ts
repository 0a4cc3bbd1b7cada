/**
 * Practice audits: templates as data, answer checks, due dates on the working-day clock, moderation agreement,
 * aggregation and themes. Pure: the services layer stores audits and writes their audit events.
 */
export { aggregateGrades, themeCounts } from './aggregate.js'
export type { AggregateBy, CompletedAudit, GradeCount } from './aggregate.js'
export { checkAnswers, isOverallGrade } from './answers.js'
export type { AnswerProblem, Answers } from './answers.js'
export { auditDueDate, countdown, INSPECTION_AUDIT_WORKING_DAYS } from './dueDates.js'
export type { Countdown } from './dueDates.js'
export { agreementBetween, agreementRates } from './moderation.js'
export type { Agreement } from './moderation.js'
export {
  AUDIT_SCALES,
  AUDIT_TEMPLATES,
  CHILDS_JOURNEY_AUDIT,
  findAuditTemplate,
  gradeIdsOf,
  OVERALL_GRADES,
  questionsOf,
} from './templates.js'
export type { AuditQuestion, AuditSection, AuditTemplate, OverallGrade, ScaleId } from './templates.js'
export { AUDIT_THEMES, isAuditTheme, suggestThemes } from './themes.js'
export {
  copyTemplate,
  isBuiltInTemplateId,
  readCustomTemplate,
  reviseTemplate,
  sectionsFromText,
  slugOf,
  TEMPLATE_LIMITS,
  templateProblemText,
  templateToText,
} from './customTemplates.js'
export type { TemplateResult } from './customTemplates.js'
export { activeThemes, checkThemeInput, defaultTaxonomy, newThemeId, TAXONOMY_LIMITS } from './taxonomy.js'
export type { TaxonomyTheme, ThemeInput } from './taxonomy.js'
export { buildTwentyDayUpdate, excerpt, gradeDistribution, themeFindings, twentyDayPeriod } from './findings.js'
export type { AuditFinding, CaseworkProgress, ThemeFinding, TwentyDayUpdate } from './findings.js'
export {
  planItemsFromThemes,
  readThemeItemMarker,
  roundKey,
  roundLabel,
  THEMES_SECTION_TITLE,
  themeItemMarker,
} from './themePlanItems.js'
export type { AuditRound, PlanItemDraft } from './themePlanItems.js'
