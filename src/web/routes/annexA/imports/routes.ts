import { Router } from 'express'
import type { ImportJobStatus } from '../../../../services/annex-a/importJobs.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'

const STATUS_TEXT: Record<ImportJobStatus, { text: string; tag: string; detail: string }> = {
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
}

/**
 * The status of a background import. It does not refresh itself (no meta refresh, no script): a "Check progress"
 * link reloads it, so it works the same with JavaScript off and never moves focus or content unasked.
 */
export function importsRoutes(services: Services): Router {
  const router = Router()
  router.get('/annex-a/imports/:jobId', async (req, res) => {
    const job = await services.annexAImports.getJob(requireContext(req), req.params.jobId)
    const finished = job.status === 'done' || job.status === 'failed'
    res.render('annexA/imports/view.njk', {
      pageTitle: finished
        ? job.status === 'done'
          ? 'Test run imported'
          : 'The import failed'
        : 'Importing your test run',
      job,
      finished,
      status: STATUS_TEXT[job.status],
    })
  })
  return router
}
