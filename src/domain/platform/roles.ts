/** Roles a signed-in person can hold within one organisation. */
export const ROLES = ['admin', 'lead', 'analyst', 'auditor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  lead: 'Lead (head of service, DCS, QA lead)',
  analyst: 'Performance analyst',
  auditor: 'Auditor',
  viewer: 'Viewer (read-only, for example elected members)',
}

/**
 * What each role may do. Checked in services, so the CLI and any future API obey the same rules as the web.
 * Viewers (elected members) see aggregate information only, never child-level records.
 */
export const PERMISSIONS = {
  'users:manage': ['admin'],
  'audit-log:read': ['admin'],
  'child-data:read': ['admin', 'lead', 'analyst', 'auditor'],
  'child-data:export': ['admin', 'lead', 'analyst'],
  'child-data:import': ['admin', 'analyst'],
  'workspace:read': ['admin', 'lead', 'analyst', 'auditor', 'viewer'],
  'workspace:edit': ['admin', 'lead', 'analyst'],
  'workspace:approve': ['admin', 'lead'],
  'audits:perform': ['admin', 'lead', 'auditor'],
  'audits:manage': ['admin', 'lead'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}
