import {
  authorityKey,
  dedupeRecords,
  summariseOutcomes,
  type OutcomeRecord,
  type OutcomeSummary,
} from '../../domain/intelligence/index.js'
import { listFrameworks } from '../../domain/frameworks/index.js'
import { OutcomeFileError, readOutcomeFile } from './readOutcomeFile.js'

/** Frameworks Ofsted's history files hold that the judgement engine does not model. */
const PUBLISHED_ONLY_FRAMEWORKS = ['cpi-2012', 'tlac-2012']

export function knownFrameworkIds(): string[] {
  return [...listFrameworks().map(framework => framework.id), ...PUBLISHED_ONLY_FRAMEWORKS]
}

/** 'ilacs' (a family) or 'ilacs-2023' (a version). */
export function checkFrameworkId(id: string): void {
  const known = knownFrameworkIds()
  if (!known.some(candidate => candidate === id || candidate.startsWith(`${id}-`))) {
    throw new OutcomeFileError(`unknown framework '${id.slice(0, 40)}'; use one of: ${known.join(', ')}`)
  }
}

export function outcomeAuthorityKey(record: OutcomeRecord): string {
  return record.authorityCode ?? authorityKey(record.authority)
}

export async function summariseOutcomeFile(
  content: Buffer,
  fileName: string,
  framework?: string,
): Promise<OutcomeSummary> {
  if (framework) checkFrameworkId(framework)
  const file = await readOutcomeFile(content, fileName, framework)
  const records = file.kind === 'ods' ? dedupeRecords(file.records, outcomeAuthorityKey) : file.records
  return summariseOutcomes(records, { framework, stated: file.stated, warnings: file.warnings })
}
