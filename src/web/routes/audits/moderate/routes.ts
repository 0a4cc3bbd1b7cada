import { Router, type Request } from 'express'
import { AUDIT_SCALES, questionsOf } from '../../../../domain/audits/index.js'
import { MODERATION_WORKING_DAYS } from '../../../../domain/audits/moderation.js'
import { can } from '../../../../domain/platform/roles.js'
import { authorise } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { govukDate } from '../../../filters/dates.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { dateInputItems, errorLinks } from '../../frameworks/dateInput.js'
import { auditViewHelpers, inPageOrder, stringField } from '../labels.js'
import {
  concernFormSchema,
  concernFormValues,
  concernManagerItems,
  concernRecordedNotice,
  gradeField,
} from '../audit/schemas.js'
import { ASSIGN_MODERATOR_FIELDS, DUE_FIELD, readAssignModeratorForm } from './schemas.js'

const FORM = 'auditsModerate'
const ASSIGN_FORM = 'auditsAssignModerator'
const CONCERN_FORM = 'auditsModerateConcern'

/**
 * Moderation: a second auditor grades the case independently, without seeing the first answers. Leads and
 * administrators moderate any audit but their own; a lead can also ask anyone who audits (never the audit's own
 * auditor) to moderate it by a date, and that person then finds it under "To moderate" on /audits.
 */
export function moderateRoutes(services: Services): Router {
  const router = Router()
  const auditPath = (req: Request) => `/audits/case-audits/${String(req.params.auditId)}`
  const moderatePath = (req: Request) => `${auditPath(req)}/moderate`
  const assignPath = (req: Request) => `${auditPath(req)}/moderator`

  router.get('/audits/case-audits/:auditId/moderate', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'audits:perform')
    const auditId = String(req.params.auditId)
    // Refuses (403) anyone who is neither a lead nor the assigned moderator, before the audit is read; an assignment
    // ends when someone else moderates, so that person is refused from then on.
    const target = await services.audits.web.forModeration(context, auditId)
    const moderation = await services.audits.web.moderationOf(context, auditId)
    const names = await services.audits.web.peopleNames(context)
    const form = takeFormState(req, FORM)
    const concern = takeFormState(req, CONCERN_FORM)
    const { values } = form
    // The assigned moderator reads the case but cannot open the audit, so they raise a concern here; leads raise it
    // on the audit.
    const canRaiseConcern = target.access === 'assigned' && !target.concern
    const errors = inPageOrder({ ...concern.errors, ...form.errors }, [
      'managerUserId',
      'managerName',
      'moderation',
      ...questionsOf(target.template).map(question => gradeField(question.id)),
      'overallGrade',
    ])
    res.render('audits/moderate/view.njk', {
      pageTitle: `Moderate the audit of child ${target.childId}`,
      target,
      moderation,
      names,
      // The assigned moderator cannot open the audit itself (it holds the first answers), so they go back to /audits.
      backHref: target.access === 'assigned' ? '/audits' : auditPath(req),
      backText: target.access === 'assigned' ? 'Sampling and audits' : 'Back to the audit',
      questionLabels: Object.fromEntries(questionsOf(target.template).map(question => [question.id, question.label])),
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
      canRaiseConcern,
      concernManagerItems: canRaiseConcern
        ? concernManagerItems(await services.audits.web.concernManagers(context), concern.values)
        : [],
      concernValues: concern.values,
      errors,
      errorSummary: errorList(errors),
      helpers: auditViewHelpers,
      notice: takeNotice(req),
    })
  })

  router.post('/audits/case-audits/:auditId/moderate/concern', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'audits:perform')
    const values = concernFormValues(req.body)
    const back = (errors: Record<string, string>) => {
      keepFormState(req, CONCERN_FORM, { errors, values })
      return res.redirect(`${moderatePath(req)}#concern`)
    }
    const parsed = concernFormSchema.safeParse(values)
    if (!parsed.success) return back(fieldErrors(parsed.error))
    try {
      // The service allows the person a lead asked to moderate this audit (and leads); anyone else is not found.
      const named = await services.audits.caseAudits.raiseSafeguardingConcern(
        context,
        String(req.params.auditId),
        parsed.data,
      )
      setNotice(req, concernRecordedNotice(named))
      return res.redirect(`${moderatePath(req)}#concern`)
    } catch (error) {
      if (error instanceof ValidationError) return back(error.fieldErrors)
      throw error
    }
  })

  router.post('/audits/case-audits/:auditId/moderate', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'audits:perform')
    const auditId = String(req.params.auditId)
    const template = await services.audits.web.moderationTemplate(context, auditId)
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
      // Leads go to the audit, which shows the agreement; an assigned moderator sees it on this page.
      const manages = context.actor.kind === 'system' || can(context.actor.role, 'audits:manage')
      return res.redirect(manages ? auditPath(req) : moderatePath(req))
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
        keepFormState(req, FORM, { errors, values })
        return res.redirect(moderatePath(req))
      }
      throw error
    }
  })

  router.get('/audits/case-audits/:auditId/moderator', async (req, res) => {
    const context = requireContext(req)
    // For leads: checked before the audit is read, so an auditor is refused, not shown the case.
    authorise(context, 'audits:manage')
    const target = await services.audits.web.forModeratorAssignment(context, String(req.params.auditId))
    const names = await services.audits.web.peopleNames(context)
    const form = takeFormState(req, ASSIGN_FORM)
    const errors = inPageOrder(form.errors, ['status', 'moderatorUserId', DUE_FIELD])
    const due = target.assignment?.dueOn ?? target.defaultDueOn
    const [year = '', month = '', day = ''] = due.split('-')
    const values =
      Object.keys(form.values).length > 0
        ? form.values
        : {
            moderatorUserId: target.assignment?.moderatorUserId ?? '',
            [`${DUE_FIELD}-day`]: String(Number(day)),
            [`${DUE_FIELD}-month`]: String(Number(month)),
            [`${DUE_FIELD}-year`]: year,
          }
    res.render('audits/moderate/assign.njk', {
      pageTitle: `Assign a moderator for the audit of child ${target.childId}`,
      target,
      names,
      canAssign: target.status !== 'assigned' && !target.moderated,
      moderatorItems: [
        { value: '', text: 'Select a person' },
        ...target.candidates.map(person => ({
          value: person.userId,
          text: `${person.displayName} (${person.role})`,
          selected: values.moderatorUserId === person.userId,
        })),
      ],
      dueItems: dateInputItems(DUE_FIELD, values, Boolean(errors[DUE_FIELD])),
      defaultWorkingDays: MODERATION_WORKING_DAYS,
      errors,
      errorSummary: errorLinks(errors, [DUE_FIELD]),
      helpers: auditViewHelpers,
    })
  })

  router.post('/audits/case-audits/:auditId/moderator', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'audits:manage')
    const values = pickStrings(req.body, ASSIGN_MODERATOR_FIELDS)
    const back = (errors: Record<string, string>) => {
      keepFormState(req, ASSIGN_FORM, { errors, values })
      return res.redirect(assignPath(req))
    }
    const form = readAssignModeratorForm(values)
    if (form.errors) return back(form.errors)
    try {
      const assigned = await services.audits.caseAudits.assignModerator(context, String(req.params.auditId), form.data)
      const names = await services.audits.web.peopleNames(context)
      setNotice(
        req,
        `${names[assigned.moderatorUserId] ?? 'The moderator'} has been asked to moderate this audit by ${govukDate(assigned.dueOn)}.`,
      )
      return res.redirect(auditPath(req))
    } catch (error) {
      if (error instanceof ValidationError) return back(error.fieldErrors)
      throw error
    }
  })

  return router
}
