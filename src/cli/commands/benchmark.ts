import type { Command } from 'commander'
import { DFE_INDICATORS, findIndicator, ownSourceLabel, type OwnValue } from '../../domain/intelligence/index.js'
import { systemContext } from '../../services/context.js'
import { NotFoundError, ValidationError } from '../../services/errors.js'
import { SN_MODELS, type SnModel } from '../../services/intelligence/intelligenceService.js'
import { EditConflictError } from '../../services/workspace/errors.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { resolveOrganisationId } from './annexAOptions.js'

interface Common {
  organisation?: string
  json?: boolean
}

/** Service errors a person can fix become exit 2 with the reason on one line. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NotFoundError || error instanceof EditConflictError)
      throw new UsageError(error.message.replace(/\s+/g, ' '))
    throw error
  }
}

function indicatorOption(value: string | undefined): string {
  if (!value || !findIndicator(value))
    throw new UsageError(`--indicator must be one of: ${DFE_INDICATORS.map(indicator => indicator.id).join(', ')}`)
  return value
}

function snModelOption(value: string | undefined): SnModel {
  const model = value ?? '2025'
  if (!(SN_MODELS as readonly string[]).includes(model)) throw new UsageError('--sn-model must be 2025 or 2021')
  return model as SnModel
}

function ownJson(value: OwnValue) {
  return {
    indicator: value.indicator,
    year: value.year,
    value: value.value,
    source: value.source,
    sourceLabel: ownSourceLabel(value),
    annexARunId: value.annexARunId,
    annexAIndicator: value.annexAIndicator,
    note: value.note,
    version: value.version,
  }
}

/**
 * `readiness benchmark show|own …`: LAIT-style benchmarking over the DfE statistics the organisation has imported,
 * and the organisation's own values (typed in, or from an Annex A test run).
 */
export function registerBenchmark(program: Command): void {
  const benchmark = program
    .command('benchmark')
    .description('Benchmark DfE indicators against statistical neighbours, region and England; our own values')

  benchmark
    .command('show')
    .description('One indicator for one authority, every year imported, with our own values when it is ours')
    .requiredOption('--indicator <id>', `one of: ${DFE_INDICATORS.map(indicator => indicator.id).join(', ')}`)
    .option('--authority <name-or-code>', 'the authority (default: the organisation’s own)')
    .option('--sn-model <year>', 'statistical neighbour model: 2025 or 2021', '2025')
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { indicator: string; authority?: string; snModel?: string }) => {
      const output = createOutput(Boolean(options.json))
      const indicator = indicatorOption(options.indicator)
      const snModel = snModelOption(options.snModel)
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const intelligence = services.intelligence.outcomes
        const authority = options.authority ?? (await intelligence.ownAuthority(context))?.name
        if (!authority) throw new UsageError('Say which authority with --authority (the organisation has no LA code)')
        const result = await asUsage(() => intelligence.benchmark(context, indicator, authority, { snModel }))
        const data = {
          indicator: result.definition.id,
          label: result.definition.label,
          polarity: result.definition.polarity,
          authority: {
            name: result.authority.name,
            oldCode: result.authority.oldCode,
            region: result.authority.region,
          },
          snModel: result.snModel,
          neighbours: result.neighbours,
          years: result.years.map(year => ({
            year: year.year,
            value: year.value,
            neighbourMean: year.neighbourMean,
            neighbourMedian: year.neighbourMedian,
            neighboursWithData: year.neighboursWithData,
            region: year.region,
            england: year.england,
            rank: year.rank,
            of: year.rankedAuthorities,
            band: year.band,
            trend: year.trend,
          })),
          own: result.own.map(item => ({
            ...ownJson(item.own),
            comparedWithYear: item.comparedWithYear,
            published: item.published,
            neighbourMean: item.result?.neighbourMean ?? null,
            rank: item.result?.rank ?? null,
            of: item.result?.rankedAuthorities ?? null,
            band: item.result?.band ?? null,
          })),
        }
        const latest = result.years.at(-1)
        const lines = [
          `${result.definition.label}: ${result.authority.name} (statistical neighbours: ${result.snModel} model, ${result.neighbours.length} neighbours)`,
          ...(latest
            ? [
                `${latest.year}: value ${latest.value ?? '–'}, SN mean ${round(latest.neighbourMean)}, SN median ${round(latest.neighbourMedian)}, region ${latest.region ?? '–'}, England ${latest.england ?? '–'}, rank ${latest.rank ?? '–'} of ${latest.rankedAuthorities}, band ${latest.band ?? '–'}`,
              ]
            : ['No DfE values imported for this indicator']),
          ...result.own.map(
            item =>
              `our ${item.own.year}: ${item.own.value} (source: ${ownSourceLabel(item.own)}), rank ${item.result?.rank ?? '–'}, band ${item.result?.band ?? '–'}`,
          ),
        ]
        output.result(data, lines.join('\n'))
      })
    })

  const own = benchmark.command('own').description('Our own indicator values, beside the published DfE values')

  own
    .command('list')
    .description('Every value the organisation has saved')
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--json', 'machine-readable output')
    .action(async (options: Common) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const values = await services.intelligence.ownIndicators.list(context)
        output.result(
          { values: values.map(ownJson) },
          values.length === 0
            ? 'No values saved'
            : values
                .map(value => `${value.indicator} ${value.year}: ${value.value} (${ownSourceLabel(value)})`)
                .join('\n'),
        )
      })
    })

  own
    .command('set')
    .description('Type in a value for one indicator and year (replaces a value saved for them)')
    .requiredOption('--indicator <id>', `one of: ${DFE_INDICATORS.map(indicator => indicator.id).join(', ')}`)
    .requiredOption('--year <year>', 'DfE reporting year, e.g. 2025 for April 2024 to March 2025')
    .requiredOption('--value <number>', 'the value, e.g. 21.5 for 21.5%')
    .option('--note <text>', 'where the figure comes from')
    .option('--if-version <n>', 'only save if the stored value is still at this version (0: none stored)')
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        options: Common & { indicator: string; year: string; value: string; note?: string; ifVersion?: string },
      ) => {
        const output = createOutput(Boolean(options.json))
        const indicator = indicatorOption(options.indicator)
        if (options.ifVersion !== undefined && !/^\d{1,9}$/.test(options.ifVersion))
          throw new UsageError('--if-version must be a whole number from 0')
        await withServices(output.message, async services => {
          const context = systemContext(await resolveOrganisationId(services, options.organisation))
          const saved = await asUsage(() =>
            services.intelligence.ownIndicators.set(context, {
              indicator,
              year: options.year,
              value: options.value,
              note: options.note,
              ...(options.ifVersion === undefined ? {} : { version: Number(options.ifVersion) }),
            }),
          )
          output.result(
            ownJson(saved),
            `Saved ${saved.indicator} ${saved.year}: ${saved.value} (version ${saved.version})`,
          )
        })
      },
    )

  own
    .command('from-annex-a')
    .description('Take the mapped indicators of an Annex A test run as our values for its DfE year')
    .requiredOption('--run <run-id>', 'the Annex A test run id (see `readiness annex-a runs`)')
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { run: string }) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const result = await asUsage(() => services.intelligence.ownIndicators.fromAnnexA(context, options.run))
        for (const skipped of result.skipped) output.message(`not taken: ${skipped}`)
        output.result(
          {
            runId: result.runId,
            referenceDate: result.referenceDate,
            year: result.year,
            saved: result.saved.map(ownJson),
            skipped: result.skipped,
          },
          [
            `Took ${result.saved.length} values from the Annex A run of ${result.referenceDate} for ${result.year}:`,
            ...result.saved.map(value => `  ${value.indicator}: ${value.value} (${value.note ?? ''})`),
          ].join('\n'),
        )
      })
    })
}

function round(value: number | null): string {
  return value === null ? '–' : String(Math.round(value * 10) / 10)
}
