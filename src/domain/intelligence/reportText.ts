import { recordedGrade } from './gradeLabels.js'
import { scaleOf } from './odsOutcomes.js'
import type { RecordedGrade } from './types.js'

/**
 * Reads an Ofsted report's text (as a PDF text extractor gives it, one printed line per line) into its facts:
 * authority, dates, inspection type, every judgement and the "what needs to improve" recommendations. Three
 * layouts are known: the 2013 inspections of looked after children services (TLAC), the single inspection
 * framework 2013–2018 (SIF, with the LSCB review) and ILACS from 2018. What is not found stays null or empty.
 */

export interface ExtractedReport {
  authorityName: string | null
  publicationDate: string | null
  inspectionStart: string | null
  inspectionEnd: string | null
  type: string | null
  framework: string | null
  grades: RecordedGrade[]
  recommendations: string[]
  problems: string[]
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const GRADE = String.raw`(outstanding|good|inadequate|adequate|requires? improvement(?: to be good)?)`
const DASH = String.raw`\s+to\s+|\s*[–—-]\s*`

function iso(day: number, month: number, year: number): string | null {
  const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  const date = new Date(`${text}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? null : text
}

/** "8 August 2014" → '2014-08-08'. */
export function parseLongDate(text: string): string | null {
  const match = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i.exec(text.trim())
  if (!match) return null
  const month = MONTHS.indexOf(match[2]!.toLowerCase()) + 1
  return month === 0 ? null : iso(Number(match[1]), month, Number(match[3]))
}

/**
 * Date ranges as reports print them: "11 to 15 September 2023", "2 June 2014 – 25 June 2014", "9–24 November 2017",
 * "14 September – 8 October 2015" or one day ("28 July 2016"). A start without month or year borrows the end's.
 */
export function parseDateRange(text: string): { start: string; end: string } | null {
  const cleaned = text.replace(/\s+/g, ' ').trim()
  const parts = cleaned.split(new RegExp(DASH))
  const end = parseLongDate(parts[parts.length - 1] ?? '')
  if (!end || parts.length > 2) return null
  if (parts.length === 1) return { start: end, end }
  const [endYear, endMonth] = end.split('-').map(Number) as [number, number]
  const startMatch = /^(\d{1,2})(?:\s+([a-z]+))?(?:\s+(\d{4}))?$/i.exec(parts[0]!.trim())
  if (!startMatch) return null
  const month = startMatch[2] ? MONTHS.indexOf(startMatch[2].toLowerCase()) + 1 : endMonth
  if (month === 0) return null
  const start = iso(Number(startMatch[1]), month, startMatch[3] ? Number(startMatch[3]) : endYear)
  return start && start <= end ? { start, end } : null
}

/**
 * Lines without running headers, footers and page numbers: a line printed within the first or last three lines
 * of three or more pages is furniture there (and only there: "Good" or "Recommendations" also occur in the body).
 */
export function contentLines(text: string): string[] {
  const pages = text
    .replace(/\r/g, '')
    .split('\f')
    .map(page =>
      page
        .split('\n')
        .map(line => line.replace(/\s+/g, ' ').trim())
        .filter(line => line !== '' && !/^\d+$/.test(line)),
    )
  // Headers with a page number ("Kent County Council Inspection of … services 7") meet under one shape.
  const shape = (line: string) => (/\D\s*\d{1,3}$/.test(line) ? line.replace(/\s*\d+$/, '') + ' #' : line)
  const edge = (page: string[], index: number) => index < 3 || index >= page.length - 3
  const counts = new Map<string, number>()
  for (const page of pages) {
    const seen = new Set(page.filter((_, index) => edge(page, index)).map(shape))
    for (const line of seen) counts.set(line, (counts.get(line) ?? 0) + 1)
  }
  return pages.flatMap(page =>
    page.filter((line, index) => !(edge(page, index) && (counts.get(shape(line)) ?? 0) >= 3 && line.length > 12)),
  )
}

interface Layout {
  framework: (joined: string) => string
  type: string
  /** Judgement id → pattern over the joined opening text; group 1 is the grade. */
  judgements: Record<string, RegExp>
}

const ILACS_JUDGEMENTS: Record<string, RegExp> = {
  'impact-of-leaders': new RegExp(
    String.raw`impact of leaders on social work practice with children and families\.?\s+${GRADE}`,
    'i',
  ),
  'help-and-protection': new RegExp(String.raw`children who need help and protection\s+${GRADE}`, 'i'),
  'children-in-care-and-care-leavers': new RegExp(String.raw`children in care and care leavers\s+${GRADE}`, 'i'),
  'children-in-care': new RegExp(String.raw`progress of children in care\s+${GRADE}`, 'i'),
  'care-leavers': new RegExp(String.raw`progress of care leavers\s+${GRADE}`, 'i'),
  'overall-effectiveness': new RegExp(String.raw`Overall effectiveness\s+${GRADE}`, 'i'),
}

const SIF_JUDGEMENTS: Record<string, RegExp> = {
  'overall-effectiveness': new RegExp(
    String.raw`(?:The overall judgement is|Children['’]s services in .{1,60}?(?: are| is)?)\s+${GRADE}`,
    'i',
  ),
  'help-and-protection': new RegExp(String.raw`1\. Children who need help and protection\s+${GRADE}`, 'i'),
  'looked-after-and-permanence': new RegExp(
    String.raw`2\. Children looked after and achieving permanence\s+${GRADE}`,
    'i',
  ),
  'adoption-performance': new RegExp(String.raw`2\.1 Adoption performance\s+${GRADE}`, 'i'),
  'care-leavers': new RegExp(String.raw`2\.2 Experiences and progress of care leavers\s+${GRADE}`, 'i'),
  'leadership-management-governance': new RegExp(String.raw`3\. Leadership, management and governance\s+${GRADE}`, 'i'),
  lscb: new RegExp(String.raw`the Local Safeguarding Children Board(?: \(LSCB\))?(?: is| are)?\s+${GRADE}`, 'i'),
}

const TLAC_JUDGEMENTS: Record<string, RegExp> = {
  'overall-effectiveness': new RegExp(String.raw`Overall effectiveness\s+${GRADE}`, 'i'),
  'capacity-to-improve': new RegExp(String.raw`Capacity to improve\s+${GRADE}`, 'i'),
  outcomes: new RegExp(String.raw`Outcomes for looked after children and young people\s+${GRADE}`, 'i'),
  'quality-of-provision': new RegExp(String.raw`Quality of provision\s+${GRADE}`, 'i'),
  'leadership-and-management': new RegExp(String.raw`Leadership and management\s+${GRADE}`, 'i'),
}

function detectLayout(joined: string): Layout | undefined {
  if (/Inspection of looked after children services/i.test(joined)) {
    return {
      framework: () => 'tlac-2012',
      type: 'Targeted looked after children inspection',
      judgements: TLAC_JUDGEMENTS,
    }
  }
  if (/Re-inspection of services for children in need of help and protection/i.test(joined)) {
    return { framework: () => 'sif-2013', type: 'SIF re-inspection', judgements: SIF_JUDGEMENTS }
  }
  if (/Inspection of services for children in need of help and protection/i.test(joined)) {
    return { framework: () => 'sif-2013', type: 'First SIF inspection', judgements: SIF_JUDGEMENTS }
  }
  if (/Inspection of (?:.{1,80}? )?children['’]s (?:social care )?services/i.test(joined)) {
    return {
      // ILACS 2023 grades care leavers on their own (the frameworks module's rule).
      framework: text => (/progress of care leavers\s/i.test(text) ? 'ilacs-2023' : 'ilacs-2018'),
      type: 'ILACS inspection',
      judgements: ILACS_JUDGEMENTS,
    }
  }
  return undefined
}

function normaliseGradeText(text: string): string {
  return text.replace(/^require improvement/i, 'requires improvement').replace(/\s+/g, ' ')
}

/** The opening of the report: where the judgement table or summary sits, before the narrative. */
function openingText(lines: readonly string[], framework: string): string {
  if (framework === 'tlac-2012') {
    // The grades are in the "Record of main findings" at the end; the first mention is the contents list.
    const starts = lines.flatMap((line, index) => (/^Record of main findings$/i.test(line) ? [index] : []))
    const start = starts[starts.length - 1]
    return start === undefined ? '' : lines.slice(start, start + 40).join(' ')
  }
  return lines.slice(0, 80).join(' ')
}

/** "Metropolitan Borough of Barnsley Council" → "Barnsley Council"; "Medway Children’s Services" → "Medway". */
export function cleanAuthorityName(name: string): string {
  return name
    .replace(/^(?:Metropolitan Borough|London Borough|Royal Borough|Borough|County) of\s+/i, '')
    .replace(/\s+(?:Unitary Authority|Children['’]s Services)$/i, '')
    .trim()
}

function authorityFrom(lines: readonly string[], joined: string, framework: string): string | null {
  const ilacs = /Inspection of (.{2,80}?) (?:local authority )?children['’]s services/i.exec(joined)
  if (framework.startsWith('ilacs') && ilacs && !/^children/i.test(ilacs[1]!)) return ilacs[1]!.trim()
  const titleAt = lines.findIndex(line =>
    /^(?:Re-)?Inspection of (?:services for|children['’]s social care|looked after)/i.test(line),
  )
  if (titleAt < 0) return null
  if (framework === 'tlac-2012') {
    // "Inspection of looked after children / services / Kent County Council": the name follows the title.
    const after = lines.slice(titleAt, titleAt + 4).findIndex(line => /^services$/i.test(line))
    return after >= 0 ? (lines[titleAt + after + 1] ?? null) : null
  }
  const before = lines.slice(0, titleAt).filter(line => !/^\d+$/.test(line))
  return before.length > 0 ? before.join(' ').trim() : null
}

/** Headings that open the improvement section in each layout (contents entries carry a page number and do not match). */
const IMPROVE_HEADING =
  /^(What needs to improve\??|What does the local authority need to improve\?|Areas for improvement|Recommendations)$/i
// Bullets print as symbol-font characters (U+F000–F0FF), '◼' or '•'; numbered items as "1. ".
const ITEM_START = /^(?:[◼•▪■●\u2022\uf000-\uf0ff]\s*|o\s+|\d{1,2}\.\s+)/

/** Recommendations: bulleted or numbered items under each improvement heading, until the next heading. */
export function recommendationsIn(lines: readonly string[]): string[] {
  const found: string[] = []
  for (let index = 0; index < lines.length; index += 1) {
    if (!IMPROVE_HEADING.test(lines[index]!)) continue
    const items: string[] = []
    let cursor = index + 1
    for (; cursor < lines.length; cursor += 1) {
      const line = lines[cursor]!
      if (IMPROVE_HEADING.test(line)) continue
      if (ITEM_START.test(line) && !/^\d{1,2}\.\d/.test(line)) {
        items.push(line.replace(ITEM_START, ''))
        continue
      }
      const last = items[items.length - 1]
      if (/:$/.test(line) && line.length < 60) continue // "Within three months:", "Immediately:"
      if (last === undefined) {
        if (cursor - index > 6) break
        continue // an introduction such as "The inspection did not find any areas for priority and immediate action."
      }
      if (/[.;]$/.test(last) || last.length > 600) break
      items[items.length - 1] = `${last} ${line}`
    }
    found.push(
      ...items
        .map(item => item.replace(/\s+/g, ' ').trim())
        .filter(item => item.length > 10 && !/should take the following action/i.test(item)),
    )
    index = cursor - 1
  }
  return [...new Set(found)]
}

/** Publication dates in file names as Ofsted's site names them: "barnsley_27-october-2023.pdf". */
export function dateFromFileName(fileName: string): string | null {
  const match = /(\d{1,2})-([a-z]+)-(\d{4})(?:\.pdf)?$/i.exec(fileName)
  return match ? parseLongDate(`${match[1]} ${match[2]} ${match[3]}`) : null
}

export function parseReportText(text: string, fileName = ''): ExtractedReport {
  const lines = contentLines(text)
  const head = lines.slice(0, 40).join(' ')
  const layout = detectLayout(head)
  const problems: string[] = []
  const datesLine = lines.slice(0, 40).find(line => /^Inspection dates?:?\s/i.test(line))
  const range = datesLine ? parseDateRange(datesLine.replace(/^Inspection dates?:?\s+/i, '')) : null
  if (!range) problems.push('No inspection dates found')
  const published = /(?:Report )?published:?\s+(\d{1,2} [A-Za-z]+ \d{4})/i.exec(head)
  const publicationDate = (published && parseLongDate(published[1]!)) ?? dateFromFileName(fileName)
  if (!layout) {
    problems.push('Not a report layout we know (TLAC 2013, SIF or ILACS)')
    return {
      authorityName: null,
      publicationDate,
      inspectionStart: range?.start ?? null,
      inspectionEnd: range?.end ?? null,
      type: null,
      framework: null,
      grades: [],
      recommendations: recommendationsIn(lines),
      problems,
    }
  }
  const framework = layout.framework(head)
  const opening = openingText(lines, framework)
  const grades: RecordedGrade[] = []
  const whole = lines.join(' ')
  for (const [judgement, pattern] of Object.entries(layout.judgements)) {
    // The LSCB review's grade opens its own section, well after the local authority's judgements.
    const match = pattern.exec(opening) ?? (judgement === 'lscb' ? pattern.exec(whole) : null)
    if (!match) continue
    const grade = recordedGrade(judgement, normaliseGradeText(match[1]!), scaleOf(framework))
    if (grade) grades.push(grade)
  }
  if (!grades.some(grade => grade.judgement === 'overall-effectiveness'))
    problems.push('No overall effectiveness grade found')
  const found = authorityFrom(lines, head, framework)
  const authorityName = found ? cleanAuthorityName(found) : null
  if (!authorityName) problems.push('No authority name found')
  return {
    authorityName,
    publicationDate,
    inspectionStart: range?.start ?? null,
    inspectionEnd: range?.end ?? null,
    type: layout.type,
    framework,
    grades,
    recommendations: recommendationsIn(lines),
    problems,
  }
}
