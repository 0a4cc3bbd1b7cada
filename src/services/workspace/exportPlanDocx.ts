import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { daysBetween, PLAN_FIELD_LABELS, PROGRESS_LABELS, RAG_LABELS, type Rag } from '../../domain/workspace/index.js'
import type { LatestUpdate, PlanItemView, PlanView } from './planTypes.js'

export interface PlanPaperOptions {
  /** Each action's latest dated update, by item id: the "progress against action" column. */
  latestUpdates?: Record<string, LatestUpdate>
  /** Who the paper is from, e.g. "Director of Children's Services". */
  preparedBy?: string
}

/** Light fills behind the RAG word; the word is always there, so colour is never the only signal. */
const RAG_FILL: Record<Rag, string> = { red: 'F4C7C3', amber: 'FFE5B4', green: 'CCE2D8', complete: 'BBD4EA' }

/** The seed-001 columns, as a committee paper prints them. */
const ITEM_COLUMNS = [
  PLAN_FIELD_LABELS.ref,
  PLAN_FIELD_LABELS.issue,
  PLAN_FIELD_LABELS.area,
  PLAN_FIELD_LABELS.leadManager,
  PLAN_FIELD_LABELS.leadOfficer,
  PLAN_FIELD_LABELS.action,
  PLAN_FIELD_LABELS.milestoneDate,
  PLAN_FIELD_LABELS.progress,
  PLAN_FIELD_LABELS.rag,
  PLAN_FIELD_LABELS.targetDate,
] as const

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** 2026-03-05 → "5 March 2026", the GOV.UK date style. */
export function paperDate(iso: string | null): string {
  if (!iso) return 'Not set'
  const [year, month, day] = iso.split('-').map(Number)
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`
}

/** Characters XML 1.0 cannot hold (a pasted control character must not make the file unreadable). */
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')

const cell = (text: string, options: { bold?: boolean; fill?: string } = {}) =>
  new TableCell({
    children: clean(text)
      .split('\n')
      .map(line => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold })] })),
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
  })

const headerRow = (labels: readonly string[]) =>
  new TableRow({ tableHeader: true, children: labels.map(label => cell(label, { bold: true, fill: 'E8E8E8' })) })

const table = (rows: TableRow[]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text: clean(text), heading: level, spacing: { before: 240, after: 120 } })

const para = (text: string) => new Paragraph({ children: [new TextRun(clean(text))], spacing: { after: 120 } })

function ragCell(item: PlanItemView): TableCell {
  const word = RAG_LABELS[item.rag]
  const text = item.override ? `${word} (override; computed ${RAG_LABELS[item.computedRag]})` : word
  return cell(text, { bold: true, fill: RAG_FILL[item.rag] })
}

function progressText(item: PlanItemView, latest: LatestUpdate | undefined): string {
  const status = PROGRESS_LABELS[item.status]
  return latest ? `${status} (${paperDate(latest.date)}): ${latest.note}` : status
}

/** Open actions whose due date (completion, else milestone) has passed, as RAG computes "overdue". */
export function overdueItems(plan: PlanView): PlanItemView[] {
  return plan.sections
    .flatMap(section => section.items)
    .filter(item => {
      const due = item.targetDate ?? item.milestoneDate
      return item.status !== 'complete' && due !== null && due < plan.today
    })
}

/**
 * The plan as a Word document in committee-paper form: title block, purpose, recommendation, a summary of
 * RAG counts, the overdue actions called out, then each section as a table with seed 001's columns. docx
 * writes text runs only (never fields or macros), so hostile text in a plan stays text.
 */
export async function exportPlanDocx(plan: PlanView, options: PlanPaperOptions = {}): Promise<Buffer> {
  const latest = options.latestUpdates ?? {}
  const overdue = overdueItems(plan)
  const kind = plan.kind === 'work' ? 'work plan' : 'improvement plan'
  const open = plan.items - plan.rag.complete

  const summary = table([
    headerRow(['RAG', 'Actions']),
    ...(['red', 'amber', 'green', 'complete'] as const).map(
      rag =>
        new TableRow({
          children: [cell(RAG_LABELS[rag], { bold: true, fill: RAG_FILL[rag] }), cell(String(plan.rag[rag]))],
        }),
    ),
    new TableRow({ children: [cell('Total', { bold: true }), cell(String(plan.items), { bold: true })] }),
  ])

  const overdueBlock =
    overdue.length === 0
      ? [para('No open action is past its due date.')]
      : [
          para(
            `${overdue.length} open ${overdue.length === 1 ? 'action is' : 'actions are'} past ${overdue.length === 1 ? 'its' : 'their'} due date. The board is asked to seek assurance from the leads named.`,
          ),
          table([
            headerRow(['Ref', 'Action', 'Lead', 'Due', 'Days overdue', 'Latest progress']),
            ...overdue.map(item => {
              const due = (item.targetDate ?? item.milestoneDate)!
              return new TableRow({
                children: [
                  cell(item.ref),
                  cell(item.action),
                  cell(item.leadOfficer || item.leadManager || 'No lead named'),
                  cell(paperDate(due)),
                  cell(String(daysBetween(due, plan.today))),
                  cell(progressText(item, latest[item.itemId])),
                ],
              })
            }),
          ]),
        ]

  const sections = plan.sections.flatMap((section, index) => [
    heading(`5.${index + 1} ${section.ref ? `${section.ref}: ` : ''}${section.title}`, HeadingLevel.HEADING_3),
    ...(section.sourceReference ? [para(`Source: ${section.sourceReference}`)] : []),
    section.items.length === 0
      ? para('No actions in this section.')
      : table([
          headerRow(ITEM_COLUMNS),
          ...section.items.map(
            item =>
              new TableRow({
                cantSplit: true,
                children: [
                  cell(item.ref),
                  cell(item.issue),
                  cell(item.area),
                  cell(item.leadManager),
                  cell(item.leadOfficer),
                  cell(item.action),
                  cell(item.milestoneDate ? paperDate(item.milestoneDate) : ''),
                  cell(progressText(item, latest[item.itemId])),
                  ragCell(item),
                  cell(item.targetDate ? paperDate(item.targetDate) : ''),
                ],
              }),
          ),
        ]),
  ])

  const document = new Document({
    creator: 'Inspection Readiness',
    title: clean(plan.title),
    description: `Progress report on the ${kind}`,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ text: clean(plan.title), heading: HeadingLevel.TITLE }),
          new Paragraph({
            children: [new TextRun({ text: `Progress report on the ${kind}`, bold: true })],
            spacing: { after: 120 },
          }),
          table([
            new TableRow({ children: [cell('Date of report', { bold: true }), cell(paperDate(plan.today))] }),
            new TableRow({
              children: [cell('Report of', { bold: true }), cell(options.preparedBy || 'Inspection readiness group')],
            }),
            new TableRow({
              children: [cell('Source', { bold: true }), cell(plan.sourceName || 'Entered in Inspection Readiness')],
            }),
          ]),
          heading('1. Purpose of the report', HeadingLevel.HEADING_2),
          para(
            `To report progress against the ${kind} "${plan.title}" as at ${paperDate(plan.today)}: ${plan.items} actions, of which ${open} are open.`,
          ),
          heading('2. Recommendation', HeadingLevel.HEADING_2),
          para(
            'That the board notes progress, challenges the overdue actions in section 4 and agrees any changes to milestones.',
          ),
          heading('3. Summary of RAG ratings', HeadingLevel.HEADING_2),
          para(
            `Red ${plan.rag.red}, amber ${plan.rag.amber}, green ${plan.rag.green}, complete ${plan.rag.complete}. RAG is worked out from each action's dates and latest update; a manual override is shown with the computed rating beside it.`,
          ),
          summary,
          heading('4. Overdue actions', HeadingLevel.HEADING_2),
          ...overdueBlock,
          heading('5. Progress by section', HeadingLevel.HEADING_2),
          ...(sections.length > 0 ? sections : [para('This plan has no sections yet.')]),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            spacing: { before: 240 },
            children: [new TextRun({ text: 'Produced by Inspection Readiness.', italics: true })],
          }),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}
