import { Router, type Request, type Response } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import { authorise } from '../../../../services/context.js'
import { NotFoundError, ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { discardUploads, receiveEvidenceFile, takeUploadedFile } from '../evidenceForm/metadata.js'
import {
  LINK_FIELDS,
  linkFormSchema,
  UNLINK_FIELDS,
  unlinkFormSchema,
  VERSION_FIELDS,
  versionFormSchema,
  versionParamSchema,
} from './schemas.js'

const VERSION_FORM = 'evidenceVersion'
const LINK_FORM = 'evidenceLink'

/** One evidence item: metadata, every file version (download), a new version, and self-evaluation links. */
export function evidenceItemRoutes(services: Services): Router {
  acceptUploadsAt(/^\/evidence\/[^/]+\/versions$/)
  const router = Router()
  const evidence = services.workspace.evidence
  const itemPath = (req: Request) => `/evidence/${encodeURIComponent(String(req.params.evidenceId))}`

  router.get('/evidence/:evidenceId', async (req, res) => {
    const context = requireContext(req)
    const { item, versions, links, areas } = await evidence.get(context, String(req.params.evidenceId))
    const version = takeFormState(req, VERSION_FORM)
    const link = takeFormState(req, LINK_FORM)
    const errors = { ...version.errors, ...link.errors }
    const canEdit = context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit')
    const criterionGroups = canEdit ? await evidence.criterionOptions(context) : []
    const linked = new Set(links.map(entry => `${entry.sefId}/${entry.criterionId}`))
    res.render('workspace/evidenceItem/view.njk', {
      pageTitle: item.title,
      item,
      versions,
      links,
      areas,
      canEdit,
      criterionItems: [
        { value: '', text: 'Select a criterion' },
        ...criterionGroups.flatMap(group =>
          group.criteria
            .filter(criterion => !linked.has(criterion.value))
            .map(criterion => ({
              value: criterion.value,
              text: `${group.title}: ${criterion.text}`.slice(0, 150),
            })),
        ),
      ],
      hasSelfEvaluations: criterionGroups.length > 0,
      errors,
      errorSummary: errorList(errors),
      versionValues: version.values,
      notice: takeNotice(req),
    })
  })

  router.get('/evidence/:evidenceId/versions/:versionNumber/download', async (req, res) => {
    const context = requireContext(req)
    const versionNumber = versionParamSchema.safeParse(req.params.versionNumber)
    if (!versionNumber.success) throw new NotFoundError('No such version')
    const file = await evidence.download(context, String(req.params.evidenceId), versionNumber.data)
    // Always a download, always the type we detected when it was uploaded, never sniffed or rendered inline.
    res.attachment(file.filename)
    res.set({
      'Content-Type': file.mediaType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Length': String(file.bytes.length),
      Digest: `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`,
    })
    res.end(file.bytes)
  })

  router.post(
    '/evidence/:evidenceId/versions',
    receiveEvidenceFile(evidence.maxBytes, VERSION_FORM, itemPath),
    verifyCsrfAfterUpload,
    async (req, res) => {
      try {
        const context = requireContext(req)
        authorise(context, 'workspace:edit')
        const values = pickStrings(req.body, VERSION_FIELDS)
        const parsed = versionFormSchema.safeParse(values)
        const file = await takeUploadedFile(req)
        const errors: Record<string, string> = {}
        if (!file) errors.file = 'Select a file'
        if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error))
        if (!file || !parsed.success) return back(req, res, VERSION_FORM, errors, values)
        try {
          const { versionNumber } = await evidence.addVersion(
            context,
            String(req.params.evidenceId),
            { expectedVersion: parsed.data.expectedVersion, note: parsed.data.note },
            file,
          )
          setNotice(req, `Version ${versionNumber} uploaded. Earlier versions are kept.`)
          return res.redirect(itemPath(req))
        } catch (error) {
          if (error instanceof ValidationError) return back(req, res, VERSION_FORM, error.fieldErrors, values)
          if (error instanceof EditConflictError) return back(req, res, VERSION_FORM, { file: error.message }, values)
          throw error
        }
      } finally {
        await discardUploads(req)
      }
    },
  )

  router.post('/evidence/:evidenceId/links', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, LINK_FIELDS)
    const parsed = linkFormSchema.safeParse(values)
    if (!parsed.success) return back(req, res, LINK_FORM, fieldErrors(parsed.error), values)
    try {
      await evidence.linkCriterion(context, String(req.params.evidenceId), {
        expectedVersion: parsed.data.expectedVersion,
        ...parsed.data.criterion,
      })
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, LINK_FORM, error.fieldErrors, values)
      if (error instanceof EditConflictError) return back(req, res, LINK_FORM, { criterion: error.message }, values)
      throw error
    }
    setNotice(req, 'Linked to the self-evaluation criterion.')
    return res.redirect(itemPath(req))
  })

  router.post('/evidence/:evidenceId/links/remove', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, UNLINK_FIELDS)
    const parsed = unlinkFormSchema.safeParse(values)
    if (!parsed.success) throw new ValidationError({ criterion: 'Choose a link to remove' })
    try {
      await evidence.unlinkCriterion(context, String(req.params.evidenceId), parsed.data)
    } catch (error) {
      if (error instanceof EditConflictError) return back(req, res, LINK_FORM, { criterion: error.message }, values)
      throw error
    }
    setNotice(req, 'Link to the self-evaluation criterion removed.')
    return res.redirect(itemPath(req))
  })

  function back(
    req: Request,
    res: Response,
    form: string,
    errors: Record<string, string>,
    values: Record<string, string>,
  ) {
    keepFormState(req, form, { errors, values })
    return res.redirect(itemPath(req))
  }

  return router
}
