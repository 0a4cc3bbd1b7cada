import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import { metadataErrors } from '../../../../services/workspace/evidenceService.js'
import type { Services } from '../../../../services/index.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import {
  discardUploads,
  metadataChoices,
  orderErrors,
  readMetadata,
  receiveEvidenceFile,
  takeUploadedFile,
} from '../evidenceForm/metadata.js'

const FORM = 'evidenceNew'
const NEW_PATH = '/evidence/new'

/** Upload a new evidence item: the file and its metadata. Nothing is stored unless both are acceptable. */
export function evidenceNewRoutes(services: Services): Router {
  acceptUploadsAt(/^\/evidence\/new$/)
  const router = Router()
  const evidence = services.workspace.evidence

  router.get(NEW_PATH, (req, res) => {
    authorise(requireContext(req), 'workspace:edit')
    const { errors, values } = takeFormState(req, FORM)
    res.render('workspace/evidenceNew/view.njk', {
      pageTitle: 'Add evidence',
      errors,
      errorSummary: errorList(errors),
      values,
      choices: metadataChoices(values),
      maxMegabytes: Math.round(evidence.maxBytes / 1024 / 1024),
      accepted: evidence.acceptedFiles,
    })
  })

  router.post(
    NEW_PATH,
    receiveEvidenceFile(evidence.maxBytes, FORM, () => NEW_PATH),
    verifyCsrfAfterUpload,
    async (req, res) => {
      try {
        const context = requireContext(req)
        authorise(context, 'workspace:edit')
        const { values, input, errors } = readMetadata(req.body)
        const file = await takeUploadedFile(req)
        if (!file) errors.file = 'Select a file'
        const back = (fieldErrors: Record<string, string>) => {
          keepFormState(req, FORM, { errors: orderErrors(fieldErrors), values })
          return res.redirect(NEW_PATH)
        }
        if (!file || Object.keys(errors).length > 0) {
          // Report metadata problems too, so one round trip shows everything to fix.
          for (const [field, message] of Object.entries(metadataErrors(input))) errors[field] ??= message
          return back(errors)
        }
        try {
          const created = await evidence.create(context, input, file)
          setNotice(
            req,
            `Evidence added: "${input.title.trim()}" (${created.mediaType}, sha256 ${created.sha256.slice(0, 12)}…).`,
          )
          return res.redirect(`/evidence/${created.id}`)
        } catch (error) {
          if (error instanceof ValidationError) return back(error.fieldErrors)
          throw error
        }
      } finally {
        await discardUploads(req)
      }
    },
  )

  return router
}
