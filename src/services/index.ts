import type { Db } from '../db/connect.js'
import { isDatabaseReachable } from '../db/connect.js'
import { createAnnexAService } from './annex-a/annexAService.js'
import { createAnnexAImportJobs } from './annex-a/importJobs.js'
import { createAuditsServices } from './audits/index.js'
import { createFrameworkService } from './frameworks/frameworkService.js'
import { createInspectionHistoryService } from './frameworks/inspectionHistoryService.js'
import { createIntelligenceServices } from './intelligence/index.js'
import { createAuditService } from './platform/auditService.js'
import { createOrganisationService } from './platform/organisationService.js'
import { createUserService } from './platform/userService.js'
import { createWorkspaceServices } from './workspace/index.js'

export interface Ports {
  db: Db
  clock?: () => Date
  /** The data directory: the evidence bank keeps uploaded files under `<dataDir>/evidence`. */
  dataDir?: string | undefined
}

/** The composition root for use-cases: the web app and the CLI both build their services here. */
export function createServices({ db, clock = () => new Date(), dataDir }: Ports) {
  const audit = createAuditService({ db })
  return {
    audit,
    organisations: createOrganisationService({ db, audit }),
    users: createUserService({ db, audit, clock }),
    frameworks: createFrameworkService(),
    inspectionHistory: createInspectionHistoryService({ db, audit, clock }),
    annexA: createAnnexAService({ db, audit, clock }),
    annexAImports: createAnnexAImportJobs({ db, audit, clock, dataDir }),
    audits: createAuditsServices({ db, audit, clock }),
    workspace: createWorkspaceServices({ db, audit, clock, dataDir }),
    intelligence: createIntelligenceServices({ db, audit, clock }),
    health: { databaseReachable: () => isDatabaseReachable(db) },
  }
}

export type Services = ReturnType<typeof createServices>
