/**
 * Migrations are ordered and immutable. The database's applied list must be a prefix of the list the
 * code knows: anything else means the database was migrated by other code (a newer release, a branch,
 * an edited or deleted migration) and running more migrations on it would be guesswork.
 */
export type MigrationHistoryCheck = { ok: true; pending: string[] } | { ok: false; reason: string }

export function checkMigrationHistory(applied: readonly string[], known: readonly string[]): MigrationHistoryCheck {
  const sortedKnown = [...known].sort()
  if (sortedKnown.some((name, index) => name !== known[index])) {
    return { ok: false, reason: 'The known migrations are not in name order; name them with a zero-padded sequence.' }
  }
  if (new Set(known).size !== known.length) {
    return { ok: false, reason: 'Two known migrations share a name.' }
  }
  for (const [index, name] of applied.entries()) {
    const expected = known[index]
    if (expected === undefined) {
      return {
        ok: false,
        reason: `The database has migration "${name}", which this version of the code does not know. It was migrated by a newer or different release.`,
      }
    }
    if (expected !== name) {
      return {
        ok: false,
        reason: `Applied migration ${index + 1} is "${name}" but the code expects "${expected}". The applied list must be a prefix of the known list.`,
      }
    }
  }
  return { ok: true, pending: known.slice(applied.length) }
}
