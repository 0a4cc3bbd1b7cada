import fs from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { PLAN_FIELDS, type ColumnMapping, type PlanField } from '../../domain/workspace/index.js'
import { systemContext } from '../../services/context.js'
import { NotFoundError, ValidationError } from '../../services/errors.js'
import { exportPlanDocx } from '../../services/workspace/exportPlanDocx.js'
import { exportPlanXlsx } from '../../services/workspace/exportPlanXlsx.js'
import { importPlanFile, PlanFileError } from '../../services/workspace/importPlanFile.js'
import { PLAN_KINDS, type PlanKind } from '../../services/workspace/planTypes.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { resolveOrganisationId } from './annexAOptions.js'

interface Common {
  organisation?: string
  json?: boolean
}

/** `--map action=2` (1-based column numbers), repeatable: for files whose headers we cannot recognise. */
function parseMapping(values: string[] = []): ColumnMapping {
  const mapping: ColumnMapping = {}
  for (const value of values) {
    const match = /^([A-Za-z]+)=(\d+)$/.exec(value)
    if (!match || !(PLAN_FIELDS as readonly string[]).includes(match[1]!) || Number(match[2]) < 1)
      throw new UsageError(
        `--map must be FIELD=COLUMN (a column number from 1), with FIELD one of: ${PLAN_FIELDS.join(', ')}`,
      )
    mapping[match[1] as PlanField] = Number(match[2]) - 1
  }
  return mapping
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** Service errors a person can fix become exit 2 with the reason on one line. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof PlanFileError || error instanceof ValidationError || error instanceof NotFoundError)
      throw new UsageError(error.message.replace(/\s+/g, ' '))
    throw error
  }
}

export function registerWorkspace(program: Command): void {
  const plans = program.command('plans').description('Improvement and work plans with RAG tracking')

  plans
    .command('import')
    .description('Import a plan from a CSV or Excel (.xlsx) file, with its sections, actions and progress')
    .argument('<file>', 'the plan file')
    .option('--title <title>', 'the plan title (defaults to the file name)')
    .option('--kind <kind>', `one of: ${PLAN_KINDS.join(', ')}`, 'improvement')
    .option('--map <field=column>', 'choose a column for a field, e.g. --map action=6 (repeatable)', collect)
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, options: Common & { title?: string; kind: string; map?: string[] }) => {
      const output = createOutput(Boolean(options.json))
      if (!(PLAN_KINDS as readonly string[]).includes(options.kind))
        throw new UsageError(`--kind must be one of: ${PLAN_KINDS.join(', ')}`)
      const mapping = parseMapping(options.map)
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const result = await asUsage(() =>
          importPlanFile(services.workspace.plans, context, file, {
            title: options.title,
            kind: options.kind as PlanKind,
            sourceName: path.basename(file),
            mapping,
          }),
        )
        for (const warning of result.warnings) output.message(`warning: ${warning.message}`)
        const { plan, sections, items, rag, warnings } = result
        output.result(
          { plan, sections, items, rag, warnings },
          `Imported "${plan.title}" (${plan.id}): ${sections} sections, ${items} actions; RAG red ${rag.red}, amber ${rag.amber}, green ${rag.green}, complete ${rag.complete}; ${warnings.length} warnings`,
        )
      })
    })

  plans
    .command('list')
    .description('List plans with their RAG summary')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const list = await services.workspace.plans.list(context)
        output.result(
          {
            plans: list.map(plan => ({
              id: plan.planId,
              title: plan.title,
              kind: plan.kind,
              items: plan.items,
              rag: plan.rag,
            })),
          },
          list
            .map(
              plan =>
                `${plan.planId}  ${plan.title}  (${plan.items} actions; red ${plan.rag.red}, amber ${plan.rag.amber})`,
            )
            .join('\n') || 'No plans yet',
        )
      })
    })

  plans
    .command('rag')
    .description('RAG summary, and overdue and not-updated-this-month actions by lead')
    .option('--plan <id>', 'one plan (default: every plan)')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { plan?: string }) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const tracking = await asUsage(() => services.workspace.plans.tracking(context, options.plan))
        const brief = (groups: typeof tracking.overdue) =>
          groups.map(group => ({
            lead: group.lead,
            items: group.items.map(item => ({
              id: item.itemId,
              ref: item.ref,
              action: item.action,
              due: item.targetDate ?? item.milestoneDate,
              lastUpdatedOn: item.lastUpdatedOn,
              rag: item.rag,
            })),
          }))
        output.result(
          {
            today: tracking.today,
            rag: tracking.rag,
            overdue: brief(tracking.overdue),
            notUpdatedThisMonth: brief(tracking.notUpdatedThisMonth),
          },
          `RAG red ${tracking.rag.red}, amber ${tracking.rag.amber}, green ${tracking.rag.green}, complete ${tracking.rag.complete}\n` +
            tracking.overdue
              .map(
                group =>
                  `Overdue for ${group.lead}: ${group.items.map(item => item.ref || item.action.slice(0, 30)).join(', ')}`,
              )
              .join('\n'),
        )
      })
    })

  plans
    .command('export')
    .description('Export a plan to an Excel workbook, or to a Word document in committee-paper form')
    .argument('<plan-id>', 'the plan')
    .requiredOption('--out <path>', 'where to write the file')
    .option('--format <format>', 'xlsx or docx (a committee paper)', 'xlsx')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (planId: string, options: Common & { out: string; format: string }) => {
      const output = createOutput(Boolean(options.json))
      if (options.format !== 'xlsx' && options.format !== 'docx') throw new UsageError('--format must be xlsx or docx')
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const plan = await asUsage(() => services.workspace.plans.get(context, planId))
        const bytes =
          options.format === 'docx'
            ? await exportPlanDocx(plan, {
                latestUpdates: await services.workspace.plans.latestUpdates(context, plan.planId),
              })
            : await exportPlanXlsx(plan)
        await fs.writeFile(options.out, bytes).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`Cannot write ${options.out}: ${error.code ?? error.message}`)
        })
        await services.audit.log(context, {
          action: 'plan.exported',
          subjectType: 'plan',
          subjectId: plan.planId,
          details: { format: options.format },
        })
        output.result(
          {
            plan: { id: plan.planId, title: plan.title },
            format: options.format,
            out: options.out,
            bytes: bytes.length,
          },
          `Wrote ${options.out}`,
        )
      })
    })

  const sef = program.command('sef').description('Self-evaluations and gap analysis')
  sef
    .command('gaps')
    .description('Criteria not met for the target grade ("good"), for every self-evaluation or one')
    .option('--sef <id>', 'one self-evaluation')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { sef?: string }) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const ids = options.sef
          ? [options.sef]
          : (await services.workspace.selfEvaluations.list(context)).map(item => item.sefId)
        const results = []
        for (const id of ids) {
          const loaded = await asUsage(() => services.workspace.selfEvaluations.get(context, id))
          results.push({
            sef: {
              id: loaded.sefId,
              title: loaded.title,
              framework: loaded.framework.id,
              version: loaded.version.versionNumber,
              status: loaded.version.status,
            },
            projectedOverall: loaded.projection.result.judgements['overall-effectiveness'] ?? null,
            gaps: loaded.gaps.map(gap => ({
              criterion: gap.criterion.criterionId,
              judgement: gap.criterion.judgementId,
              text: gap.criterion.text,
              severity: gap.severity,
              owner: gap.criterion.owner,
              planItemId: gap.criterion.planItemId,
            })),
          })
        }
        output.result(
          { selfEvaluations: results },
          results.map(result => `${result.sef.title} v${result.sef.version}: ${result.gaps.length} gaps`).join('\n') ||
            'No self-evaluations yet',
        )
      })
    })
}
