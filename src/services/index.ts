import type { Db } from '../db/connect.js'
import { isDatabaseReachable } from '../db/connect.js'
import { createAuditService } from './platform/auditService.js'
import { createOrganisationService } from './platform/organisationService.js'
import { createUserService } from './platform/userService.js'

export interface Ports {
  db: Db
  clock?: () => Date
}

/** The composition root for use-cases: the web app and the CLI both build their services here. */
export function createServices({ db, clock = () => new Date() }: Ports) {
  const audit = createAuditService({ db })
  return {
    audit,
    organisations: createOrganisationService({ db, audit }),
    users: createUserService({ db, audit, clock }),
    health: { databaseReachable: () => isDatabaseReachable(db) },
  }
}

export type Services = ReturnType<typeof createServices>
