import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/connect.js'
import type { Database } from '../../db/schema.js'
import {
  benchmarkAuthority,
  benchmarkOwnValue,
  cycleFrameworks,
  dedupeRecords,
  inspectionCycle,
  findIndicator,
  outcomesOverview,
  seriesOf,
  summariseOutcomes,
  type AuthorityIndex,
  type BenchmarkResult,
  type CycleOverview,
  type IndicatorDefinition,
  type OwnBenchmark,
  type OwnValue,
  type LocalAuthority,
  type OutcomeRecord,
  type OutcomesOverview,
} from '../../domain/intelligence/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'
import { chunksOf, outcomeRow, recordFromRow } from './outcomeRows.js'
import { readIndicatorCsv } from './readIndicatorCsv.js'
import { OutcomeFileError, readOutcomeFile } from './readOutcomeFile.js'
import { authorityKeyOf, loadAuthorityIndex } from './referenceData.js'
import { checkFrameworkId } from './summariseOutcomeFile.js'

export interface ImportSummary {
  importId: string
  kind: 'outcomes' | 'indicators'
  sourceName: string
  framework: string | null
  rowsRead: number
  records: number
  warnings: string[]
  importedAt: Date
  importedBy: string
}

export const SN_MODELS = ['2025', '2021'] as const
export type SnModel = (typeof SN_MODELS)[number]

export interface IndicatorBenchmark {
  definition: IndicatorDefinition
  authority: LocalAuthority
  /** The statistical-neighbour model used, and the neighbours it gives this authority. */
  snModel: SnModel
  neighbours: { oldCode: string; name: string }[]
  /** Every year with data, oldest first. */
  years: BenchmarkResult[]
  /** The organisation's own values (only when the authority is the organisation's own), newest first. */
  own: OwnBenchmark[]
}

export interface IntelligencePorts {
  db: Db
  audit: AuditService
  clock: () => Date
  authorities?: () => Promise<AuthorityIndex>
}

export interface ImportFile {
  content: Buffer
  fileName: string
  framework?: string | undefined
}

const MAX_WARNINGS_KEPT = 200
const OUTCOME_CHUNK = 500
const VALUE_CHUNK = 2000

/** Published outcomes and DfE indicators, imported per organisation; views and benchmarks over them. */
export function createIntelligenceService({
  db,
  audit,
  clock,
  authorities = () => loadAuthorityIndex(),
}: IntelligencePorts) {
  /** One transaction per import: the import row, every record and the audit event, or nothing at all. */
  async function saveImport(
    context: RequestContext,
    summary: Omit<ImportSummary, 'importId' | 'importedAt' | 'importedBy'>,
    insertRows: (trx: Transaction<Database>, importId: string) => Promise<void>,
  ): Promise<string> {
    const importId = randomUUID()
    await db.transaction().execute(async trx => {
      await trx
        .insertInto('intelligence_import')
        .values({
          organisation_id: context.actor.organisationId,
          import_id: importId,
          kind: summary.kind,
          source_name: summary.sourceName,
          framework: summary.framework,
          rows_read: summary.rowsRead,
          record_count: summary.records,
          warnings: JSON.stringify(summary.warnings.slice(0, MAX_WARNINGS_KEPT)),
          imported_by_label: context.actor.label,
        })
        .execute()
      await insertRows(trx, importId)
      await audit.record(trx, context, {
        action: `intelligence.${summary.kind}-imported`,
        subjectType: 'intelligence-import',
        subjectId: importId,
        details: { records: summary.records, warnings: summary.warnings.length },
      })
    })
    return importId
  }

  async function outcomeRecords(organisationId: string): Promise<OutcomeRecord[]> {
    const rows = await db
      .selectFrom('intelligence_outcome as o')
      .innerJoin('intelligence_import as i', join =>
        join.onRef('i.organisation_id', '=', 'o.organisation_id').onRef('i.import_id', '=', 'o.import_id'),
      )
      .selectAll('o')
      .where('o.organisation_id', '=', organisationId)
      .orderBy('i.imported_at', 'desc')
      .orderBy('o.outcome_seq')
      .execute()
    return rows.map(recordFromRow)
  }

  function today(): string {
    return clock().toISOString().slice(0, 10)
  }

  /** Every imported outcome, newest import first, one record per inspection across files. */
  async function outcomes(
    context: RequestContext,
  ): Promise<{ records: OutcomeRecord[]; keyOf: (record: OutcomeRecord) => string }> {
    authorise(context, 'workspace:read')
    const keyOf = authorityKeyOf(await authorities())
    return { records: dedupeRecords(await outcomeRecords(context.actor.organisationId), keyOf), keyOf }
  }

  async function ownAuthorityOf(context: RequestContext): Promise<LocalAuthority | undefined> {
    const organisation = await db
      .selectFrom('organisation')
      .select('la_code')
      .where('organisation_id', '=', context.actor.organisationId)
      .executeTakeFirst()
    return organisation?.la_code ? (await authorities()).resolve(organisation.la_code) : undefined
  }

  async function ownValues(organisationId: string, indicator: string): Promise<OwnValue[]> {
    const rows = await db
      .selectFrom('intelligence_own_value')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('indicator', '=', indicator)
      .orderBy('year', 'desc')
      .execute()
    return rows.map(row => ({
      indicator: row.indicator,
      year: row.year,
      value: row.value,
      source: row.source,
      annexARunId: row.annex_a_run_id,
      annexAIndicator: row.annex_a_indicator,
      annexAReferenceDate: row.annex_a_reference_date,
      note: row.note,
      version: row.version,
      updatedBy: row.updated_by_label,
      updatedAt: row.updated_at,
    }))
  }

  async function listImportRows(organisationId: string): Promise<ImportSummary[]> {
    const rows = await db
      .selectFrom('intelligence_import')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('imported_at', 'desc')
      .execute()
    return rows.map(row => ({
      importId: row.import_id,
      kind: row.kind,
      sourceName: row.source_name,
      framework: row.framework,
      rowsRead: row.rows_read,
      records: row.record_count,
      warnings: row.warnings,
      importedAt: row.imported_at,
      importedBy: row.imported_by_label,
    }))
  }

  return {
    today,
    outcomes,

    async importOutcomes(context: RequestContext, file: ImportFile): Promise<ImportSummary> {
      authorise(context, 'workspace:edit')
      if (file.framework) checkFrameworkId(file.framework)
      const read = await readOutcomeFile(file.content, file.fileName, file.framework)
      if (read.records.length === 0) throw new OutcomeFileError(`${file.fileName} holds no inspection outcomes`)
      const frameworks = [...new Set(read.records.map(record => record.framework))]
      const summary = {
        kind: 'outcomes' as const,
        sourceName: file.fileName.slice(0, 200),
        framework: file.framework ?? (frameworks.length === 1 ? frameworks[0]! : null),
        rowsRead: read.rowsRead,
        records: read.records.length,
        // Row problems, and where a table's own stated totals disagree with its rows (seed 004's "71%").
        warnings: summariseOutcomes(read.records, {
          framework: file.framework,
          stated: read.stated,
          warnings: read.warnings,
        }).warnings,
      }
      const importId = await saveImport(context, summary, async (trx, id) => {
        const rows = read.records.map((record, index) =>
          outcomeRow(context.actor.organisationId, id, record, index + 1),
        )
        for (const chunk of chunksOf(rows, OUTCOME_CHUNK))
          await trx.insertInto('intelligence_outcome').values(chunk).execute()
      })
      return { ...summary, importId, importedAt: clock(), importedBy: context.actor.label }
    },

    async importIndicators(context: RequestContext, file: ImportFile): Promise<ImportSummary> {
      authorise(context, 'workspace:edit')
      const read = readIndicatorCsv(file.content, file.fileName)
      const summary = {
        kind: 'indicators' as const,
        sourceName: file.fileName.slice(0, 200),
        framework: null,
        rowsRead: read.rowsRead,
        records: read.values.length,
        warnings: [],
      }
      const importId = await saveImport(context, summary, async (trx, id) => {
        const rows = read.values.map((value, index) => ({
          organisation_id: context.actor.organisationId,
          import_id: id,
          value_seq: index + 1,
          ...value,
        }))
        for (const chunk of chunksOf(rows, VALUE_CHUNK))
          await trx.insertInto('intelligence_indicator_value').values(chunk).execute()
      })
      return { ...summary, importId, importedAt: clock(), importedBy: context.actor.label }
    },

    async listImports(context: RequestContext): Promise<ImportSummary[]> {
      authorise(context, 'workspace:read')
      return listImportRows(context.actor.organisationId)
    },

    async outcomesOverview(
      context: RequestContext,
      options: { framework?: string | undefined; judgement?: string | undefined; authority?: string | undefined },
    ): Promise<{ overview: OutcomesOverview; authority: LocalAuthority | undefined }> {
      const { records, keyOf } = await outcomes(context)
      const index = await authorities()
      const authority = options.authority ? index.resolve(options.authority) : undefined
      const neighbours = new Set(
        (authority?.neighbours['2025'] ?? authority?.neighbours['2021'] ?? []).map(n => n.oldCode),
      )
      const regionKeys = new Set(
        index.all.filter(la => authority && la.region === authority.region).map(la => la.oldCode),
      )
      const overview = outcomesOverview(records, {
        framework: options.framework,
        ...(options.judgement ? { judgement: options.judgement } : {}),
        today: today(),
        keyOf,
        ...(authority
          ? { authority: { key: authority.oldCode, region: authority.region, regionKeys, neighbourKeys: neighbours } }
          : {}),
      })
      return { overview, authority }
    },

    async authorities(): Promise<AuthorityIndex> {
      return authorities()
    },

    /** The organisation's own authority, when its LA code names one. */
    ownAuthority: ownAuthorityOf,

    /**
     * Deletes one import with everything read from it (outcomes or indicator values), in one transaction with its
     * audit event. Admins and leads only: other people's analyses may rest on it.
     */
    async deleteImport(context: RequestContext, importId: string): Promise<ImportSummary> {
      authorise(context, 'workspace:approve')
      const found = (await listImportRows(context.actor.organisationId)).find(item => item.importId === importId)
      if (!found) throw new NotFoundError('No such import')
      await db.transaction().execute(async trx => {
        const result = await trx
          .deleteFrom('intelligence_import')
          .where('organisation_id', '=', context.actor.organisationId)
          .where('import_id', '=', importId)
          .executeTakeFirst()
        if (Number(result.numDeletedRows) !== 1) throw new NotFoundError('No such import')
        await audit.record(trx, context, {
          action: 'intelligence.import-deleted',
          subjectType: 'intelligence-import',
          subjectId: importId,
          details: { kind: found.kind, records: found.records },
        })
      })
      return found
    },

    async getImport(context: RequestContext, importId: string): Promise<ImportSummary> {
      authorise(context, 'workspace:read')
      const found = (await listImportRows(context.actor.organisationId)).find(item => item.importId === importId)
      if (!found) throw new NotFoundError('No such import')
      return found
    },

    /** Framework versions the organisation's outcomes grade, newest first (for the cycle page's choice). */
    async cycleFrameworks(context: RequestContext): Promise<string[]> {
      return cycleFrameworks((await outcomes(context)).records)
    },

    /**
     * A framework's cycle: pace and projected end over England's authorities (seed 004 §5), and per authority the
     * months since its last graded inspection and the forecast window. `scope` limits the rows shown.
     */
    async cycle(
      context: RequestContext,
      options: { framework?: string | undefined; scope?: 'england' | 'region' | 'neighbours' | undefined },
    ): Promise<{ overview: CycleOverview | undefined; frameworks: string[]; authority: LocalAuthority | undefined }> {
      const { records, keyOf } = await outcomes(context)
      const index = await authorities()
      const frameworks = cycleFrameworks(records)
      const framework = options.framework ?? frameworks[0]
      const authority = await ownAuthorityOf(context)
      const scope = options.scope ?? 'england'
      const shown =
        scope === 'region' && authority
          ? new Set(index.all.filter(la => la.region === authority.region).map(la => la.oldCode))
          : scope === 'neighbours' && authority
            ? new Set([authority.oldCode, ...(authority.neighbours['2025'] ?? []).map(n => n.oldCode)])
            : undefined
      const overview = framework
        ? inspectionCycle(records, {
            framework,
            today: today(),
            keyOf,
            population: index.all.map(la => ({ key: la.oldCode, name: la.name, region: la.region })),
            ...(shown ? { shown } : {}),
          })
        : undefined
      return { overview, frameworks, authority }
    },

    /** LAIT's view of one indicator for one authority, every year the organisation has imported. */
    async benchmark(
      context: RequestContext,
      indicatorId: string,
      authorityText: string,
      options: { snModel?: SnModel | undefined } = {},
    ): Promise<IndicatorBenchmark> {
      authorise(context, 'workspace:read')
      const snModel = options.snModel ?? '2025'
      if (!(SN_MODELS as readonly string[]).includes(snModel))
        throw new ValidationError({ snModel: 'Select the 2025 or the 2021 statistical neighbour model' })
      const definition = findIndicator(indicatorId)
      if (!definition) throw new NotFoundError(`No indicator ${indicatorId.slice(0, 60)}`)
      const authority = (await authorities()).resolve(authorityText)
      if (!authority) throw new NotFoundError(`No local authority ${authorityText.slice(0, 60)}`)
      // Oldest import first, so a value imported later replaces the same value from an earlier file.
      const values = await db
        .selectFrom('intelligence_indicator_value as v')
        .innerJoin('intelligence_import as i', join =>
          join.onRef('i.organisation_id', '=', 'v.organisation_id').onRef('i.import_id', '=', 'v.import_id'),
        )
        .select(['v.indicator', 'v.year', 'v.level', 'v.area', 'v.value'])
        .where('v.organisation_id', '=', context.actor.organisationId)
        .where('v.indicator', '=', definition.id)
        .orderBy('i.imported_at')
        .orderBy('v.value_seq')
        .execute()
      const series = seriesOf(definition, values)
      const index = await authorities()
      const modelNeighbours = authority.neighbours[snModel] ?? []
      const neighbours = modelNeighbours.map(n => n.oldCode)
      const years = series.years
        .map(year => benchmarkAuthority(series, { ...authority, neighbours }, year))
        .filter((result): result is BenchmarkResult => result !== undefined)
      const ownAuthority = await ownAuthorityOf(context)
      const own =
        ownAuthority?.oldCode === authority.oldCode
          ? (await ownValues(context.actor.organisationId, definition.id)).map(value =>
              benchmarkOwnValue(series, { ...authority, neighbours }, value),
            )
          : []
      return {
        definition,
        authority,
        snModel,
        neighbours: modelNeighbours.map(n => ({
          oldCode: n.oldCode,
          name: index.resolve(n.oldCode)?.name ?? n.oldCode,
        })),
        years,
        own,
      }
    },

    async recordExport(context: RequestContext, authority: LocalAuthority): Promise<void> {
      authorise(context, 'workspace:read')
      await audit.log(context, {
        action: 'intelligence.benchmark-exported',
        subjectType: 'local-authority',
        subjectId: authority.oldCode,
      })
    },

    /** Which indicators have values for this organisation. */
    async indicatorsWithData(context: RequestContext): Promise<string[]> {
      authorise(context, 'workspace:read')
      const rows = await db
        .selectFrom('intelligence_indicator_value')
        .select('indicator')
        .distinct()
        .where('organisation_id', '=', context.actor.organisationId)
        .execute()
      return rows.map(row => row.indicator)
    },
  }
}

export type IntelligenceService = ReturnType<typeof createIntelligenceService>
