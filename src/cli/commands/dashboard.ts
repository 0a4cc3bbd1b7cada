import type { Command } from 'commander'
import { systemContext } from '../../services/context.js'
import { ValidationError } from '../../services/errors.js'
import { dashboardFrameworks } from '../../services/workspace/dashboardService.js'
import { DEFAULT_SEF_FRAMEWORK } from '../../services/workspace/sefService.js'
import { createOutput, UsageError } from '../output.js'
import { withServices } from '../withServices.js'
import { resolveOrganisationId } from './annexAOptions.js'

/** `readiness dashboard [--framework ID] --json`: the readiness dashboard's figures for one framework. */
export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description(
      'Readiness for one framework: self-evaluation and projected judgements, open gaps, plan RAG and overdue actions, evidence coverage, the latest Annex A test run and the next inspection window',
    )
    .option('--framework <id>', 'a framework with graded judgements', DEFAULT_SEF_FRAMEWORK)
    .option('--organisation <name-or-id>', 'the organisation (needed when there is more than one)')
    .option('--json', 'machine-readable output')
    .action(async (options: { framework: string; organisation?: string; json?: boolean }) => {
      const output = createOutput(Boolean(options.json))
      if (!dashboardFrameworks().some(framework => framework.id === options.framework))
        throw new UsageError(
          `--framework must be one of: ${dashboardFrameworks()
            .map(framework => framework.id)
            .join(', ')}`,
        )
      await withServices(output.message, async services => {
        const context = systemContext(await resolveOrganisationId(services, options.organisation))
        let dashboard
        try {
          dashboard = await services.workspace.dashboard.get(context, options.framework)
        } catch (error) {
          if (error instanceof ValidationError) throw new UsageError(error.message.replace(/\s+/g, ' '))
          throw error
        }
        const { charts: _charts, ...figures } = dashboard
        const d = dashboard
        const evidence =
          d.evidence === 'unavailable'
            ? 'Evidence bank: not available'
            : d.evidence === 'no-checklist'
              ? 'Evidence: no checklist for this framework'
              : `Evidence: ${d.evidence.coveragePercent}% of required documents held and current, ${d.evidence.stale} stale`
        output.result(
          figures,
          [
            `Readiness dashboard: ${d.framework.label} (${d.today})`,
            d.sef
              ? `Self-evaluation: ${d.sef.title} v${d.sef.versionNumber}, ${d.sef.statusText.toLowerCase()}; projected overall: ${d.sef.overall?.text ?? 'none'}`
              : 'Self-evaluation: none for this framework',
            `Open gaps: ${d.gaps.open} (${d.gaps.unplanned} not in a plan)`,
            `Plans: ${d.plans.count}, ${d.plans.items} actions; red ${d.plans.rag.red}, amber ${d.plans.rag.amber}, green ${d.plans.rag.green}, complete ${d.plans.rag.complete}; ${d.plans.overdue.length} overdue`,
            evidence,
            d.annexA
              ? `Annex A: latest run ${d.annexA.referenceDate}, ${d.annexA.statusText}`
              : 'Annex A: no test run yet',
            d.inspection
              ? `Next inspection window: ${d.inspection.earliest ?? '?'} to ${d.inspection.latest ?? '?'}; ${d.inspection.statusText}`
              : 'Next inspection window: no graded inspection recorded',
          ].join('\n'),
        )
      })
    })
}
