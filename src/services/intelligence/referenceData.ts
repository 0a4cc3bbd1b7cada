import {
  authorityKey,
  buildAuthorityIndex,
  type AuthorityIndex,
  type OutcomeRecord,
} from '../../domain/intelligence/index.js'
import { readLocalAuthorities } from './readReferenceData.js'
import { sharedDataPaths } from './sharedData.js'

/** LA reference data is public and the same for every organisation: read once per process, then shared. */
let cached: Promise<AuthorityIndex> | undefined

export function loadAuthorityIndex(laDir = sharedDataPaths.la()): Promise<AuthorityIndex> {
  cached ??= readLocalAuthorities(laDir)
    .then(buildAuthorityIndex)
    .catch(error => {
      cached = undefined
      throw error
    })
  return cached
}

/** One key per authority across sources: the DfE old code when the name or code resolves, else the name's key. */
export function authorityKeyOf(index: AuthorityIndex): (record: OutcomeRecord) => string {
  return record =>
    (record.authorityCode ? index.resolve(record.authorityCode) : undefined)?.oldCode ??
    index.resolve(record.authority)?.oldCode ??
    authorityKey(record.authority)
}
