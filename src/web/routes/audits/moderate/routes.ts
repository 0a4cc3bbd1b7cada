import { Router, type Request, type Response } from 'express'
import { AUDIT_SCALES, questionsOf } from '../../../../domain/audits/index.js'
import { authorise } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { auditViewHelpers, inPageOrder, stringField } from '../labels.js'
import { gradeField } from '../audit/schemas.js'

const FORM = 'auditsModerate'

/**
 * Moderation: a second auditor (a lead or administrator, never the first auditor) grades the case independently,
 * without seeing the first answers; the agreement is shown on the audit afterwards.
 */
export function moderateRoutes(services: Services): Router {
  const router = Router()
  const moderatePath = (req: Request) => `/audits/case-audits/${String(req.params.auditId)}/moderate`

  router.get('/audits/case-audits/:auditId/moderate', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'audits:manage')
    const auditId = String(req.params.auditId)
    const target = await services.audits.web.forModeration(context, auditId)
    const moderation = await services.audits.web.moderationOf(context, auditId)
    const form = takeFormState(req, FORM)
    const { values } = form
    const errors = inPageOrder(form.errors, [
      'moderation',
      ...questionsOf(target.template).map(question => gradeField(question.id)),
      'overallGrade',
    ])
    res.render('audits/moderate/view.njk', {
      pageTitle: `Moderate the audit of child ${target.childId}`,
      target,
      moderated: Boolean(moderation),
      sections: target.template.sections.map(section => ({
        label: section.label,
        questions: section.questions.map(question => ({
          label: question.label,
          guidance: question.guidance,
          field: gradeField(question.id),
          error: errors[gradeField(question.id)],
          items: AUDIT_SCALES[question.scale].map(grade => ({
            value: grade.id,
            text: grade.label,
            checked: values[gradeField(question.id)] === grade.id,
          })),
        })),
      })),
      overallItems: AUDIT_SCALES['ofsted-4'].map(grade => ({
        value: grade.id,
        text: grade.label,
        checked: values.overallGrade === grade.id,
      })),
      errors,
      errorSummary: errorList(errors),
      helpers: auditViewHelpers,
    })
  })

  router.post('/audits/case-audits/:auditId/moderate', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'audits:manage')
    const auditId = String(req.params.auditId)
    const { template } = await services.audits.web.editState(context, auditId)
    const values: Record<string, string> = { overallGrade: stringField(req.body, 'overallGrade', 40) }
    const answers: Record<string, { grade: string }> = {}
    for (const question of questionsOf(template)) {
      const grade = stringField(req.body, gradeField(question.id), 40).trim()
      values[gradeField(question.id)] = grade
      if (grade) answers[question.id] = { grade }
    }
    try {
      const agreement = await services.audits.caseAudits.moderate(context, auditId, {
        answers,
        overallGrade: values.overallGrade ?? '',
      })
      setNotice(
        req,
        `Moderation recorded: agreed on ${agreement.agreed} of ${agreement.compared} questions (${auditViewHelpers.percentText(agreement.rate)}).`,
      )
      return res.redirect(`/audits/case-audits/${auditId}`)
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = Object.fromEntries(
          Object.entries(error.fieldErrors).map(([field, text]) =>
            field.startsWith('answers.')
              ? ([gradeField(field.slice('answers.'.length)), text] as const)
              : field === 'moderator' || field === 'status'
                ? (['moderation', text] as const)
                : ([field, text] as const),
          ),
        )
        return back(req, res, errors, values)
      }
      throw error
    }
  })

  function back(req: Request, res: Response, errors: Record<string, string>, values: Record<string, string>) {
    keepFormState(req, FORM, { errors, values })
    return res.redirect(moderatePath(req))
  }

  return router
}
