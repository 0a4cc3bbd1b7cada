import fs from 'node:fs/promises'
import type { Command } from 'commander'
import { listSamplingPlans, readCustomPlan, type SamplingPlan } from '../../domain/sampling/index.js'
import { systemContext } from '../../services/context.js'
import { NotFoundError, ValidationError } from '../../services/errors.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { resolveOrganisationId } from './annexAOptions.js'

interface DrawOptions {
  run?: string
  plan?: string
  planFile?: string
  seed?: string
  organisation?: string
  json?: boolean
}

/** What `sample plans` prints for a plan: the contract in issue 6, plus what each stratum draws. */
export function planListing(plan: SamplingPlan) {
  return {
    id: plan.id,
    label: plan.label,
    source: plan.source,
    strata: plan.strata.map(stratum => ({
      id: stratum.id,
      label: stratum.label,
      lists: stratum.lists,
      quota: stratum.quota,
    })),
  }
}

async function customPlan(file: string): Promise<SamplingPlan> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'))
  } catch (error) {
    throw new UsageError(
      `--plan-file ${file} could not be read as JSON: ${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}`,
    )
  }
  const result = readCustomPlan(parsed, `custom plan (${file.split(/[\\/]/).pop()})`)
  if (!result.plan) throw new UsageError(`--plan-file: ${result.problems.join('; ')}`)
  return result.plan
}

/** `readiness sample`: draw a reproducible case sample from a stored Annex A test run; `sample plans` lists plans. */
export function registerSample(program: Command): void {
  const sample = program
    .command('sample')
    .description('Draw a reproducible case sample from an Annex A test run (see `readiness sample plans`)')
    .option('--run <run-id>', 'the test run (`readiness annex-a import` prints its id)')
    .option('--plan <plan-id>', 'a sampling plan id')
    .option('--plan-file <file>', 'a custom plan as JSON (see docs/audits.md) instead of --plan')
    .option('--seed <seed>', 'the seed: the same plan, seed and run give the same sample (default: a random one)')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: DrawOptions) => {
      const output = createOutput(Boolean(options.json))
      if (!options.run) throw new UsageError('--run is required: the id of a stored Annex A test run')
      if (Boolean(options.plan) === Boolean(options.planFile)) throw new UsageError('Give one of --plan or --plan-file')
      const plan = options.planFile ? await customPlan(options.planFile) : options.plan!
      await withServices(output.message, async services => {
        const organisationId = await resolveOrganisationId(services, options.organisation)
        try {
          const drawn = await services.audits.samples.draw(systemContext(organisationId), {
            runId: options.run!,
            plan,
            seed: options.seed,
          })
          output.message(
            `Sample ${drawn.sampleId} stored: ${drawn.cases.length} case(s), ${drawn.shortfalls.length} shortfall(s)`,
          )
          output.result(
            {
              plan: drawn.plan,
              seed: drawn.seed,
              run: drawn.run,
              cases: drawn.cases.map(item => ({
                childId: item.childId,
                list: item.list,
                row: item.row,
                stratum: item.stratum,
              })),
              shortfalls: drawn.shortfalls,
            },
            [
              ...drawn.cases.map(item => `${item.stratum}: child ${item.childId}, List ${item.list} row ${item.row}`),
              ...drawn.shortfalls.map(
                item => `Shortfall in ${item.stratum}: wanted ${item.wanted}, ${item.available} available`,
              ),
            ].join('\n') || 'No cases matched the plan',
          )
        } catch (error) {
          if (error instanceof NotFoundError || error instanceof ValidationError) throw new UsageError(error.message)
          throw error
        }
      })
    })

  sample
    .command('plans')
    .description('List the sampling plans')
    .option('--json', 'machine-readable output')
    .action((_options: unknown, command: Command) => {
      const plans = listSamplingPlans().map(planListing)
      // `sample` declares --json too, and commander hands it to whichever command it meets first.
      const { json } = command.optsWithGlobals<{ json?: boolean }>()
      createOutput(Boolean(json)).result(
        plans,
        plans.map(plan => `${plan.id}  ${plan.label} (${plan.source})`).join('\n'),
      )
    })
}
