import { AGENCY_INSPECTIONS_2012, JTAI, LA_SCHOOL_IMPROVEMENT_2013 } from './definitions/others.js'
import { CSA_2009 } from './definitions/csa2009.js'
import { ILACS_2018, ILACS_2023, ILACS_2026 } from './definitions/ilacs.js'
import { SIF_2013 } from './definitions/sif2013.js'
import { SLAC_2009 } from './definitions/slac2009.js'
import { UCRA_2009 } from './definitions/ucra2009.js'
import type { Framework } from './types.js'

/** Oldest first. */
export const FRAMEWORKS: readonly Framework[] = [
  CSA_2009,
  SLAC_2009,
  UCRA_2009,
  AGENCY_INSPECTIONS_2012,
  LA_SCHOOL_IMPROVEMENT_2013,
  SIF_2013,
  JTAI,
  ILACS_2018,
  ILACS_2023,
  ILACS_2026,
]

export interface FrameworkSummary {
  id: string
  label: string
  version: string
  status: Framework['status']
  inForce: Framework['inForce']
  graded: boolean
}

export class UnknownFrameworkError extends Error {
  constructor(id: string) {
    super(`Unknown framework '${id}'; expected one of: ${FRAMEWORKS.map(f => f.id).join(', ')}`)
    this.name = 'UnknownFrameworkError'
  }
}

export function listFrameworks(): FrameworkSummary[] {
  return FRAMEWORKS.map(framework => ({
    id: framework.id,
    label: framework.label,
    version: framework.version,
    status: framework.status,
    inForce: framework.inForce,
    graded: framework.judgements.some(judgement => judgement.scale !== undefined),
  }))
}

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find(framework => framework.id === id)
}

export function getFramework(id: string): Framework {
  const framework = findFramework(id)
  if (!framework) throw new UnknownFrameworkError(id)
  return framework
}
