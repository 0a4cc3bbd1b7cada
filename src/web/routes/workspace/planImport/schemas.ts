import { z } from 'zod'
import { PLAN_KINDS } from '../../../../services/workspace/planTypes.js'

export const IMPORT_FIELDS = ['title', 'kind'] as const

export const importFormSchema = z.object({
  title: z.string().trim().max(200, 'Plan title must be 200 characters or fewer'),
  kind: z.enum(PLAN_KINDS, { message: 'Select the kind of plan' }),
})
