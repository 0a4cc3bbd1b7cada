import {
  AUDIT_TEMPLATES,
  defaultTaxonomy,
  findAuditTemplate,
  type AuditSection,
  type AuditTemplate,
  type TaxonomyTheme,
} from '../../domain/audits/index.js'
import type { Executor } from '../platform/auditService.js'

/** One organisation's custom template: the given version, or the latest. */
async function customTemplate(
  executor: Executor,
  organisationId: string,
  templateId: string,
  version?: number,
): Promise<AuditTemplate | undefined> {
  let query = executor
    .selectFrom('audit_template')
    .select(['template_id', 'version', 'label', 'source', 'sections'])
    .where('organisation_id', '=', organisationId)
    .where('template_id', '=', templateId)
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version)
  const row = await query.executeTakeFirst()
  return row
    ? {
        id: row.template_id,
        version: row.version,
        label: row.label,
        source: row.source,
        sections: row.sections as AuditSection[],
      }
    : undefined
}

/**
 * A template by id: built-in ones from the domain, custom ones from the organisation's table. With a version, that
 * version (an audit keeps the version it was started with); without, the latest.
 */
export async function resolveTemplate(
  executor: Executor,
  organisationId: string,
  templateId: string,
  version?: number,
): Promise<AuditTemplate | undefined> {
  const builtIn = findAuditTemplate(templateId)
  if (builtIn) return version === undefined || version === builtIn.version ? builtIn : undefined
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(templateId)) return undefined
  return customTemplate(executor, organisationId, templateId, version)
}

/** The built-in templates and the latest version of each of the organisation's own. */
export async function latestTemplates(executor: Executor, organisationId: string): Promise<AuditTemplate[]> {
  const rows = await executor
    .selectFrom('audit_template')
    .select(['template_id', 'version', 'label', 'source', 'sections'])
    .distinctOn('template_id')
    .where('organisation_id', '=', organisationId)
    .orderBy('template_id')
    .orderBy('version', 'desc')
    .execute()
  return [
    ...AUDIT_TEMPLATES,
    ...rows.map(row => ({
      id: row.template_id,
      version: row.version,
      label: row.label,
      source: row.source,
      sections: row.sections as AuditSection[],
    })),
  ]
}

/** The organisation's theme taxonomy; seed 004's themes until it is first edited. */
export async function readTaxonomy(executor: Executor, organisationId: string): Promise<TaxonomyTheme[]> {
  const rows = await executor
    .selectFrom('audit_theme')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('position')
    .execute()
  if (rows.length === 0) return defaultTaxonomy()
  return rows.map(row => ({
    id: row.theme_id,
    label: row.label,
    phrases: row.phrases,
    source: row.source,
    retired: row.retired,
    version: row.version,
  }))
}
