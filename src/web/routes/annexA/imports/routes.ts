import { Router } from 'express'
import { ImportJobFinishedError, type ImportJobStatus } from '../../../../services/annex-a/importJobs.js'
import type { Services } from '../../../../services/index.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'

const CANCEL_FORM = 'annexAImportCancel'

export const STATUS_TEXT: Record<ImportJobStatus, { text: string; tag: string; detail: string }> = {
  queued: {
    text: 'Waiting to start',
    tag: 'govuk-tag--grey',
    detail: 'Your files are uploaded and waiting their turn.',
  },
  reading: {
    text: 'Reading and checking rows',
    tag: 'govuk-tag--blue',
    detail: 'Each row is being read, checked and saved.',
  },
  validating: {
    text: 'Checking across lists',
    tag: 'govuk-tag--blue',
    detail: 'Every row is read; now the checks across lists (List 6 against 7 and 8, 10 against 11) run.',
  },
  writing: {
    text: 'Saving the test run',
    tag: 'govuk-tag--blue',
    detail: 'Finishing: saving the last rows and issues and comparing with your previous run.',
  },
  done: { text: 'Done', tag: 'govuk-tag--green', detail: 'The test run is saved.' },
  failed: { text: 'Failed', tag: 'govuk-tag--red', detail: 'Nothing was stored.' },
  cancelled: { text: 'Cancelled', tag: 'govuk-tag--yellow', detail: 'Nothing was stored, and the files are deleted.' },
}

/**
 * Background imports: the list, each one's status, and cancelling. The status page does not refresh itself (no meta
 * refresh, no script): a "Check progress" link reloads it, so it works the same with JavaScript off and never moves
 * focus or content unasked.
 */
export function importsRoutes(services: Services): Router {
  const router = Router()

  router.get('/annex-a/imports', async (req, res) => {
    const jobs = await services.annexAImports.listJobs(requireContext(req))
    res.render('annexA/imports/list.njk', {
      pageTitle: 'Background imports',
      jobs: jobs.map(job => ({ ...job, statusText: STATUS_TEXT[job.status] })),
    })
  })

  router.get('/annex-a/imports/:jobId', async (req, res) => {
    const job = await services.annexAImports.getJob(requireContext(req), req.params.jobId)
    const finished = !job.cancellable
    const { errors } = takeFormState(req, CANCEL_FORM)
    res.render('annexA/imports/view.njk', {
      pageTitle:
        job.status === 'done'
          ? 'Test run imported'
          : job.status === 'failed'
            ? 'The import failed'
            : job.status === 'cancelled'
              ? 'The import was cancelled'
              : 'Importing your test run',
      job,
      finished,
      status: STATUS_TEXT[job.status],
      errors,
      errorSummary: errorList(errors),
      notice: takeNotice(req),
    })
  })

  router.post('/annex-a/imports/:jobId/cancel', async (req, res) => {
    const jobId = req.params.jobId
    try {
      await services.annexAImports.cancelJob(requireContext(req), jobId)
    } catch (error) {
      if (!(error instanceof ImportJobFinishedError)) throw error
      keepFormState(req, CANCEL_FORM, {
        errors: { cancel: `${error.message}: it cannot be cancelled now` },
        values: {},
      })
      return res.redirect(`/annex-a/imports/${jobId}`)
    }
    setNotice(req, 'Import cancelled. Nothing from it was stored.')
    return res.redirect(`/annex-a/imports/${jobId}`)
  })

  return router
}
