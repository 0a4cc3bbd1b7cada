import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import { systemContext } from '../context.js'
import type { IntelligenceServices } from './index.js'
import { sharedDataDir } from './sharedData.js'

/**
 * Demo data from the public files beside the project: seed 004's table of SIF outcomes, Ofsted's 2025 outcomes file
 * and the DfE workforce statistics. Three small files, so the demo stays quick; skipped where the files are absent.
 */
export async function seedDemoIntelligence(intelligence: IntelligenceServices, organisationId: string): Promise<void> {
  const data = sharedDataDir()
  const files = [
    { file: path.join(data, '..', 'seeds', '004_94dce6978bd3ae2c.txt'), kind: 'outcomes' },
    { file: path.join(data, 'ofsted', 'LA_Inspection_Outcomes_as_at_31_March_2025.ods'), kind: 'outcomes' },
    { file: path.join(data, 'dfe', 'csww_indicators_2017_to_2025.csv'), kind: 'indicators' },
  ] as const
  const context = systemContext(organisationId, 'demo seed')
  for (const { file, kind } of files) {
    if (
      !(await access(file).then(
        () => true,
        () => false,
      ))
    )
      continue
    const input = { content: await readFile(file), fileName: path.basename(file) }
    if (kind === 'outcomes') await intelligence.outcomes.importOutcomes(context, input)
    else await intelligence.outcomes.importIndicators(context, input)
  }
}
