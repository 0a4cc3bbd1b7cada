import { z } from 'zod'
import { fieldErrors } from '../../../validation.js'
import { dateFieldNames, dateInputSchema } from '../../frameworks/dateInput.js'

export const DUE_FIELD = 'dueOn'
export const ASSIGN_MODERATOR_FIELDS = ['moderatorUserId', ...dateFieldNames(DUE_FIELD)] as const

const personSchema = z.object({
  moderatorUserId: z.string().trim().min(1, 'Select who will moderate this audit').max(100),
})
const dueSchema = dateInputSchema(DUE_FIELD, 'the date the moderation is due')

/** The lead's "assign a moderator" form: a person and the date it is due (a GOV.UK date input), every error at once. */
export function readAssignModeratorForm(
  values: Record<string, string>,
): { data: { moderatorUserId: string; dueOn: string }; errors?: undefined } | { errors: Record<string, string> } {
  const person = personSchema.safeParse(values)
  const due = dueSchema.safeParse(values)
  if (person.success && due.success) return { data: { moderatorUserId: person.data.moderatorUserId, dueOn: due.data } }
  return {
    errors: {
      ...(person.success ? {} : fieldErrors(person.error)),
      ...(due.success ? {} : fieldErrors(due.error)),
    },
  }
}
