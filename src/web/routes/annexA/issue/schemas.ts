export { issueStatusSchema } from '../../../../services/annex-a/index.js'

export const ISSUE_STATUS_FIELDS = ['status', 'reason', 'owner', 'note'] as const
