import {
  BorderStyle,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx'
import { AUDIT_SCALES } from '../../domain/audits/index.js'

/** Small builders for committee-readable Word documents: headings, paragraphs of free text, simple tables. */

export const heading = (text: string, level: 1 | 2 | 3 = 2) =>
  new Paragraph({
    text,
    heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
    spacing: { before: 240, after: 120 },
  })

/** Free text as paragraphs, one per line typed; "None recorded." when empty. */
export function textBlock(text: string, empty = 'None recorded.'): Paragraph[] {
  const lines = text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '')
  if (lines.length === 0) return [new Paragraph({ children: [new TextRun({ text: empty, italics: true })] })]
  return lines.map(line => new Paragraph({ text: stripControl(line), spacing: { after: 80 } }))
}

export const para = (...children: (string | ParagraphChild)[]) =>
  new Paragraph({
    children: children.map(child => (typeof child === 'string' ? new TextRun(stripControl(child)) : child)),
    spacing: { after: 80 },
  })

export const bold = (text: string) => new TextRun({ text: stripControl(text), bold: true })

const border = { style: BorderStyle.SINGLE, size: 4, color: '505A5F' }
const borders = { top: border, bottom: border, left: border, right: border }

/** A table with a bold header row; every cell is plain text. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): Table {
  const cell = (value: string | number, isHeader: boolean) =>
    new TableCell({
      borders,
      children: [new Paragraph({ children: [new TextRun({ text: stripControl(String(value)), bold: isHeader })] })],
    })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map(value => cell(value, true)) }),
      ...rows.map(row => new TableRow({ children: row.map(value => cell(value, false)) })),
    ],
  })
}

const GRADE_LABELS = new Map<string, string>(
  Object.values(AUDIT_SCALES).flatMap(scale => scale.map(grade => [grade.id, grade.label] as [string, string])),
)

export function gradeLabel(grade: string | null | undefined): string {
  if (!grade) return 'Not graded'
  return GRADE_LABELS.get(grade) ?? grade
}

/** Characters Word cannot hold (XML 1.0 control characters) are dropped rather than corrupting the file. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
}
