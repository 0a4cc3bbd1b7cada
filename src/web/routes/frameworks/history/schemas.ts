import { z } from 'zod'
import type { Framework } from '../../../../domain/frameworks/index.js'
import { dateFieldNames, dateInputSchema } from '../dateInput.js'
import { gradeField, gradedJudgements } from '../simulator/schemas.js'

export const HISTORY_FORM = 'inspectionHistory'

/** Fields the add form declares for this framework; nothing else from the body is read. */
export function historyFields(framework: Framework): string[] {
  return [
    'frameworkId',
    'inspectionType',
    ...dateFieldNames('date'),
    'note',
    ...gradedJudgements(framework).map(entry => gradeField(entry.judgement.id)),
  ]
}

export const frameworkChoiceSchema = z.object({ framework: z.string().min(1, 'Select a framework') })

/** The form's own checks (a real date, a short note); the service checks the rest against the framework's data. */
export function historyFormSchema(framework: Framework) {
  return {
    fields: z.object({
      inspectionType: z.string().min(1, 'Select the type of inspection or visit'),
      note: z.string().max(500, 'The note must be 500 characters or fewer'),
    }),
    date: dateInputSchema('date', 'the date the inspection started'),
    grades: (values: Record<string, string>) =>
      Object.fromEntries(
        gradedJudgements(framework).flatMap(({ judgement }) => {
          const grade = values[gradeField(judgement.id)]
          return grade ? [[judgement.id, grade]] : []
        }),
      ),
  }
}
