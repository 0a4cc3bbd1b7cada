import type { Command } from 'commander'
import { registerAnnexAGenerate } from './annexAGenerate.js'
import { registerAnnexAImport } from './annexAImport.js'
import { registerAnnexAIndicators } from './annexAIndicators.js'
import { registerAnnexAJobs } from './annexAJobs.js'
import { registerAnnexARuns } from './annexARuns.js'
import { registerAnnexAValidate } from './annexAValidate.js'

export function registerAnnexA(program: Command): void {
  const annexA = program
    .command('annex-a')
    .description('Annex A test runs: validate, import, compare, indicators, synthetic data')
  registerAnnexAValidate(annexA)
  registerAnnexAImport(annexA)
  registerAnnexARuns(annexA)
  registerAnnexAJobs(annexA)
  registerAnnexAIndicators(annexA)
  registerAnnexAGenerate(annexA)
}
