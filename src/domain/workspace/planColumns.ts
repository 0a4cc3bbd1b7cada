/** The columns of seed 001's action plan, plus the work-plan columns of seed 003 Appendix 1. */
export const PLAN_FIELDS = [
  'ref',
  'issue',
  'area',
  'leadManager',
  'leadOfficer',
  'action',
  'milestoneDate',
  'progress',
  'rag',
  'targetDate',
] as const
export type PlanField = (typeof PLAN_FIELDS)[number]

export const PLAN_FIELD_LABELS: Record<PlanField, string> = {
  ref: 'Ref',
  issue: 'Issue',
  area: 'Area of responsibility',
  leadManager: 'Lead manager',
  leadOfficer: 'Lead officer',
  action: 'Action',
  milestoneDate: 'Milestone date',
  progress: 'Progress against action',
  rag: 'RAG',
  targetDate: 'Completion date',
}

/**
 * Header spellings seen in council plans, normalised (lower case, letters and digits only). The first
 * alias of each field is the heading our own export writes, so an exported plan imports unchanged.
 */
const ALIASES: Record<PlanField, readonly string[]> = {
  ref: ['ref', 'refno', 'reference', 'no', 'number', 'id', 'itemref'],
  issue: ['issue', 'issues', 'theme', 'workstream', 'objective', 'priority'],
  area: ['areaofresponsibility', 'area', 'service', 'servicearea', 'responsibility'],
  leadManager: ['leadmanager', 'manager', 'accountablemanager', 'sponsor', 'responsiblemanager'],
  leadOfficer: ['leadofficer', 'leadperson', 'lead', 'owner', 'responsibleofficer', 'actionowner'],
  action: ['action', 'actions', 'keymilestones', 'task', 'activity', 'description'],
  milestoneDate: ['milestonedate', 'milestone', 'timescale', 'timescales', 'duedate', 'deadline', 'by when'],
  progress: ['progressagainstaction', 'progress', 'progressupdate', 'update', 'status', 'latestupdate'],
  rag: ['rag', 'riskrag', 'ragstatus', 'ragrating', 'risk'],
  targetDate: ['completiondate', 'targetdate', 'targetcompletiondate', 'completion', 'completedby', 'enddate'],
}

export function normaliseHeader(value: unknown): string {
  return String(value ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/** Which cell index each field reads from. */
export type ColumnMapping = Partial<Record<PlanField, number>>

/** In a chosen mapping: the person said this field is not in the file, so no header may claim it. */
export const NOT_IN_FILE = -1

export interface MappingResult {
  mapping: ColumnMapping
  /** Headers nobody claimed, so the person can see what will be ignored. */
  unmapped: { index: number; header: string }[]
}

/**
 * Matches headers to fields: exact aliases first (so "Lead Officer" is never taken by "lead"), then headers
 * that contain an alias of four letters or more. Each field takes at most one column, each column one field.
 * `chosen` (from the person or the CLI's --map) wins over both.
 */
export function mapPlanColumns(headers: readonly unknown[], chosen: ColumnMapping = {}): MappingResult {
  const normalised = headers.map(normaliseHeader)
  const mapping: ColumnMapping = {}
  const taken = new Set<number>()
  const refused = new Set(PLAN_FIELDS.filter(field => chosen[field] === NOT_IN_FILE))
  for (const field of PLAN_FIELDS) {
    const index = chosen[field]
    if (index !== undefined && index >= 0 && index < headers.length && !taken.has(index)) {
      mapping[field] = index
      taken.add(index)
    }
  }
  const claim = (matches: (header: string, alias: string) => boolean) => {
    for (const field of PLAN_FIELDS) {
      if (mapping[field] !== undefined || refused.has(field)) continue
      for (const alias of ALIASES[field].map(normaliseHeader)) {
        const index = normalised.findIndex((header, i) => !taken.has(i) && header !== '' && matches(header, alias))
        if (index >= 0) {
          mapping[field] = index
          taken.add(index)
          break
        }
      }
    }
  }
  claim((header, alias) => header === alias)
  claim((header, alias) => alias.length >= 4 && header.includes(alias))
  const unmapped = normalised
    .map((header, index) => ({ index, header: String(headers[index] ?? '').trim(), normalised: header }))
    .filter(column => column.normalised !== '' && !taken.has(column.index))
    .map(({ index, header }) => ({ index, header }))
  return { mapping, unmapped }
}

/** A row is a header row when it names an action column and at least two others. */
export function looksLikeHeaderRow(cells: readonly unknown[]): boolean {
  const { mapping } = mapPlanColumns(cells)
  return mapping.action !== undefined && Object.keys(mapping).length >= 3
}
