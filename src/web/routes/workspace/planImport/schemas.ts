import { z } from 'zod'
import { PLAN_FIELDS, type PlanField } from '../../../../domain/workspace/index.js'
import { PLAN_KINDS } from '../../../../services/workspace/planTypes.js'

export const IMPORT_FIELDS = ['title', 'kind'] as const

export const importFormSchema = z.object({
  title: z.string().trim().max(200, 'Plan title must be 200 characters or fewer'),
  kind: z.enum(PLAN_KINDS, { message: 'Select the kind of plan' }),
})

/** The column-mapping form: one select per field, `map-<field>`, holding a column number from 0 or "none". */
export const mapFieldName = (field: PlanField) => `map-${field}`
export const MAPPING_FIELDS = ['step', ...PLAN_FIELDS.map(mapFieldName)]

export const NONE = 'none'

/**
 * Reads the choices against the columns the file has: each a known column or "none", the action column
 * required, no column chosen twice. Returns the mapping or errors keyed by the select's id.
 */
export function readMapping(
  values: Record<string, string>,
  columns: ReadonlySet<number>,
  labels: Record<PlanField, string>,
): { mapping: Partial<Record<PlanField, number>> } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const mapping: Partial<Record<PlanField, number>> = {}
  const usedBy = new Map<number, PlanField>()
  for (const field of PLAN_FIELDS) {
    const raw = (values[mapFieldName(field)] ?? NONE).trim()
    if (raw === NONE || raw === '') continue
    const index = /^\d{1,3}$/.test(raw) ? Number(raw) : -1
    if (!columns.has(index)) {
      errors[mapFieldName(field)] = `Select a column for ${labels[field].toLowerCase()} from the list`
      continue
    }
    const other = usedBy.get(index)
    if (other) {
      errors[mapFieldName(field)] =
        `${labels[field]} and ${labels[other].toLowerCase()} cannot both read the same column`
      continue
    }
    usedBy.set(index, field)
    mapping[field] = index
  }
  if (mapping.action === undefined && !errors[mapFieldName('action')])
    errors[mapFieldName('action')] = 'Select the column that holds the actions'
  return Object.keys(errors).length > 0 ? { errors } : { mapping }
}
