import { z } from 'zod'
import type { Framework, GradeScale, Judgement } from '../../../../domain/frameworks/index.js'

export interface GradedJudgement {
  judgement: Judgement
  scale: GradeScale
}

export function gradedJudgements(framework: Framework): GradedJudgement[] {
  return framework.judgements.flatMap(judgement => {
    const scale = framework.scales.find(candidate => candidate.id === judgement.scale)
    return scale ? [{ judgement, scale }] : []
  })
}

export const gradeField = (judgementId: string) => `grade-${judgementId}`

/**
 * The simulator's GET form: one optional grade per graded judgement, and an optional what-if change.
 * Built per framework because each has its own judgements and scales. Unknown fields are ignored.
 */
export function simulatorQuerySchema(framework: Framework) {
  const graded = gradedJudgements(framework)
  const shape: Record<string, z.ZodType<string | undefined>> = {}
  for (const { judgement, scale } of graded) {
    const ids = scale.grades.map(grade => grade.id)
    shape[gradeField(judgement.id)] = z
      .string()
      .optional()
      .refine(
        value => !value || ids.includes(value),
        `Select a grade for ${judgement.label.toLowerCase()} from the list`,
      )
  }
  const whatIfJudgements = graded.map(entry => entry.judgement.id)
  return z
    .object({
      ...shape,
      whatIfJudgement: z
        .string()
        .default('')
        .refine(
          value => value === '' || whatIfJudgements.includes(value),
          'Select a judgement to change from the list',
        ),
      whatIfGrade: z.string().default(''),
    })
    .superRefine((values, context) => {
      const record = values as Record<string, string>
      const target = graded.find(entry => entry.judgement.id === record.whatIfJudgement)
      if (!target && record.whatIfGrade !== '') {
        context.addIssue({ code: 'custom', path: ['whatIfJudgement'], message: 'Select the judgement to change' })
      }
      if (target && !target.scale.grades.some(grade => grade.id === record.whatIfGrade)) {
        context.addIssue({
          code: 'custom',
          path: ['whatIfGrade'],
          message: `Select a grade for ${target.judgement.label.toLowerCase()} to change it to`,
        })
      }
    })
}

/** The fields the form declares, so nothing else from the query string is read. */
export function simulatorFields(framework: Framework): string[] {
  return [...gradedJudgements(framework).map(entry => gradeField(entry.judgement.id)), 'whatIfJudgement', 'whatIfGrade']
}
