import type { Offset } from '../../../../domain/calendar/index.js'
import type { Framework, Judgement } from '../../../../domain/frameworks/index.js'

export interface JudgementNode {
  judgement: Judgement
  children: JudgementNode[]
}

export const STATUS_LABELS: Record<Framework['status'], string> = {
  'in-use': 'In use',
  historical: 'Historical',
  announced: 'Announced',
}

export const STATUS_CLASSES: Record<Framework['status'], string> = {
  'in-use': 'govuk-tag--green',
  historical: 'govuk-tag--grey',
  announced: 'govuk-tag--blue',
}

export const CERTAINTY_LABELS = {
  always: 'always applies',
  likely: 'likely (“unlikely to be good”)',
  may: 'may apply',
} as const

/** The judgements as the report nests them; a parent that is missing leaves its children at the top. */
export function judgementTree(framework: Framework): JudgementNode[] {
  const nodes = new Map(
    framework.judgements.map(judgement => [judgement.id, { judgement, children: [] as JudgementNode[] }]),
  )
  const roots: JudgementNode[] = []
  for (const node of nodes.values()) {
    const parent = node.judgement.parent ? nodes.get(node.judgement.parent) : undefined
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** "5 working days", "3 months and 10 calendar days". */
export function offsetText(offset: Offset | undefined): string {
  if (!offset) return 'The same day'
  const parts: string[] = []
  const unit = (n: number, one: string) => `${n} ${one}${Math.abs(n) === 1 ? '' : 's'}`
  if (offset.months) parts.push(unit(offset.months, 'month'))
  if (offset.calendarDays) parts.push(unit(offset.calendarDays, 'calendar day'))
  if (offset.workingDays) parts.push(unit(offset.workingDays, 'working day'))
  return parts.length ? parts.join(' and ') : 'The same day'
}

/** The optional lists a framework may carry, as page sections in a fixed order. */
export function frameworkLists(framework: Framework) {
  const lists = [
    { id: 'evaluation-areas', title: 'Evaluation areas', items: framework.evaluationAreas ?? [] },
    { id: 'documents', title: 'Documents the council must have ready', items: framework.documents ?? [] },
    { id: 'external-data', title: 'Data Ofsted uses', items: framework.externalData ?? [] },
    { id: 'interviews', title: 'Interviews and meetings', items: framework.interviews ?? [] },
    { id: 'questions', title: 'Questions the council is asked', items: framework.questions ?? [] },
    { id: 'triggers', title: 'Triggers for an earlier inspection', items: framework.triggers ?? [] },
  ]
  return lists.filter(list => list.items.length > 0)
}

export function frameworkSections(framework: Framework) {
  const lists = frameworkLists(framework)
  return [
    { id: 'sources', title: 'Sources', show: true },
    { id: 'scales', title: 'Grade scales', show: framework.scales.length > 0 },
    { id: 'judgements', title: 'Judgements', show: framework.judgements.length > 0 },
    { id: 'findings', title: 'Finding categories', show: Boolean(framework.findingCategories) },
    { id: 'rules', title: 'Rules', show: true },
    { id: 'types', title: 'Inspection and visit types, with timeline parameters', show: true },
    { id: 'cycle', title: 'Inspection cycle', show: Boolean(framework.cycle || framework.routing) },
    ...lists.map(list => ({ id: list.id, title: list.title, show: true })),
    { id: 'sampling', title: 'Case sampling', show: Boolean(framework.sampling) },
    { id: 'notes', title: 'Notes', show: Boolean(framework.notes) },
  ].filter(section => section.show)
}
