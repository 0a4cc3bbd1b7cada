import { addMonths, generateAnnexA } from '../../domain/annex-a/index.js'
import { systemContext } from '../context.js'
import type { AnnexAService } from './annexAService.js'
import { generatedEvents } from './generatedEvents.js'

export const DEMO_ANNEX_A_CHILDREN = 300

/**
 * Two completed synthetic test runs for the demo authority, a month apart, so the run page, the comparison and the
 * indicators all have something to show. A few hundred fictional children keep the demo seed to a second or two.
 */
export async function seedDemoAnnexA(
  annexA: AnnexAService,
  organisationId: string,
  referenceDate = '2024-03-31',
): Promise<string[]> {
  const context = systemContext(organisationId, 'demo seed')
  const runs: string[] = []
  const previousMonth = addMonths(referenceDate, -1)
  for (const [date, errorRate] of [
    [previousMonth, 0.04],
    [referenceDate, 0.02],
  ] as const) {
    const generated = generateAnnexA({ seed: 2024, children: DEMO_ANNEX_A_CHILDREN, referenceDate: date, errorRate })
    const result = await annexA.importRun(context, {
      events: generatedEvents(generated),
      sourceName: `demo-annex-a-${date}.xlsx`,
      sourceKind: 'generated',
      referenceDate: date,
      population: 52_300,
    })
    runs.push(result.runId)
  }
  return runs
}
