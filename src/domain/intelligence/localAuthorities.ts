/**
 * Local authority reference data: codes old (DfE three-digit) and new (ONS), names and the variants people
 * write ("Barking & Dagenham", "Bristol", "Hull"), regions and statistical neighbours (frameworks.md §6).
 */

export interface StatisticalNeighbour {
  oldCode: string
  /** 1 = closest. */
  position: number
  /** 'Very close', 'Close', 'Somewhat close', 'Not close' as the model prints it (trimmed). */
  closeness: string | null
}

export interface LocalAuthority {
  oldCode: string
  newCode: string
  name: string
  variants: string[]
  region: string
  /** Model id ('2021', '2025') → neighbours in order. */
  neighbours: Record<string, StatisticalNeighbour[]>
}

/** A key under which spelling variants of one authority meet: case, '&', punctuation, "City of", "Council". */
export function authorityKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\./g, 'st')
    .replace(/\b(city of|county of|council|metropolitan borough|london borough of|royal borough of|borough of)\b/g, ' ')
    .replace(/\bcounty durham\b/, 'durham')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(the|city|county)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * "[BCP, Bournemouth, Christchurch & Poole]" → its comma-separated names. A piece like "Christchurch & Poole" is
 * kept as a harmless extra variant: resolving text never guesses beyond an exact key match.
 */
export function parseVariantList(text: string): string[] {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '')
  return inner
    .split(',')
    .map(part => part.trim())
    .filter(part => part !== '')
}

/** Rows of `Provider_data_lookup.csv` (header names as published) as authorities, without neighbours yet. */
export function authoritiesFromLookup(rows: readonly Record<string, string>[]): LocalAuthority[] {
  return rows
    .filter(row => /^\d{3}$/.test((row.la_code ?? '').trim()) && (row.la_code_new ?? '').trim() !== '')
    .map(row => {
      const name = (row.local_authority_ons_name ?? '').trim()
      const variants = new Set<string>([
        ...parseVariantList(row.also_known_as ?? ''),
        ...[row.utla23nm, row.ltla23nm]
          .map(value => (value ?? '').trim())
          .filter(value => value !== '' && value !== name),
      ])
      return {
        oldCode: row.la_code!.trim(),
        newCode: row.la_code_new!.trim(),
        name,
        variants: [...variants],
        region: (row.region_name ?? '').trim(),
        neighbours: {},
      }
    })
}

/**
 * A statistical-neighbour model in either published wide layout: 2021 (`LA num, …, SN1, SNP, …`) or 2025
 * (`old_la_code, …, SN_1, SN_1P, …`). Returns old code → neighbours; rows without a three-digit code are skipped.
 */
export function parseNeighbourModel(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Map<string, StatisticalNeighbour[]> {
  const names = header.map(cell => cell.trim().toLowerCase())
  const codeColumn = names.findIndex(name => name === 'old_la_code' || name === 'la num')
  const neighbourColumns: number[] = []
  names.forEach((name, index) => {
    if (/^sn_?\d+$/.test(name)) neighbourColumns.push(index)
  })
  const model = new Map<string, StatisticalNeighbour[]>()
  if (codeColumn < 0 || neighbourColumns.length === 0) return model
  for (const row of rows) {
    const code = (row[codeColumn] ?? '').trim()
    if (!/^\d{3}$/.test(code)) continue
    const neighbours = neighbourColumns
      .map((column, position) => ({
        oldCode: (row[column] ?? '').trim(),
        position: position + 1,
        closeness: (row[column + 1] ?? '').trim() || null,
      }))
      .filter(neighbour => /^\d{3}$/.test(neighbour.oldCode))
    model.set(code, neighbours)
  }
  return model
}

export interface AuthorityIndex {
  all: readonly LocalAuthority[]
  /** By old code, new code, name or any variant; undefined when unknown. */
  resolve(text: string): LocalAuthority | undefined
}

export function buildAuthorityIndex(authorities: readonly LocalAuthority[]): AuthorityIndex {
  const byKey = new Map<string, LocalAuthority>()
  for (const authority of authorities) {
    byKey.set(authority.oldCode, authority)
    byKey.set(authority.newCode.toLowerCase(), authority)
    for (const name of [authority.name, ...authority.variants]) {
      const key = authorityKey(name)
      if (!byKey.has(key)) byKey.set(key, authority)
    }
  }
  return {
    all: authorities,
    resolve(text) {
      const trimmed = text.trim()
      return byKey.get(trimmed) ?? byKey.get(trimmed.toLowerCase()) ?? byKey.get(authorityKey(trimmed))
    },
  }
}
