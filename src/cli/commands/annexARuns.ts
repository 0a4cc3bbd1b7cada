import type { Command } from 'commander'
import { systemContext } from '../../services/context.js'
import { NotFoundError } from '../../services/errors.js'
import type { Services } from '../../services/index.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { resolveOrganisationId } from './annexAOptions.js'

export interface RunOptions {
  organisation?: string
  json?: boolean
}

export async function onRun<T>(
  json: boolean,
  organisation: string | undefined,
  work: (services: Services, organisationId: string) => Promise<T>,
) {
  const output = createOutput(json)
  await withServices(output.message, async services => {
    const organisationId = await resolveOrganisationId(services, organisation)
    try {
      await work(services, organisationId)
    } catch (error) {
      if (error instanceof NotFoundError) throw new UsageError(error.message)
      throw error
    }
  })
  return output
}

/** Queries over stored test runs: the issues log and comparison, plus the retention purge (indicators: annexAIndicators.ts). */
export function registerAnnexARuns(annexA: Command): void {
  annexA
    .command('runs')
    .description('List test runs, newest first')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: RunOptions) => {
      const output = createOutput(Boolean(options.json))
      await onRun(Boolean(options.json), options.organisation, async (services, organisationId) => {
        const runs = await services.annexA.listRuns(systemContext(organisationId))
        output.result(
          { runs },
          runs
            .map(run => `${run.runId} ${run.referenceDate} ${run.sourceName}: ${run.rows} rows, ${run.errors} errors`)
            .join('\n') || 'No test runs yet',
        )
      })
    })

  annexA
    .command('issues')
    .description('The issues log of a test run')
    .requiredOption('--run <run-id>', 'the test run')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: RunOptions & { run: string }) => {
      const output = createOutput(Boolean(options.json))
      await onRun(Boolean(options.json), options.organisation, async (services, organisationId) => {
        const context = systemContext(organisationId)
        const issues = []
        for (let page = 1; ; page += 1) {
          const result = await services.annexA.listIssues(context, options.run, { page, pageSize: 200 })
          issues.push(...result.issues)
          if (page * result.pageSize >= result.total) break
        }
        output.result(
          { run: options.run, issues },
          issues
            .map(
              issue =>
                `List ${issue.list ?? '-'} row ${issue.rowNumber ?? '-'} ${issue.severity} ${issue.code}: ${issue.message}`,
            )
            .join('\n'),
        )
      })
    })

  annexA
    .command('compare')
    .description('New, resolved and persisting issues between two runs (earlier first)')
    .argument('<earlier>', 'the earlier run')
    .argument('<later>', 'the later run')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (earlier: string, later: string, options: RunOptions) => {
      const output = createOutput(Boolean(options.json))
      await onRun(Boolean(options.json), options.organisation, async (services, organisationId) => {
        const result = await services.annexA.compareRuns(systemContext(organisationId), earlier, later, {
          withIssues: true,
          limit: 1000,
        })
        output.result(
          { earlier, later, ...result.counts, issues: result.issues },
          `${result.counts.new} new, ${result.counts.resolved} resolved, ${result.counts.persisting} persisting`,
        )
      })
    })

  annexA
    .command('purge')
    .description('Delete child-level rows of runs older than the retention setting (audit-logged)')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: RunOptions) => {
      const output = createOutput(Boolean(options.json))
      await onRun(Boolean(options.json), options.organisation, async (services, organisationId) => {
        const result = await services.annexA.purgeExpired(systemContext(organisationId))
        output.result(result, `Purged ${result.purgedRuns.length} test run(s)`)
      })
    })
}
