import type { AnnexASchema, ColumnSpec, ListNumber, ListSpec, SchemaVersion } from '../types.js'
import { LIST_NUMBERS } from '../types.js'
import { LISTS_2019 } from './lists2019.js'

/**
 * Later templates are the 2019 template plus deltas, as the peer tools keep their specs (added, changed, deleted
 * per year), so a reviewer can see exactly what each version changed.
 */

const LIST_9_ADDITIONS_2023 = {
  uasc: {
    key: 'uasc',
    header: 'Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)',
    type: 'code',
    required: false,
    codeList: 'yesNo',
  },
  personalAdvisor: { key: 'personalAdvisor', header: 'Allocated Personal Advisor', type: 'text', required: false },
  pathwayPlanReviewDate: {
    key: 'pathwayPlanReviewDate',
    header: 'Latest Pathway Plan Review Date',
    type: 'date',
    required: false,
  },
  latestContactDate: { key: 'latestContactDate', header: 'Latest Date of Contact', type: 'date', required: false },
} as const satisfies Record<string, ColumnSpec>

/** Inserts `added` after the column with key `afterKey`. */
function insertAfter(columns: readonly ColumnSpec[], afterKey: string, added: ColumnSpec): ColumnSpec[] {
  const index = columns.findIndex(column => column.key === afterKey)
  return [...columns.slice(0, index + 1), added, ...columns.slice(index + 1)]
}

function withList9Additions(list9: ListSpec): ListSpec {
  let columns = insertAfter(list9.columns, 'ageYears', LIST_9_ADDITIONS_2023.uasc)
  columns = insertAfter(columns, 'allocatedWorker', LIST_9_ADDITIONS_2023.personalAdvisor)
  columns = insertAfter(columns, 'eligibility', LIST_9_ADDITIONS_2023.pathwayPlanReviewDate)
  columns = insertAfter(columns, 'inTouch', LIST_9_ADDITIONS_2023.latestContactDate)
  return { ...list9, columns }
}

/** 2026: the LIIA 2026 spec renames Gender to Sex in every list; the old header stays an accepted alias. */
function withSexForGender(spec: ListSpec): ListSpec {
  return {
    ...spec,
    columns: spec.columns.map(column =>
      column.key === 'gender' ? { ...column, header: 'Sex', aliases: ['Gender'] } : column,
    ),
  }
}

function mapLists(
  lists: Readonly<Record<ListNumber, ListSpec>>,
  change: (spec: ListSpec) => ListSpec,
): Record<ListNumber, ListSpec> {
  return Object.fromEntries(LIST_NUMBERS.map(number => [number, change(lists[number])])) as Record<ListNumber, ListSpec>
}

const LISTS_2023 = { ...LISTS_2019, 9: withList9Additions(LISTS_2019[9]) }
const LISTS_2026 = mapLists(LISTS_2023, withSexForGender)

export const SCHEMAS: Readonly<Record<SchemaVersion, AnnexASchema>> = {
  '2019': { version: '2019', label: 'Ofsted Annex A template, August 2019', lists: LISTS_2019 },
  '2023': {
    version: '2023',
    label: 'Annex A 2023/2024 (care leaver columns on List 9, newer codes)',
    lists: LISTS_2023,
  },
  '2026': { version: '2026', label: 'Annex A 2026 (Sex replaces Gender)', lists: LISTS_2026 },
}

export const LATEST_SCHEMA_VERSION: SchemaVersion = '2026'

export function getSchema(version: SchemaVersion): AnnexASchema {
  return SCHEMAS[version]
}

const VERSION_ORDER: Readonly<Record<SchemaVersion, number>> = { '2019': 0, '2023': 1, '2026': 2 }

export function isVersionAtLeast(version: SchemaVersion, atLeast: SchemaVersion): boolean {
  return VERSION_ORDER[version] >= VERSION_ORDER[atLeast]
}

/** Headers that only exist from a given version; used to detect the version of a file. */
export const VERSION_MARKER_HEADERS: readonly { readonly version: SchemaVersion; readonly header: string }[] = [
  { version: '2026', header: 'Sex' },
  ...Object.values(LIST_9_ADDITIONS_2023).map(column => ({ version: '2023' as const, header: column.header })),
]
