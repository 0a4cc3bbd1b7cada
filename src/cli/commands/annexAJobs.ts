import type { Command } from 'commander'
import { ImportJobFinishedError } from '../../services/annex-a/importJobs.js'
import { systemContext } from '../../services/context.js'
import { createOutput, UsageError } from '../output.js'
import { onRun, type RunOptions } from './annexARuns.js'

/** Background imports queued by the web upload: list them, and cancel one that is queued or running. */
export function registerAnnexAJobs(annexA: Command): void {
  annexA
    .command('jobs')
    .description('Background imports, newest first: status and counts')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: RunOptions) => {
      const output = createOutput(Boolean(options.json))
      await onRun(Boolean(options.json), options.organisation, async (services, organisationId) => {
        const jobs = await services.annexAImports.listJobs(systemContext(organisationId))
        output.result(
          { jobs },
          jobs
            .map(job => `${job.jobId} ${job.status} ${job.sourceName}: ${job.rowsRead} rows, ${job.issuesFound} issues`)
            .join('\n') || 'No background imports',
        )
      })
    })

  annexA
    .command('cancel')
    .description('Cancel a queued or running background import (nothing of it is stored)')
    .argument('<job-id>', 'the import, as `annex-a jobs` lists it')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (jobId: string, options: RunOptions) => {
      const output = createOutput(Boolean(options.json))
      await onRun(Boolean(options.json), options.organisation, async (services, organisationId) => {
        try {
          const job = await services.annexAImports.cancelJob(systemContext(organisationId), jobId)
          output.result({ job }, `Cancelled ${job.jobId} (${job.sourceName})`)
        } catch (error) {
          if (error instanceof ImportJobFinishedError) throw new UsageError(`${error.message}: it cannot be cancelled`)
          throw error
        }
      })
    })
}
