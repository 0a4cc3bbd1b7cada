import fs from 'node:fs/promises'
import type { Command } from 'commander'
import { twentyDayPeriod } from '../../domain/audits/index.js'
import { isIsoDate } from '../../domain/calendar/index.js'
import { systemContext } from '../../services/context.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../services/errors.js'
import { checkRound } from '../../services/audits/auditReportService.js'
import { exportAuditSummaryXlsx } from '../../services/audits/exportAuditSummaryXlsx.js'
import { exportCaseAuditDocx } from '../../services/audits/exportCaseAuditDocx.js'
import { exportTwentyDayUpdateDocx } from '../../services/audits/exportTwentyDayUpdateDocx.js'
import { englandDate } from '../../services/audits/today.js'
import type { Services } from '../../services/index.js'
import { EditConflictError } from '../../services/workspace/errors.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { positiveIntegerOption, resolveOrganisationId } from './annexAOptions.js'

interface Common {
  organisation?: string
  json?: boolean
}

interface RoundOptions {
  sample?: string
  from?: string
  to?: string
}

/** Service errors a person can act on become one-line usage errors (exit 2). */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (
      error instanceof NotFoundError ||
      error instanceof ValidationError ||
      error instanceof ForbiddenError ||
      error instanceof EditConflictError
    )
      throw new UsageError(error.message)
    throw error
  }
}

async function writeOut(path: string, content: Buffer): Promise<void> {
  await fs.writeFile(path, content).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot write ${path}: ${error.code ?? error.message}`)
  })
}

async function readJsonFile(option: string, file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'))
  } catch (error) {
    throw new UsageError(
      `${option} ${file} could not be read as JSON: ${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}`,
    )
  }
}

function roundOf(options: RoundOptions) {
  if (options.sample && (options.from || options.to)) throw new UsageError('Give --sample or --from/--to, not both')
  try {
    return checkRound({ sampleId: options.sample, from: options.from, to: options.to })
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(error.message)
    throw error
  }
}

async function contextFor(services: Services, options: Common) {
  return systemContext(await resolveOrganisationId(services, options.organisation))
}

/** `readiness audits …`: exports, reports, themes into the improvement plan, redraw and assignment. */
export function registerAudits(program: Command): void {
  const audits = program.command('audits').description('Practice audits: exports, summaries, themes and assignment')

  audits
    .command('export')
    .description('Export one case audit as a Word document (child-level data: the export is audit-logged)')
    .argument('<audit-id>', 'the audit')
    .requiredOption('--out <path>', 'where to write the file')
    .option('--format <format>', 'docx', 'docx')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (auditId: string, options: Common & { out: string; format: string }) => {
      const output = createOutput(Boolean(options.json))
      if (options.format !== 'docx') throw new UsageError('--format must be docx')
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        const { content } = await asUsage(() => exportCaseAuditDocx(services.audits.reports, context, auditId))
        await writeOut(options.out, content)
        output.result(
          { audit: auditId, format: 'docx', out: options.out, bytes: content.length },
          `Wrote ${options.out}`,
        )
      })
    })

  audits
    .command('summary')
    .description('Grades by team, month and question, themes and moderation agreement (no child ids)')
    .option('--sample <sample-id>', 'only the audits of one sample (an audit round)')
    .option('--from <date>', 'only audits completed on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'only audits completed on or before this date (YYYY-MM-DD)')
    .option('--xlsx <path>', 'also write the summary as an Excel workbook')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & RoundOptions & { xlsx?: string }) => {
      const output = createOutput(Boolean(options.json))
      const round = roundOf(options)
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        let summary
        if (options.xlsx) {
          const exported = await asUsage(() => exportAuditSummaryXlsx(services.audits.reports, context, round))
          await writeOut(options.xlsx, exported.content)
          output.message(`Wrote ${options.xlsx}`)
          summary = exported.summary
        } else summary = await asUsage(() => services.audits.reports.summary(context, round))
        output.result(
          summary,
          [
            `${summary.audits} completed audit(s)`,
            `Overall grades: ${Object.entries(summary.overallGrades)
              .map(([grade, count]) => `${grade} ${count}`)
              .join(', ')}`,
            ...summary.themes.map(theme => `Theme ${theme.label}: ${theme.audits} audit(s)`),
            `Moderation: ${summary.moderation.audits} audit(s), questions agreed ${summary.moderation.questionRate ?? '-'}%`,
          ].join('\n'),
        )
      })
    })

  audits
    .command('twenty-day-update')
    .description('The 20-day update on progress and thematic findings (seed 003, Appendix 1 3.2)')
    .option('--from <date>', 'start of the period (default: 19 days before --to)')
    .option('--to <date>', 'end of the period (default: today)')
    .option('--docx <path>', 'also write it as a Word document')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { from?: string; to?: string; docx?: string }) => {
      const output = createOutput(Boolean(options.json))
      const to = options.to ?? englandDate(new Date())
      const period = { from: options.from ?? twentyDayPeriod(to).from, to }
      roundOf(period)
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        let update
        if (options.docx) {
          const exported = await asUsage(() => exportTwentyDayUpdateDocx(services.audits.reports, context, period))
          await writeOut(options.docx, exported.content)
          output.message(`Wrote ${options.docx}`)
          update = exported.update
        } else update = await asUsage(() => services.audits.reports.twentyDayUpdate(context, period))
        output.result(
          update,
          [
            `20-day update ${update.period.from} to ${update.period.to}: ${update.audits} audit(s) completed`,
            `Progress: ${update.progress.due} due, ${update.progress.completed} completed, ${update.progress.overdue} overdue`,
            ...update.themes.map(theme => `${theme.label}: ${theme.audits} audit(s) (${theme.share}%)`),
          ].join('\n'),
        )
      })
    })

  audits
    .command('themes-to-plan')
    .description('Create improvement-plan items from the themes of an audit round (again: only what is missing)')
    .requiredOption('--plan <plan-id>', 'the improvement plan')
    .option('--sample <sample-id>', 'the round: the audits of one sample')
    .option('--from <date>', 'the round: audits completed on or after this date')
    .option('--to <date>', 'the round: audits completed on or before this date')
    .option('--theme <theme-id...>', 'only these themes (default: every theme found)')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & RoundOptions & { plan: string; theme?: string[] }) => {
      const output = createOutput(Boolean(options.json))
      const round = roundOf(options)
      if (!round) throw new UsageError('Give the round: --sample, or --from and --to')
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        const result = await asUsage(() =>
          services.audits.themesToPlan.createItems(context, {
            round,
            planId: options.plan,
            ...(options.theme ? { themeIds: options.theme } : {}),
          }),
        )
        output.result(
          result,
          [
            ...result.created.map(item => `Created plan item ${item.itemId} for theme ${item.themeId}`),
            ...result.skipped.map(theme => `Already in the plan: ${theme}`),
          ].join('\n') || 'Nothing to create',
        )
      })
    })

  audits
    .command('redraw')
    .description('Replace one case of a sample with another from the same stratum; the rest stay')
    .requiredOption('--sample <sample-id>', 'the sample')
    .requiredOption('--child <child-id>', 'the child to replace')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { sample: string; child: string }) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        const result = await asUsage(() => services.audits.samples.redraw(context, options.sample, options.child))
        output.result(
          result,
          result.replacement
            ? `Replaced child ${result.replaced.childId} with child ${result.replacement.childId} (${result.replacement.stratum})`
            : `No other case is available in stratum ${result.replaced.stratum}: the sample is unchanged`,
        )
      })
    })

  audits
    .command('assign')
    .description('Assign a sample’s cases to an auditor, due in N working days (default 4)')
    .requiredOption('--sample <sample-id>', 'the sample')
    .requiredOption('--auditor <email-or-id>', 'the auditor')
    .option('--template <template-id>', 'the audit template', 'childs-journey')
    .option('--working-days <n>', 'working days until due', '4')
    .option('--child <child-id...>', 'only these children of the sample')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(
      async (
        options: Common & { sample: string; auditor: string; template: string; workingDays: string; child?: string[] },
      ) => {
        const output = createOutput(Boolean(options.json))
        const workingDays = positiveIntegerOption('--working-days', options.workingDays)!
        await withServices(output.message, async services => {
          const context = await contextFor(services, options)
          const users = await services.users.list(context)
          const auditor = users.find(
            user => user.userId === options.auditor || user.email.toLowerCase() === options.auditor.toLowerCase(),
          )
          if (!auditor) throw new UsageError(`No user "${options.auditor}" in this organisation`)
          const ids = await asUsage(() =>
            services.audits.caseAudits.assignSample(context, {
              sampleId: options.sample,
              auditorUserId: auditor.userId,
              templateId: options.template,
              workingDays,
              ...(options.child ? { childIds: options.child } : {}),
            }),
          )
          const listed = (await services.audits.caseAudits.list(context)).filter(item => ids.includes(item.auditId))
          output.result(
            { audits: ids, auditor: auditor.userId, dueOn: listed[0]?.dueOn ?? null },
            `Assigned ${ids.length} audit(s) to ${auditor.email}, due ${listed[0]?.dueOn ?? '?'}`,
          )
        })
      },
    )

  audits
    .command('templates')
    .description('List audit templates (built-in and the organisation’s own, latest versions)')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const templates = await services.audits.templates.list(await contextFor(services, options))
        output.result(
          templates.map(template => ({
            id: template.id,
            version: template.version,
            label: template.label,
            questions: template.sections.flatMap(section => section.questions).length,
          })),
          templates.map(template => `${template.id} v${template.version}  ${template.label}`).join('\n'),
        )
      })
    })

  audits
    .command('template-save')
    .description('Store a custom template from JSON: a new one (version 1), or with --revise a new version')
    .requiredOption('--file <file>', 'the template as JSON (see docs/audits.md)')
    .option('--revise <version>', 'the latest version you edited; saves version + 1')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { file: string; revise?: string }) => {
      const output = createOutput(Boolean(options.json))
      const value = await readJsonFile('--file', options.file)
      const expectedVersion = positiveIntegerOption('--revise', options.revise)
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        const templates = services.audits.templates
        const saved = await asUsage(() => {
          if (expectedVersion === undefined) return templates.create(context, value)
          const record = (value ?? {}) as { id?: unknown; label?: string; source?: string; sections?: unknown[] }
          if (typeof record.id !== 'string') throw new ValidationError({ id: 'The template JSON must have an id' })
          return templates.revise(context, record.id, {
            expectedVersion,
            ...(record.label !== undefined ? { label: record.label } : {}),
            ...(record.source !== undefined ? { source: record.source } : {}),
            ...(record.sections !== undefined ? { sections: record.sections } : {}),
          })
        })
        output.result({ id: saved.id, version: saved.version }, `Saved template ${saved.id} version ${saved.version}`)
      })
    })

  audits
    .command('taxonomy')
    .description('The theme taxonomy (seed 004’s themes until edited)')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const themes = await services.audits.taxonomy.list(await contextFor(services, options))
        output.result(
          themes,
          themes.map(theme => `${theme.id}${theme.retired ? ' (retired)' : ''}  ${theme.label}`).join('\n'),
        )
      })
    })

  audits
    .command('plan-save')
    .description('Store a custom sampling plan (JSON, checked like --plan-file); with --revise, replace it')
    .requiredOption('--file <file>', 'the plan as JSON (see docs/audits.md)')
    .option('--revise <version>', 'the stored version you edited')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { file: string; revise?: string }) => {
      const output = createOutput(Boolean(options.json))
      const value = await readJsonFile('--file', options.file)
      const expectedVersion = positiveIntegerOption('--revise', options.revise)
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        const saved = await asUsage(() =>
          services.audits.samplingPlans.save(context, value, expectedVersion === undefined ? {} : { expectedVersion }),
        )
        output.result(saved, `Stored plan ${saved.planId} (version ${saved.version}); draw with --plan ${saved.planId}`)
      })
    })

  audits
    .command('assign-moderator')
    .description('Ask someone who audits (never the audit’s own auditor) to moderate a submitted audit by a date')
    .argument('<audit-id>', 'the audit')
    .requiredOption('--moderator <email-or-id>', 'who will moderate it')
    .option('--due <date>', 'when the moderation is due (YYYY-MM-DD; default 5 working days from today)')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (auditId: string, options: Common & { moderator: string; due?: string }) => {
      const output = createOutput(Boolean(options.json))
      if (options.due !== undefined && !isIsoDate(options.due))
        throw new UsageError(`--due must be a real date as YYYY-MM-DD, not "${options.due}"`)
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        const users = await services.users.list(context)
        const moderator = users.find(
          user => user.userId === options.moderator || user.email.toLowerCase() === options.moderator.toLowerCase(),
        )
        if (!moderator) throw new UsageError(`No user "${options.moderator}" in this organisation`)
        const assigned = await asUsage(() =>
          services.audits.caseAudits.assignModerator(context, auditId, {
            moderatorUserId: moderator.userId,
            dueOn: options.due,
          }),
        )
        output.result(
          {
            audit: assigned.auditId,
            moderator: assigned.moderatorUserId,
            dueOn: assigned.dueOn,
            replaced: assigned.replaced,
          },
          `Asked ${moderator.email} to moderate audit ${assigned.auditId} by ${assigned.dueOn}`,
        )
      })
    })

  audits
    .command('concerns')
    .description(
      'Open safeguarding concerns (not yet acknowledged), oldest first (child ids: the view is audit-logged)',
    )
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = await contextFor(services, options)
        const concerns = await asUsage(() => services.audits.caseAudits.openConcerns(context))
        output.result(
          concerns.map(concern => ({
            audit: concern.auditId,
            childId: concern.childId,
            team: concern.team,
            raisedAt: concern.raisedAt.toISOString(),
            raisedBy: concern.raisedByUserId,
            manager: concern.managerUserId,
            managerName: concern.managerName,
          })),
          concerns
            .map(
              concern =>
                `${concern.raisedAt.toISOString().slice(0, 16).replace('T', ' ')}  audit ${concern.auditId}  child ${concern.childId}  manager ${concern.managerName}`,
            )
            .join('\n') || 'No open safeguarding concerns',
        )
      })
    })
}
