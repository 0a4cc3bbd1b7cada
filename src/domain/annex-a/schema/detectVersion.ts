import { looseKey } from '../parse/normaliseText.js'
import type { CellValue, SchemaVersion } from '../types.js'
import { isVersionAtLeast, VERSION_MARKER_HEADERS } from './versions.js'

export interface VersionDetection {
  readonly version: SchemaVersion
  /** Plain-English reason, shown to the user next to the version. */
  readonly reason: string
}

const MARKERS = VERSION_MARKER_HEADERS.map(marker => ({ ...marker, key: looseKey(marker.header) }))

/**
 * Detects the template version from header rows (any lists, any order): the latest version whose marker header
 * appears wins. A 2019 file has none of the markers.
 */
export function detectSchemaVersion(headerRows: readonly (readonly CellValue[])[]): VersionDetection {
  let found: { version: SchemaVersion; header: string } | null = null
  for (const row of headerRows) {
    for (const cell of row) {
      const key = looseKey(cell)
      const marker = MARKERS.find(candidate => candidate.key === key)
      if (marker !== undefined && (found === null || !isVersionAtLeast(found.version, marker.version))) {
        found = { version: marker.version, header: marker.header }
      }
    }
  }
  if (found === null) return { version: '2019', reason: 'No column added after the August 2019 template was found.' }
  return {
    version: found.version,
    reason: `The column "${found.header}" first appears in the ${found.version} template.`,
  }
}

/** Applies the user's choice: `auto` detects, a named version overrides detection. */
export function resolveSchemaVersion(
  choice: SchemaVersion | 'auto',
  headerRows: readonly (readonly CellValue[])[],
): VersionDetection {
  if (choice !== 'auto') return { version: choice, reason: `Chosen by the user (${choice}).` }
  return detectSchemaVersion(headerRows)
}
