import { z } from 'zod'

export const SIGN_OFF_FIELDS = ['practitioner', 'manager'] as const

/** Practitioner and team manager sign-off (seed 003 Appendix 1 3.3): two names. */
export const signOffFormSchema = z.object({
  practitioner: z
    .string()
    .trim()
    .min(1, 'Enter the name of the practitioner who signed off')
    .max(200, 'Practitioner’s name must be 200 characters or fewer'),
  manager: z
    .string()
    .trim()
    .min(1, 'Enter the name of the team manager who signed off')
    .max(200, 'Team manager’s name must be 200 characters or fewer'),
})
