import { createHmac } from 'node:crypto'
import type { ColumnSpec, CleanValue } from '../../domain/annex-a/index.js'

/**
 * Pseudonymisation for sharing outside the service: identifiers become a keyed hash (the same child gets the same
 * pseudonym in every export from this organisation, so lists still join up, but nobody without the organisation's
 * secret can reverse or recompute it), dates of birth become the month, postcodes the sector.
 */
export function createPseudonymiser(secret: string) {
  const pseudonym = (id: string) => `P-${createHmac('sha256', secret).update(id).digest('hex').slice(0, 12)}`
  return {
    id: (value: string | null) => (value === null || value === '' ? value : pseudonym(value)),
    value(column: ColumnSpec | undefined, value: CleanValue): CleanValue {
      if (value === null || column === undefined) return value
      if (column.type === 'id') return pseudonym(String(value))
      if (column.key === 'dateOfBirth') return String(value).slice(0, 7)
      if (column.type === 'postcode') return postcodeSector(String(value))
      return value
    },
  }
}

export type Pseudonymiser = ReturnType<typeof createPseudonymiser>

/** `AB12 3CD` → `AB12 3`: the sector, a few thousand addresses. Anything that is not a postcode is withheld. */
export function postcodeSector(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase()
  const match = /^([A-Z]{1,2}\d[A-Z\d]?)(\d)[A-Z]{2}$/.exec(compact)
  return match ? `${match[1]} ${match[2]}` : '(withheld)'
}

/** Spreadsheet programs run cells that start with these as formulas; a leading apostrophe keeps them text. */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
