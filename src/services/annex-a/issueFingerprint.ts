import { createHash } from 'node:crypto'
import type { Issue } from '../../domain/annex-a/index.js'

/**
 * What makes an issue "the same issue" in the next run: its code, list, child, column and value, but not its row
 * number, which moves whenever rows are added above it. Two identical issues in one run are told apart by their
 * order (a window function in SQL), so nothing here has to remember the run's issues.
 */
export function issueFingerprint(issue: Issue): string {
  return createHash('sha256')
    .update([issue.code, issue.list ?? '', issue.childId ?? '', issue.column ?? '', issue.value ?? ''].join('\u001f'))
    .digest('base64url')
    .slice(0, 22)
}
