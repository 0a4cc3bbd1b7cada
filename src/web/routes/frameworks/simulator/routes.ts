import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { inputProblem } from '../../../../services/frameworks/inputProblems.js'
import { errorList } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { findFrameworkOr404 } from '../frameworkParam.js'
import { gradeField, gradedJudgements, simulatorFields, simulatorQuerySchema } from './schemas.js'

/**
 * The judgement simulator: a GET form, so it works without JavaScript, can be bookmarked, and changes
 * nothing. Each submission is judged afresh; bad values are shown in a GOV.UK error summary.
 */
export function simulatorRoutes(services: Services): Router {
  const router = Router()
  router.get('/frameworks/:frameworkId/simulator', (req, res) => {
    const context = requireContext(req)
    const framework = findFrameworkOr404(services, context, req.params.frameworkId)
    const graded = gradedJudgements(framework)
    const values = pickStrings(req.query, simulatorFields(framework))
    const submitted = Object.keys(req.query).length > 0
    let errors: Record<string, string> = {}
    let judgement
    if (submitted && graded.length > 0) {
      const parsed = simulatorQuerySchema(framework).safeParse(values)
      if (!parsed.success) {
        errors = fieldErrors(parsed.error)
      } else {
        const grades = Object.fromEntries(
          graded.flatMap(({ judgement: j }) => (values[gradeField(j.id)] ? [[j.id, values[gradeField(j.id)]!]] : [])),
        )
        const whatIf = values.whatIfJudgement ? { [values.whatIfJudgement]: values.whatIfGrade ?? '' } : {}
        try {
          judgement = services.frameworks.judge(context, framework.id, grades, { whatIf })
        } catch (error) {
          const problem = inputProblem(error)
          if (problem === undefined) throw error
          errors = { form: problem }
        }
      }
    }
    const gradeLabel = (judgementId: string, gradeId: string | null) =>
      graded.find(entry => entry.judgement.id === judgementId)?.scale.grades.find(g => g.id === gradeId)?.label ?? ''
    res.status(Object.keys(errors).length > 0 ? 400 : 200).render('frameworks/simulator/view.njk', {
      pageTitle: `Judgement simulator: ${framework.label}`,
      framework,
      errors,
      errorSummary: errorList(errors),
      values,
      judgement,
      gradeLabel,
      explanations: new Map((judgement?.explanation ?? []).map(item => [item.judgement, item.sentences])),
      radios: graded.map(({ judgement: j, scale }) => ({
        id: gradeField(j.id),
        label: j.label,
        kind: j.kind,
        items: [
          { value: '', text: 'Not known', checked: !values[gradeField(j.id)] },
          ...scale.grades.map(grade => ({
            value: grade.id,
            text: grade.label,
            checked: values[gradeField(j.id)] === grade.id,
          })),
        ],
      })),
      whatIfJudgements: [
        { value: '', text: 'No change' },
        ...graded.map(({ judgement: j }) => ({
          value: j.id,
          text: j.label,
          selected: values.whatIfJudgement === j.id,
        })),
      ],
      whatIfGrades: [
        { value: '', text: 'Choose a grade' },
        ...uniqueGrades(graded).map(grade => ({ ...grade, selected: values.whatIfGrade === grade.value })),
      ],
    })
  })
  return router
}

function uniqueGrades(graded: ReturnType<typeof gradedJudgements>): { value: string; text: string }[] {
  const seen = new Map<string, string>()
  for (const { scale } of graded)
    for (const grade of scale.grades) if (!seen.has(grade.id)) seen.set(grade.id, grade.label)
  return [...seen].map(([value, text]) => ({ value, text }))
}
