import type { NextFunction, Request, Response } from 'express'
import { can } from '../../../domain/platform/roles.js'

/** What the signed-in person may do here, for templates to show or hide links. Services check again. */
export function annexAPermissions(req: Request, res: Response, next: NextFunction): void {
  const role = req.user?.role
  res.locals.annexA = {
    canImport: role ? can(role, 'child-data:import') : false,
    canReadChildData: role ? can(role, 'child-data:read') : false,
    canExport: role ? can(role, 'child-data:export') : false,
    canEdit: role ? can(role, 'workspace:edit') && can(role, 'child-data:read') : false,
    canAdminister: role ? can(role, 'users:manage') : false,
  }
  next()
}
