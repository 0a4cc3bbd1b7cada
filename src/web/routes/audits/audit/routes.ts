import { Router, type Request, type Response } from 'express'
import { AUDIT_SCALES, questionsOf, suggestThemes, type AuditTemplate } from '../../../../domain/audits/index.js'
import { can } from '../../../../domain/platform/roles.js'
import { actorUserId, type RequestContext } from '../../../../services/context.js'
import { ForbiddenError, ValidationError } from '../../../../services/errors.js'
import { AUDIT_CHANGED_MESSAGE } from '../../../../services/audits/caseAuditService.js'
import type { Services } from '../../../../services/index.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors } from '../../../validation.js'
import { auditViewHelpers, inPageOrder, stringField } from '../labels.js'
import {
  acknowledgementFormSchema,
  answersFrom,
  auditFormSchema,
  auditFormValues,
  commentField,
  concernFormSchema,
  concernFormValues,
  concernManagerItems,
  concernRecordedNotice,
  gradeField,
  valuesFromAudit,
} from './schemas.js'

const FORM = 'auditsRecord'
const CONCERN_FORM = 'auditsConcern'
const ACKNOWLEDGE_FORM = 'auditsConcernAcknowledge'

export const CONFLICT_MESSAGE = AUDIT_CHANGED_MESSAGE

const isManager = (context: RequestContext) =>
  context.actor.kind === 'system' || can(context.actor.role, 'audits:manage')

/** The audit form from its template, the safeguarding concern, and the record of what was found. */
export function auditRoutes(services: Services): Router {
  const router = Router()
  const auditPath = (req: Request) => `/audits/case-audits/${String(req.params.auditId)}`

  router.get('/audits/case-audits/:auditId', async (req, res) => {
    const context = requireContext(req)
    const { caseAudits, web } = services.audits
    const auditId = String(req.params.auditId)
    const audit = await caseAudits.get(context, auditId)
    const { version } = await web.editState(context, auditId)
    const moderation = await web.moderationOf(context, auditId)
    const names = await web.peopleNames(context)
    const form = takeFormState(req, FORM)
    const concern = takeFormState(req, CONCERN_FORM)
    const acknowledgement = takeFormState(req, ACKNOWLEDGE_FORM)
    const errors = ordered(audit.template, { ...acknowledgement.errors, ...concern.errors, ...form.errors })
    const isAuditor = audit.auditorUserId === actorUserId(context.actor)
    const canRaiseConcern = !audit.safeguardingConcern && (isAuditor || isManager(context))
    const assignment = await web.moderationAssignment(context, auditId)
    const values = Object.keys(form.values).length > 0 ? form.values : valuesFromAudit(audit)
    const template = audit.template
    const chosenThemes = new Set((values.themes ?? '').split('\n').filter(Boolean))
    const vocabulary = await web.vocabulary(context)
    const suggested = new Set(
      suggestThemes(
        [values.strengths, values.areasForImprovement, values.actions].filter(Boolean).join('. '),
        vocabulary.themes,
      ),
    )
    // Active themes, and any retired ones this audit already carries (so saving keeps them).
    const offered = [
      ...vocabulary.themes,
      ...audit.themes
        .filter(id => !vocabulary.themes.some(theme => theme.id === id))
        .map(id => ({ id, label: vocabulary.themeLabels[id] ?? id })),
    ]
    res.render('audits/audit/view.njk', {
      pageTitle: `Audit of child ${audit.childId}`,
      audit,
      version,
      moderation,
      names,
      canRecord: isAuditor && audit.status === 'assigned',
      canRaiseConcern,
      concernManagerItems: canRaiseConcern
        ? concernManagerItems(await web.concernManagers(context), concern.values)
        : [],
      canAcknowledge: audit.concernForYou,
      acknowledgementValue: acknowledgement.values.acknowledgement ?? '',
      assignment,
      canAssignModerator: isManager(context) && audit.status !== 'assigned' && !moderation,
      canSignOff: isManager(context) && audit.status === 'submitted',
      canExport:
        context.actor.kind === 'system' ||
        (can(context.actor.role, 'child-data:export') && can(context.actor.role, 'audits:perform')),
      canModerate: isManager(context) && !isAuditor && audit.status !== 'assigned' && !moderation,
      sections: sectionsFor(template, values, errors),
      overallItems: AUDIT_SCALES['ofsted-4'].map(grade => ({
        value: grade.id,
        text: grade.label,
        checked: values.overallGrade === grade.id,
      })),
      themeItems: offered.map(theme => ({
        value: theme.id,
        text: theme.label,
        checked: chosenThemes.has(theme.id),
        hint: suggested.has(theme.id) ? { text: 'Suggested by the words in your notes' } : undefined,
      })),
      answerRows: answerRows(template, audit.answers),
      themeNames: audit.themes.map(theme => vocabulary.themeLabels[theme] ?? theme).join(', '),
      questionLabels: Object.fromEntries(questionsOf(template).map(question => [question.id, question.label])),
      values,
      concernValues: concern.values,
      errors,
      errorSummary: errorList(errors),
      helpers: auditViewHelpers,
      notice: takeNotice(req),
    })
  })

  router.post('/audits/case-audits/:auditId', async (req, res) => {
    const context = requireContext(req)
    const { caseAudits, web } = services.audits
    const auditId = String(req.params.auditId)
    // Others' audits are not found; the template says which questions the form has.
    const { version, template } = await web.editState(context, auditId)
    const values = auditFormValues(req.body, template)
    const parsed = auditFormSchema.safeParse(values)
    const { answers, errors } = answersFrom(values, template)
    if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error))
    if (!parsed.success || Object.keys(errors).length > 0)
      return back(req, res, FORM, ordered(template, errors), values)
    if (version !== parsed.data.version) return back(req, res, FORM, { 'audit-form': CONFLICT_MESSAGE }, values)
    const submit = parsed.data.action === 'submit'
    try {
      await caseAudits.record(
        context,
        auditId,
        {
          answers,
          overallGrade: parsed.data.overallGrade,
          strengths: parsed.data.strengths,
          areasForImprovement: parsed.data.areasForImprovement,
          actions: parsed.data.actions,
          themes: (values.themes ?? '').split('\n').filter(Boolean),
        },
        { submit, expectedChangedAt: parsed.data.version },
      )
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, FORM, ordered(template, error.fieldErrors), values)
      if (error instanceof ForbiddenError)
        return back(req, res, FORM, { 'audit-form': 'Only the auditor this case is assigned to can record it' }, values)
      throw error
    }
    setNotice(req, submit ? 'Audit submitted. It can no longer be changed.' : 'Draft saved.')
    return res.redirect(auditPath(req))
  })

  router.post('/audits/case-audits/:auditId/concern', async (req, res) => {
    const context = requireContext(req)
    const values = concernFormValues(req.body)
    const parsed = concernFormSchema.safeParse(values)
    if (!parsed.success) return back(req, res, CONCERN_FORM, fieldErrors(parsed.error), values)
    let named
    try {
      named = await services.audits.caseAudits.raiseSafeguardingConcern(
        context,
        String(req.params.auditId),
        parsed.data,
      )
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, CONCERN_FORM, error.fieldErrors, values)
      throw error
    }
    setNotice(req, concernRecordedNotice(named))
    return res.redirect(`${auditPath(req)}#concern`)
  })

  router.post('/audits/case-audits/:auditId/concern/acknowledge', async (req, res) => {
    const context = requireContext(req)
    const values = { acknowledgement: stringField(req.body, 'acknowledgement', 4000) }
    const parsed = acknowledgementFormSchema.safeParse(values)
    if (!parsed.success) return back(req, res, ACKNOWLEDGE_FORM, fieldErrors(parsed.error), values)
    try {
      await services.audits.caseAudits.acknowledgeConcern(context, String(req.params.auditId), {
        note: parsed.data.acknowledgement,
      })
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, ACKNOWLEDGE_FORM, error.fieldErrors, values)
      throw error
    }
    setNotice(req, 'Safeguarding concern acknowledged. It stays on the audit and in the audit trail.')
    return res.redirect(`${auditPath(req)}#concern`)
  })

  function back(
    req: Request,
    res: Response,
    form: string,
    errors: Record<string, string>,
    values: Record<string, string>,
  ) {
    keepFormState(req, form, { errors, values })
    return res.redirect(auditPath(req))
  }

  return router
}

/** Service errors name `answers.<question>`; the form's fields are `grade-<question>`. In page order. */
function ordered(template: AuditTemplate, errors: Record<string, string>): Record<string, string> {
  const renamed = Object.entries(errors).map(([field, text]) => {
    if (field.startsWith('answers.')) return [gradeField(field.slice('answers.'.length)), text] as const
    if (field === 'status' || field === 'form') return ['audit-form', text] as const
    return [field, text] as const
  })
  const order = [
    'acknowledgement',
    'managerUserId',
    'managerName',
    'audit-form',
    ...questionsOf(template).flatMap(question => [gradeField(question.id), commentField(question.id)]),
    'overallGrade',
    'strengths',
    'areasForImprovement',
    'actions',
    'themes',
  ]
  return inPageOrder(Object.fromEntries(renamed), order)
}

function sectionsFor(template: AuditTemplate, values: Record<string, string>, errors: Record<string, string>) {
  return template.sections.map(section => ({
    id: section.id,
    label: section.label,
    questions: section.questions.map(question => ({
      id: question.id,
      label: question.label,
      guidance: question.guidance,
      gradeField: gradeField(question.id),
      commentField: commentField(question.id),
      comment: values[commentField(question.id)] ?? '',
      gradeError: errors[gradeField(question.id)],
      commentError: errors[commentField(question.id)],
      items: AUDIT_SCALES[question.scale].map(grade => ({
        value: grade.id,
        text: grade.label,
        checked: values[gradeField(question.id)] === grade.id,
      })),
    })),
  }))
}

function answerRows(template: AuditTemplate, answers: Record<string, { grade: string; comment?: string }>) {
  return template.sections.map(section => ({
    label: section.label,
    rows: section.questions.map(question => ({
      label: question.label,
      grade: answers[question.id]?.grade ?? null,
      comment: answers[question.id]?.comment ?? '',
    })),
  }))
}
