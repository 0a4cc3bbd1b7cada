import fs from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { findChecklist, evidenceChecklists } from '../../domain/workspace/evidenceChecklists.js'
import { isIsoDate } from '../../domain/workspace/index.js'
import { systemContext } from '../../services/context.js'
import { NotFoundError, ValidationError } from '../../services/errors.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { resolveOrganisationId } from './annexAOptions.js'

interface Common {
  organisation?: string
  json?: boolean
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** Service errors a person can fix become exit 2 with the reason on one line. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NotFoundError)
      throw new UsageError(error.message.replace(/\s+/g, ' '))
    throw error
  }
}

function checkDate(value: string | undefined, option: string): string {
  if (value === undefined) return ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isIsoDate(value))
    throw new UsageError(`${option} must be a real date as YYYY-MM-DD, got "${value.slice(0, 40)}"`)
  return value
}

/** `readiness evidence …`: the evidence bank from the command line. */
export function registerEvidence(program: Command): void {
  const evidence = program.command('evidence').description('The evidence bank: documents, versions and checklists')

  evidence
    .command('add')
    .description('Add a document to the evidence bank (type checked by content; nothing is kept if it is refused)')
    .argument('<file>', 'the document')
    .requiredOption('--title <title>', 'the title')
    .option('--type <type>', 'document type (policy, minutes, plan, report, performance-data, audit, ...)', 'other')
    .option('--owner <owner>', 'the person or team who keeps it up to date')
    .option('--tags <a,b>', 'comma-separated tags')
    .option('--area <key>', 'a framework area it supports, e.g. slac-2009/lscb-minutes (repeatable)', collect)
    .option('--date <YYYY-MM-DD>', 'the document date (meeting date, or last reviewed)')
    .option('--review-due <YYYY-MM-DD>', 'when it must next be reviewed')
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        file: string,
        options: Common & {
          title: string
          type: string
          owner?: string
          tags?: string
          area?: string[]
          date?: string
          reviewDue?: string
        },
      ) => {
        const output = createOutput(Boolean(options.json))
        const documentDate = checkDate(options.date, '--date')
        const reviewDue = checkDate(options.reviewDue, '--review-due')
        let bytes: Buffer
        try {
          bytes = await fs.readFile(file)
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code
          throw new UsageError(`Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`)
        }
        await withServices(output.message, async services => {
          const context = systemContext(await resolveOrganisationId(services, options.organisation))
          const service = services.workspace.evidence
          if (bytes.length > service.maxBytes)
            throw new UsageError(
              `${path.basename(file)} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; files must be ${Math.round(service.maxBytes / 1024 / 1024)} MB or smaller`,
            )
          const created = await asUsage(() =>
            service.create(
              context,
              {
                title: options.title,
                documentType: options.type,
                owner: options.owner ?? '',
                tags: options.tags ?? '',
                areas: options.area ?? [],
                documentDate,
                reviewDue,
              },
              { filename: path.basename(file), bytes },
            ),
          )
          output.result(
            { title: options.title.trim(), ...created },
            `Added "${options.title.trim()}" (${created.id}): ${created.mediaType}, ${created.sizeBytes} bytes, sha256 ${created.sha256}`,
          )
        })
      },
    )

  evidence
    .command('list')
    .description('List or search the evidence bank')
    .option('--search <text>', 'words in the title, description, owner, tags or file name')
    .option('--tag <tag>', 'only items with this tag')
    .option('--area <key>', 'only items supporting this framework area')
    .option('--owner <owner>', 'only items with this owner')
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { search?: string; tag?: string; area?: string; owner?: string }) => {
      const output = createOutput(Boolean(options.json))
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const result = await asUsage(() =>
          services.workspace.evidence.list(context, {
            search: options.search ?? '',
            tag: options.tag ?? '',
            area: options.area ?? '',
            owner: options.owner ?? '',
          }),
        )
        const items = result.items.map(item => ({
          id: item.id,
          title: item.title,
          documentType: item.documentType,
          owner: item.owner,
          documentDate: item.documentDate,
          reviewDue: item.reviewDue,
          reviewOverdue: item.reviewOverdue,
          tags: item.tags,
          areas: item.areas,
          versions: item.fileCount,
          latestFile: item.latestFile
            ? {
                filename: item.latestFile.originalFilename,
                mediaType: item.latestFile.mediaType,
                sizeBytes: item.latestFile.sizeBytes,
                sha256: item.latestFile.sha256,
              }
            : null,
        }))
        output.result(
          { total: result.total, limited: result.limited, items },
          items
            .map(
              item =>
                `${item.id}  ${item.title}  (${item.documentType}${item.reviewOverdue ? ', review overdue' : ''})`,
            )
            .join('\n') || 'No evidence matches',
        )
      })
    })

  evidence
    .command('checklist')
    .description("Check the evidence bank against a framework's required documents")
    .requiredOption(
      '--framework <id>',
      `one of: ${evidenceChecklists()
        .map(checklist => checklist.frameworkId)
        .join(', ')}`,
    )
    .option('--organisation <name-or-id>', 'the organisation')
    .option('--json', 'machine-readable output')
    .action(async (options: Common & { framework: string }) => {
      const output = createOutput(Boolean(options.json))
      if (!findChecklist(options.framework))
        throw new UsageError(
          `--framework must be one of: ${evidenceChecklists()
            .map(checklist => checklist.frameworkId)
            .join(', ')}`,
        )
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        const result = await services.workspace.evidence.checklist(context, options.framework)
        const policies = await services.workspace.evidence.policies(context)
        const requirements = result.results.map(entry => ({
          key: entry.requirement.key,
          label: entry.requirement.label,
          group: entry.requirement.group,
          rule: entry.requirement.rule,
          status: entry.status,
          reasons: entry.reasons,
          counted: entry.counted,
          newestDate: entry.newestDate,
          items: entry.items.map(item => item.id),
        }))
        const overdue = policies.filter(policy => policy.status === 'overdue')
        output.result(
          {
            frameworkId: options.framework,
            label: result.checklist.label,
            met: result.met,
            stale: result.stale,
            notMet: result.notMet,
            coveragePercent: result.coveragePercent,
            requirements,
            policies: {
              total: policies.length,
              overdue: overdue.map(policy => ({ id: policy.id, title: policy.title, reviewDue: policy.reviewDue })),
            },
          },
          [
            `${result.checklist.label}: ${result.met} met, ${result.stale} stale, ${result.notMet} not met (${result.coveragePercent}%)`,
            ...requirements.map(
              entry =>
                `${entry.status.padEnd(7)}  ${entry.label}${entry.reasons.length ? ` – ${entry.reasons.join('; ')}` : ''}`,
            ),
            `Policies: ${policies.length}, ${overdue.length} overdue for review`,
          ].join('\n'),
        )
      })
    })
}
