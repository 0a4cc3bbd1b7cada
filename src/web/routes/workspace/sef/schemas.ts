export const AREA_FIELDS = ['expectedLock', 'whatWeKnow', 'howWeKnow', 'ourPlans', 'gradeId', 'justification'] as const
export const CRITERION_FIELDS = ['expectedLock', 'rating', 'differenceMade', 'evidence', 'owner'] as const
export const OWN_CRITERION_FIELDS = ['expectedLock', 'judgementId', 'text', 'targetGrade', 'owner'] as const
export const APPROVAL_FIELDS = [
  'expectedLock',
  'board',
  'approvedOn-day',
  'approvedOn-month',
  'approvedOn-year',
] as const
export const GAP_FIELDS = ['planId'] as const
// The service validates each of these with its own Zod schema (sefService.ts); the page only maps field names to ids.
