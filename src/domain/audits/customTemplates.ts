import {
  AUDIT_SCALES,
  AUDIT_TEMPLATES,
  type AuditQuestion,
  type AuditSection,
  type AuditTemplate,
} from './templates.js'
import type { ScaleId } from './templates.js'

const ID = /^[a-z0-9][a-z0-9-]{0,59}$/
export const TEMPLATE_LIMITS = { sections: 30, questions: 150, label: 300, guidance: 2000, source: 500 } as const

/** Words the web pages use beside template ids in their paths (/audits/templates/import): never a template's id. */
const RESERVED_IDS = new Set(['import'])

export type TemplateResult = { template: AuditTemplate; problems: [] } | { template: null; problems: string[] }

/** Built-in templates cannot be replaced by a custom one of the same id; copy them under a new id instead. */
export function isBuiltInTemplateId(id: string): boolean {
  return AUDIT_TEMPLATES.some(template => template.id === id)
}

/** A lower-case id from a label: "Quality of the plan" → "quality-of-the-plan". */
export function slugOf(label: string): string {
  const slug = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '')
  return slug === '' ? 'item' : slug
}

function uniqueId(wanted: string, taken: Set<string>, reserved: ReadonlySet<string>): string {
  let id = wanted
  for (let n = 2; taken.has(id) || reserved.has(id); n += 1) id = `${wanted}-${n}`
  taken.add(id)
  return id
}

const SCALE_IDS = Object.keys(AUDIT_SCALES) as ScaleId[]
const isScale = (value: unknown): value is ScaleId => SCALE_IDS.includes(value as ScaleId)

/**
 * Checks a template an organisation wrote (JSON, or read from the text form by `templateFromText`) and returns it
 * typed, with question ids made from labels where none is given, or every problem found, each saying where it is.
 */
export function readCustomTemplate(value: unknown, version = 1): TemplateResult {
  const problems: string[] = []
  const record = asRecord(value)
  if (!record) return { template: null, problems: ['The template must be a JSON object'] }
  const id = text(record.id)
  if (!id || !ID.test(id)) problems.push('id must be lower-case letters, digits and hyphens (at most 60)')
  else if (isBuiltInTemplateId(id)) problems.push(`id "${id}" is a built-in template; choose another id`)
  else if (RESERVED_IDS.has(id)) problems.push(`id "${id}" is reserved; choose another id`)
  const label = text(record.label)
  if (!label) problems.push('label is required')
  else if (label.length > TEMPLATE_LIMITS.label)
    problems.push(`label must be ${TEMPLATE_LIMITS.label} characters or fewer`)
  const source = text(record.source) ?? ''
  if (source.length > TEMPLATE_LIMITS.source)
    problems.push(`source must be ${TEMPLATE_LIMITS.source} characters or fewer`)
  const sectionValues = record.sections
  const sections: AuditSection[] = []
  const sectionIds = new Set<string>()
  const questionIds = new Set<string>()
  let questionCount = 0
  // Ids given explicitly are kept; ids made from labels step around them.
  const explicit = (key: 'section' | 'question') =>
    new Set(
      (Array.isArray(sectionValues) ? sectionValues : []).flatMap(section => {
        const items = key === 'section' ? [section] : (asRecord(section)?.questions ?? [])
        return (Array.isArray(items) ? items : []).flatMap(item => {
          const id = asRecord(item)?.id
          return typeof id === 'string' ? [id] : []
        })
      }),
    )
  const reservedSections = explicit('section')
  const reservedQuestions = explicit('question')
  if (!Array.isArray(sectionValues) || sectionValues.length === 0)
    problems.push('sections must list at least one section')
  else if (sectionValues.length > TEMPLATE_LIMITS.sections)
    problems.push(`a template has at most ${TEMPLATE_LIMITS.sections} sections`)
  else
    sectionValues.forEach((item, sectionIndex) => {
      const at = `sections[${sectionIndex}]`
      const section = asRecord(item)
      if (!section) return void problems.push(`${at} must be an object`)
      const sectionLabel = text(section.label)
      if (!sectionLabel) problems.push(`${at}.label is required`)
      else if (sectionLabel.length > TEMPLATE_LIMITS.label)
        problems.push(`${at}.label must be ${TEMPLATE_LIMITS.label} characters or fewer`)
      const sectionId = idOf(section.id, sectionLabel, sectionIds, reservedSections, `${at}.id`, problems)
      const questions: AuditQuestion[] = []
      if (!Array.isArray(section.questions) || section.questions.length === 0)
        problems.push(`${at}.questions must list at least one question`)
      else
        section.questions.forEach((questionValue, questionIndex) => {
          const where = `${at}.questions[${questionIndex}]`
          questionCount += 1
          const question = asRecord(questionValue)
          if (!question) return void problems.push(`${where} must be an object`)
          const questionLabel = text(question.label)
          if (!questionLabel) problems.push(`${where}.label is required`)
          else if (questionLabel.length > TEMPLATE_LIMITS.label)
            problems.push(`${where}.label must be ${TEMPLATE_LIMITS.label} characters or fewer`)
          const scale = question.scale ?? 'ofsted-4'
          if (!isScale(scale)) problems.push(`${where}.scale must be one of ${SCALE_IDS.join(', ')}`)
          const guidance = question.guidance === undefined ? undefined : text(question.guidance)
          if (question.guidance !== undefined && typeof question.guidance !== 'string')
            problems.push(`${where}.guidance must be text`)
          else if (guidance && guidance.length > TEMPLATE_LIMITS.guidance)
            problems.push(`${where}.guidance must be ${TEMPLATE_LIMITS.guidance} characters or fewer`)
          const questionId = idOf(question.id, questionLabel, questionIds, reservedQuestions, `${where}.id`, problems)
          if (questionLabel && questionId && isScale(scale))
            questions.push({ id: questionId, label: questionLabel, scale, ...(guidance ? { guidance } : {}) })
        })
      if (sectionLabel && sectionId) sections.push({ id: sectionId, label: sectionLabel, questions })
    })
  if (questionCount > TEMPLATE_LIMITS.questions)
    problems.push(`a template has at most ${TEMPLATE_LIMITS.questions} questions`)
  if (problems.length > 0) return { template: null, problems }
  return { template: { id: id!, version, label: label!, source, sections }, problems: [] }
}

function idOf(
  value: unknown,
  label: string | null,
  taken: Set<string>,
  reserved: ReadonlySet<string>,
  at: string,
  problems: string[],
): string | null {
  if (value !== undefined) {
    const id = text(value)
    if (!id || !ID.test(id)) {
      problems.push(`${at} must be lower-case letters, digits and hyphens`)
      return null
    }
    if (taken.has(id)) {
      problems.push(`${at} "${id}" is used twice`)
      return null
    }
    taken.add(id)
    return id
  }
  return label ? uniqueId(slugOf(label), taken, reserved) : null
}

/**
 * The next version of a template: a copy of the latest with the edits applied. Question ids of unchanged labels
 * stay the same, so grades by question line up across versions.
 */
export function reviseTemplate(
  latest: AuditTemplate,
  edits: { label?: string; source?: string; sections?: readonly unknown[] },
): TemplateResult {
  return readCustomTemplate(
    {
      id: latest.id,
      label: edits.label ?? latest.label,
      source: edits.source ?? latest.source,
      sections: edits.sections ?? latest.sections,
    },
    latest.version + 1,
  )
}

/** A copy of any template (a built-in one included) as version 1 of a new custom template. */
export function copyTemplate(from: AuditTemplate, id: string, label: string): TemplateResult {
  return readCustomTemplate({
    id,
    label,
    source: `Copied from ${from.label} (version ${from.version})`,
    sections: from.sections,
  })
}

/**
 * The text form of a template's sections, for editing in a plain textarea (works with JavaScript off):
 *
 * ```
 * # Section label
 * Question label | ofsted-4 | guidance
 * Another question | yes-partly-no
 * ```
 */
export function templateToText(template: Pick<AuditTemplate, 'sections'>): string {
  return template.sections
    .map(section =>
      [
        `# ${section.label}`,
        ...section.questions.map(question =>
          [question.label, question.scale, ...(question.guidance ? [question.guidance] : [])].join(' | '),
        ),
      ].join('\n'),
    )
    .join('\n\n')
}

/**
 * Reads the text form back into sections, keeping the ids of questions whose labels match a question of `previous`
 * (so a revision keeps its ids). Line problems name the line.
 */
export function sectionsFromText(
  input: string,
  previous?: Pick<AuditTemplate, 'sections'>,
): { sections: unknown[]; problems: string[] } {
  const problems: string[] = []
  const sections: { id?: string; label: string; questions: Record<string, unknown>[] }[] = []
  // Labels can repeat (in different sections): each keeps its ids in order.
  const known = new Map<string, string[]>()
  for (const question of (previous?.sections ?? []).flatMap(section => section.questions))
    known.set(question.label, [...(known.get(question.label) ?? []), question.id])
  const knownSections = new Map<string, string[]>()
  for (const section of previous?.sections ?? [])
    knownSections.set(section.label, [...(knownSections.get(section.label) ?? []), section.id])
  input.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    if (line.startsWith('#')) {
      const label = line.replace(/^#+/, '').trim()
      const id = knownSections.get(label)?.shift()
      sections.push({ ...(id ? { id } : {}), label, questions: [] })
      return
    }
    const current = sections.at(-1)
    if (!current) return void problems.push(`Line ${index + 1}: start with a section heading, like "# Assessment"`)
    const [label = '', scale = 'ofsted-4', ...rest] = line.split('|').map(part => part.trim())
    const guidance = rest.join(' | ').trim()
    const id = known.get(label)?.shift()
    current.questions.push({
      ...(id ? { id } : {}),
      label,
      scale: scale === '' ? 'ofsted-4' : scale,
      ...(guidance ? { guidance } : {}),
    })
  })
  // Problems found by readCustomTemplate name the section and question by position; keep them readable.
  return { sections, problems }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

const TEMPLATE_PLACE = /^sections\[(\d+)\](?:\.questions\[(\d+)\])?(?:\.(\w+))? (.*)$/

/**
 * A `readCustomTemplate` problem as a person reads it, naming the section and question by number and label:
 * `sections[1].questions[2].scale must be …` → `Section 2 (“Plans”), question 3 (“Risk”): scale must be …`.
 */
export function templateProblemText(problem: string, value: unknown): string {
  const place = TEMPLATE_PLACE.exec(problem)
  if (!place) return problem
  const [, sectionIndex, questionIndex, field, message] = place
  const sections = asRecord(value)?.sections
  const section = Array.isArray(sections) ? asRecord(sections[Number(sectionIndex)]) : null
  const named = (noun: string, index: string, record: Record<string, unknown> | null) => {
    const label = text(record?.label)
    return `${noun} ${Number(index) + 1}${label ? ` (“${label.length > 60 ? `${label.slice(0, 59)}…` : label}”)` : ''}`
  }
  let where = named('Section', sectionIndex!, section)
  if (questionIndex !== undefined) {
    const questions = section?.questions
    where += `, ${named('question', questionIndex, Array.isArray(questions) ? asRecord(questions[Number(questionIndex)]) : null)}`
  }
  return `${where}: ${field ? `${field} ` : ''}${message}`
}
