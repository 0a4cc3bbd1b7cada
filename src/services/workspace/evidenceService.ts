import { createHash, randomUUID } from 'node:crypto'
import { sql, type Expression, type SqlBool, type Updateable } from 'kysely'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import type { EvidenceItemTable } from '../../db/evidenceSchema.js'
import {
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  frameworkAreas,
  isReviewOverdue,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  normaliseTags,
  policiesRegister,
  type DocumentType,
  type FrameworkArea,
  type PolicyEntry,
} from '../../domain/workspace/evidence.js'
import {
  evaluateChecklist,
  evidenceChecklists,
  findChecklist,
  type ChecklistEvidence,
  type ChecklistResult,
} from '../../domain/workspace/evidenceChecklists.js'
import { ACCEPTED_FILE_DESCRIPTION, detectEvidenceFileType } from '../../domain/workspace/evidenceFileType.js'
import { isIsoDate } from '../../domain/workspace/index.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { EditConflictError } from './errors.js'
import type { EvidenceFileStore } from './evidenceFiles.js'
import { londonDate } from './today.js'

export interface EvidenceUpload {
  /** The name the person's computer gave the file; only its last path segment is kept. */
  filename: string
  bytes: Uint8Array
}

/** Thrown when the uploaded file itself is refused (size, type, empty): nothing was stored. */
export class EvidenceFileError extends ValidationError {
  constructor(message: string) {
    super({ file: message })
  }
}

const optionalDate = (label: string) =>
  z
    .string()
    .optional()
    .transform(value => (value ?? '').trim() || null)
    .refine(value => value === null || isIsoDate(value), `${label} must be a real date`)

const knownAreas = () => new Set(allEvidenceAreas().map(area => area.key))

export const evidenceMetadataSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(200, 'Title must be 200 characters or fewer'),
  documentType: z.enum(DOCUMENT_TYPES, { message: 'Select the type of document' }),
  description: z.string().trim().max(4000, 'Description must be 4,000 characters or fewer').default(''),
  owner: z.string().trim().max(200, 'Owner must be 200 characters or fewer').default(''),
  documentDate: optionalDate('The document date'),
  reviewDue: optionalDate('The review date'),
  tags: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform(normaliseTags)
    .refine(tags => tags.length <= MAX_TAGS, `Enter ${MAX_TAGS} tags or fewer`)
    .refine(
      tags => tags.every(tag => tag.length <= MAX_TAG_LENGTH),
      `Each tag must be ${MAX_TAG_LENGTH} characters or fewer`,
    ),
  areas: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform(value => [...new Set((typeof value === 'string' ? [value] : value).filter(Boolean))])
    .refine(areas => areas.length <= 30, 'Select 30 framework areas or fewer')
    .refine(areas => {
      const known = knownAreas()
      return areas.every(area => known.has(area))
    }, 'Select framework areas from the list'),
})
/** What the edges pass in: strings as typed (checked and normalised here). */
export interface EvidenceMetadataInput {
  title: string
  documentType: string
  description?: string
  owner?: string
  /** 'YYYY-MM-DD' or '' for none. */
  documentDate?: string
  reviewDue?: string
  /** Comma-separated or a list. */
  tags?: string | readonly string[]
  /** Framework area keys such as 'slac-2009/lscb-minutes'. */
  areas?: string | readonly string[]
}

/** Field errors in an item's metadata (for a form that also has other problems); empty when it is valid. */
export function metadataErrors(input: EvidenceMetadataInput): Record<string, string> {
  const parsed = evidenceMetadataSchema.safeParse(input)
  if (parsed.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  return errors
}

const lockSchema = z.coerce.number().int().min(1)

export const searchSchema = z.object({
  search: z.string().trim().max(200).default(''),
  tag: z.string().trim().max(MAX_TAG_LENGTH).default(''),
  area: z.string().trim().max(150).default(''),
  owner: z.string().trim().max(200).default(''),
  documentType: z.string().trim().max(60).default(''),
})
export type EvidenceSearch = z.input<typeof searchSchema>

export interface EvidenceItemView {
  id: string
  title: string
  documentType: DocumentType | string
  documentTypeLabel: string
  description: string
  owner: string
  documentDate: string | null
  reviewDue: string | null
  reviewOverdue: boolean
  tags: string[]
  areas: string[]
  fileCount: number
  version: number
  createdBy: string
  createdAt: Date
  updatedAt: Date
  latestFile?: EvidenceFileView
}

export interface EvidenceFileView {
  versionNumber: number
  originalFilename: string
  mediaType: string
  sizeBytes: number
  sha256: string
  note: string
  uploadedBy: string
  uploadedAt: Date
}

export interface CriterionLinkView {
  sefId: string
  sefTitle: string
  criterionId: string
  criterionText: string
  judgementId: string
}

/** Framework areas items can support: each checklist framework's required documents and its judgements. */
export function allEvidenceAreas(): FrameworkArea[] {
  return evidenceChecklists().flatMap(checklist =>
    frameworkAreas(
      checklist.frameworkId,
      checklist.requirements.map(requirement => ({ id: requirement.documentId, label: requirement.label })),
    ),
  )
}

export const SEARCH_LIMIT = 500

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  throw new ValidationError(errors)
}

function toItemView(row: EvidenceItemRow, today: string): EvidenceItemView {
  const type = row.document_type
  return {
    id: row.evidence_id,
    title: row.title,
    documentType: type,
    documentTypeLabel: DOCUMENT_TYPE_LABELS[type as DocumentType] ?? type,
    description: row.description,
    owner: row.owner,
    documentDate: row.document_date,
    reviewDue: row.review_due,
    reviewOverdue: isReviewOverdue(row.review_due, today),
    tags: row.tags,
    areas: row.areas,
    fileCount: row.file_count,
    version: row.version,
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

interface EvidenceItemRow {
  evidence_id: string
  title: string
  document_type: string
  description: string
  owner: string
  document_date: string | null
  review_due: string | null
  tags: string[]
  areas: string[]
  file_count: number
  version: number
  created_by_label: string
  created_at: Date
  updated_at: Date
}

interface FileRow {
  version_number: number
  original_filename: string
  media_type: string
  size_bytes: number
  sha256: string
  note: string
  uploaded_by_label: string
  uploaded_at: Date
}

const toFileView = (row: FileRow): EvidenceFileView => ({
  versionNumber: row.version_number,
  originalFilename: row.original_filename,
  mediaType: row.media_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  note: row.note,
  uploadedBy: row.uploaded_by_label,
  uploadedAt: row.uploaded_at,
})

/** A name safe to store and to offer back in Content-Disposition: last path segment, no control characters. */
export function safeFilename(filename: string): string {
  const base = (filename.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
  return base.slice(-255) || 'document'
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, match => `\\${match}`)
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`

/** The evidence bank: items with metadata, versioned files, search, checklists and the policies register. */
export function createEvidenceService({
  db,
  audit,
  clock,
  files,
  maxBytes,
}: {
  db: Db
  audit: AuditService
  clock: () => Date
  files: EvidenceFileStore
  maxBytes: number
}) {
  const today = () => londonDate(clock())

  /** Size, type by content, checksum: everything that can refuse a file happens before anything is stored. */
  function checkFile(upload: EvidenceUpload) {
    const filename = safeFilename(upload.filename)
    if (upload.bytes.length === 0) throw new EvidenceFileError('The selected file is empty')
    if (upload.bytes.length > maxBytes)
      throw new EvidenceFileError(
        `The selected file is ${megabytes(upload.bytes.length)}; files must be ${megabytes(maxBytes)} or smaller`,
      )
    const verdict = detectEvidenceFileType(upload.bytes, filename)
    if (!verdict.ok) throw new EvidenceFileError(`The selected file cannot be stored: ${verdict.reason}`)
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex')
    return { filename, mediaType: verdict.info.mediaType, sha256, size: upload.bytes.length }
  }

  /**
   * Stores the bytes, runs the database work, and if that fails removes the bytes again (unless another row
   * already refers to them), so a refused or conflicting upload leaves neither a row nor a file behind.
   */
  async function withStoredFile<T>(
    context: RequestContext,
    checked: ReturnType<typeof checkFile>,
    bytes: Uint8Array,
    work: (storageKey: string) => Promise<T>,
  ): Promise<T> {
    const { storageKey, created } = await files.put(context.actor.organisationId, checked.sha256, bytes)
    try {
      return await work(storageKey)
    } catch (error) {
      if (created) {
        const stillUsed = await db
          .selectFrom('evidence_file')
          .select('version_number')
          .where('organisation_id', '=', context.actor.organisationId)
          .where('storage_key', '=', storageKey)
          .executeTakeFirst()
        if (!stillUsed) await files.remove(storageKey)
      }
      throw error
    }
  }

  async function itemRow(context: RequestContext, evidenceId: string, executor: Executor = db) {
    if (!z.string().uuid().safeParse(evidenceId).success) throw new NotFoundError('No such evidence item')
    const row = await executor
      .selectFrom('evidence_item')
      .selectAll()
      .where('organisation_id', '=', context.actor.organisationId)
      .where('evidence_id', '=', evidenceId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('No such evidence item')
    return row
  }

  /** Optimistic lock: the update applies only if nobody saved since the person loaded the page. */
  async function bumpVersion(
    executor: Executor,
    context: RequestContext,
    evidenceId: string,
    expectedVersion: number,
    changes: Omit<Updateable<EvidenceItemTable>, 'organisation_id' | 'evidence_id' | 'version'> = {},
  ) {
    const updated = await executor
      .updateTable('evidence_item')
      .set(eb => ({ ...changes, version: eb('version', '+', 1), updated_at: clock() }))
      .where('organisation_id', '=', context.actor.organisationId)
      .where('evidence_id', '=', evidenceId)
      .where('version', '=', expectedVersion)
      .returning(['version', 'file_count'])
      .executeTakeFirst()
    if (!updated) {
      await itemRow(context, evidenceId, executor)
      throw new EditConflictError('This evidence item')
    }
    return updated
  }

  async function insertFile(
    trx: Executor,
    context: RequestContext,
    evidenceId: string,
    versionNumber: number,
    checked: ReturnType<typeof checkFile>,
    storageKey: string,
    note: string,
  ) {
    await trx
      .insertInto('evidence_file')
      .values({
        organisation_id: context.actor.organisationId,
        evidence_id: evidenceId,
        version_number: versionNumber,
        original_filename: checked.filename,
        media_type: checked.mediaType,
        size_bytes: checked.size,
        sha256: checked.sha256,
        storage_key: storageKey,
        note,
        uploaded_by_user_id: actorUserId(context.actor),
        uploaded_by_label: context.actor.label,
      })
      .execute()
  }

  async function latestFiles(context: RequestContext, evidenceIds: string[]) {
    if (evidenceIds.length === 0) return new Map<string, EvidenceFileView>()
    const rows = await db
      .selectFrom('evidence_file as f')
      .innerJoin('evidence_item as i', join =>
        join
          .onRef('i.organisation_id', '=', 'f.organisation_id')
          .onRef('i.evidence_id', '=', 'f.evidence_id')
          .onRef('i.file_count', '=', 'f.version_number'),
      )
      .select([
        'f.evidence_id',
        'f.version_number',
        'f.original_filename',
        'f.media_type',
        'f.size_bytes',
        'f.sha256',
        'f.note',
        'f.uploaded_by_label',
        'f.uploaded_at',
      ])
      .where('f.organisation_id', '=', context.actor.organisationId)
      .where('f.evidence_id', 'in', evidenceIds)
      .execute()
    return new Map(rows.map(row => [row.evidence_id, toFileView(row)]))
  }

  async function checklistEvidence(context: RequestContext): Promise<ChecklistEvidence[]> {
    const rows = await db
      .selectFrom('evidence_item')
      .select(['evidence_id', 'title', 'document_date', 'review_due', 'areas'])
      .where('organisation_id', '=', context.actor.organisationId)
      .where(sql<SqlBool>`cardinality(areas) > 0`)
      .execute()
    return rows.map(row => ({
      id: row.evidence_id,
      title: row.title,
      documentDate: row.document_date,
      reviewDue: row.review_due,
      areas: row.areas,
    }))
  }

  const service = {
    maxBytes,

    /** Search by text (title, description, owner, tags, file names), tag, framework area, owner and type. */
    async list(
      context: RequestContext,
      filters: EvidenceSearch = {},
      options: { limit?: number } = {},
    ): Promise<{ items: EvidenceItemView[]; total: number; limited: boolean }> {
      authorise(context, 'workspace:read')
      const search = parseOrThrow(searchSchema, filters)
      const limit = Math.min(options.limit ?? SEARCH_LIMIT, SEARCH_LIMIT)
      let query = db.selectFrom('evidence_item').where('organisation_id', '=', context.actor.organisationId)
      if (search.search) {
        const pattern = `%${escapeLike(search.search)}%`
        query = query.where(eb =>
          eb.or([
            eb('title', 'ilike', pattern),
            eb('description', 'ilike', pattern),
            eb('owner', 'ilike', pattern),
            sql<SqlBool>`array_to_string(tags, ' ') ILIKE ${pattern}`,
            eb.exists(
              eb
                .selectFrom('evidence_file as f')
                .select('f.version_number')
                .whereRef('f.organisation_id', '=', 'evidence_item.organisation_id')
                .whereRef('f.evidence_id', '=', 'evidence_item.evidence_id')
                .where('f.original_filename', 'ilike', pattern),
            ),
          ] as Expression<SqlBool>[]),
        )
      }
      if (search.tag) query = query.where(sql<SqlBool>`tags @> ARRAY[${search.tag.toLowerCase()}]::text[]`)
      if (search.area) query = query.where(sql<SqlBool>`areas @> ARRAY[${search.area}]::text[]`)
      if (search.owner) query = query.where(sql<SqlBool>`lower(owner) = lower(${search.owner})`)
      if (search.documentType) query = query.where('document_type', '=', search.documentType)
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('updated_at', 'desc').orderBy('title').limit(limit).execute(),
        query.select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ])
      const now = today()
      const latest = await latestFiles(
        context,
        rows.map(row => row.evidence_id),
      )
      const items = rows.map(row => {
        const view = toItemView(row, now)
        const file = latest.get(row.evidence_id)
        return file ? { ...view, latestFile: file } : view
      })
      const total = Number(count.n)
      return { items, total, limited: total > items.length }
    },

    async get(context: RequestContext, evidenceId: string) {
      authorise(context, 'workspace:read')
      const row = await itemRow(context, evidenceId)
      const fileRows = await db
        .selectFrom('evidence_file')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .where('evidence_id', '=', evidenceId)
        .orderBy('version_number', 'desc')
        .execute()
      const links = await service.criterionLinks(context, evidenceId)
      const areaLabels = new Map(allEvidenceAreas().map(area => [area.key, area.label]))
      const item = toItemView(row, today())
      const versions = fileRows.map(toFileView)
      return {
        item: versions[0] ? { ...item, latestFile: versions[0] } : item,
        versions,
        links,
        areas: item.areas.map(key => ({ key, label: areaLabels.get(key) ?? key })),
      }
    },

    /** A new item with its first file, in one transaction with its audit event. */
    async create(context: RequestContext, input: EvidenceMetadataInput, upload: EvidenceUpload) {
      authorise(context, 'workspace:edit')
      const metadata = parseOrThrow(evidenceMetadataSchema, input)
      const checked = checkFile(upload)
      const evidenceId = randomUUID()
      await withStoredFile(context, checked, upload.bytes, storageKey =>
        db.transaction().execute(async trx => {
          await trx
            .insertInto('evidence_item')
            .values({
              organisation_id: context.actor.organisationId,
              evidence_id: evidenceId,
              title: metadata.title,
              document_type: metadata.documentType,
              description: metadata.description,
              owner: metadata.owner,
              document_date: metadata.documentDate,
              review_due: metadata.reviewDue,
              tags: metadata.tags,
              areas: metadata.areas,
              file_count: 1,
              created_by_label: context.actor.label,
            })
            .execute()
          await insertFile(trx, context, evidenceId, 1, checked, storageKey, '')
          await audit.record(trx, context, {
            action: 'evidence.created',
            subjectType: 'evidence-item',
            subjectId: evidenceId,
            details: {
              documentType: metadata.documentType,
              mediaType: checked.mediaType,
              sizeBytes: checked.size,
              sha256: checked.sha256,
              areas: metadata.areas.length,
            },
          })
        }),
      )
      return { id: evidenceId, sha256: checked.sha256, mediaType: checked.mediaType, sizeBytes: checked.size }
    },

    /** A new version of the document: the earlier ones stay, and the item's lock moves on. */
    async addVersion(
      context: RequestContext,
      evidenceId: string,
      input: { expectedVersion: number | string; note?: string },
      upload: EvidenceUpload,
    ) {
      authorise(context, 'workspace:edit')
      const expectedVersion = parseOrThrow(lockSchema, input.expectedVersion)
      const note = parseOrThrow(
        z.object({ note: z.string().trim().max(1000, 'Note must be 1,000 characters or fewer').default('') }),
        { note: input.note ?? '' },
      ).note
      await itemRow(context, evidenceId)
      const checked = checkFile(upload)
      return withStoredFile(context, checked, upload.bytes, storageKey =>
        db.transaction().execute(async trx => {
          const current = await itemRow(context, evidenceId, trx)
          const versionNumber = current.file_count + 1
          await bumpVersion(trx, context, evidenceId, expectedVersion, { file_count: versionNumber })
          await insertFile(trx, context, evidenceId, versionNumber, checked, storageKey, note)
          await audit.record(trx, context, {
            action: 'evidence.version-added',
            subjectType: 'evidence-item',
            subjectId: evidenceId,
            details: {
              versionNumber,
              mediaType: checked.mediaType,
              sizeBytes: checked.size,
              sha256: checked.sha256,
            },
          })
          return { versionNumber, sha256: checked.sha256 }
        }),
      )
    },

    /** Edit the metadata; refuses (EditConflictError) if someone saved since `expectedVersion`. */
    async update(
      context: RequestContext,
      evidenceId: string,
      input: EvidenceMetadataInput & { expectedVersion: number | string },
    ): Promise<{ version: number }> {
      authorise(context, 'workspace:edit')
      const expectedVersion = parseOrThrow(lockSchema, input.expectedVersion)
      const metadata = parseOrThrow(evidenceMetadataSchema, input)
      return db.transaction().execute(async trx => {
        const before = await itemRow(context, evidenceId, trx)
        const changes = {
          title: metadata.title,
          document_type: metadata.documentType,
          description: metadata.description,
          owner: metadata.owner,
          document_date: metadata.documentDate,
          review_due: metadata.reviewDue,
          tags: metadata.tags,
          areas: metadata.areas,
        }
        const changed = Object.entries(changes)
          .filter(([key, value]) => JSON.stringify(before[key as keyof typeof before]) !== JSON.stringify(value))
          .map(([key]) => key)
        const { version } = await bumpVersion(trx, context, evidenceId, expectedVersion, changes)
        await audit.record(trx, context, {
          action: 'evidence.updated',
          subjectType: 'evidence-item',
          subjectId: evidenceId,
          details: { changed, version },
        })
        return { version }
      })
    },

    /** The stored bytes of one version (the newest by default), with the type detected when it was uploaded. */
    async download(context: RequestContext, evidenceId: string, versionNumber?: number) {
      authorise(context, 'workspace:read')
      const row = await itemRow(context, evidenceId)
      const wanted = versionNumber ?? row.file_count
      if (!Number.isInteger(wanted) || wanted < 1) throw new NotFoundError('No such version')
      const file = await db
        .selectFrom('evidence_file')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .where('evidence_id', '=', evidenceId)
        .where('version_number', '=', wanted)
        .executeTakeFirst()
      if (!file) throw new NotFoundError('No such version')
      const bytes = await files.read(file.storage_key)
      if (createHash('sha256').update(bytes).digest('hex') !== file.sha256)
        throw new Error(`Stored file for evidence ${evidenceId} version ${wanted} does not match its checksum`)
      await audit.log(context, {
        action: 'evidence.downloaded',
        subjectType: 'evidence-item',
        subjectId: evidenceId,
        details: { versionNumber: wanted },
      })
      return { filename: file.original_filename, mediaType: file.media_type, sha256: file.sha256, bytes }
    },

    async criterionLinks(context: RequestContext, evidenceId: string): Promise<CriterionLinkView[]> {
      authorise(context, 'workspace:read')
      const links = await db
        .selectFrom('evidence_criterion_link as l')
        .innerJoin('sef as s', join =>
          join.onRef('s.organisation_id', '=', 'l.organisation_id').onRef('s.sef_id', '=', 'l.sef_id'),
        )
        .select(['l.sef_id', 'l.criterion_id', 's.title'])
        .where('l.organisation_id', '=', context.actor.organisationId)
        .where('l.evidence_id', '=', evidenceId)
        .orderBy('s.title')
        .orderBy('l.criterion_id')
        .execute()
      const texts = await criterionTexts(
        context,
        links.map(link => link.sef_id),
      )
      return links.map(link => {
        const criterion = texts.get(`${link.sef_id}/${link.criterion_id}`)
        return {
          sefId: link.sef_id,
          sefTitle: link.title,
          criterionId: link.criterion_id,
          criterionText: criterion?.text ?? '(no longer in the latest version)',
          judgementId: criterion?.judgementId ?? '',
        }
      })
    },

    /** Criteria of each self-evaluation's newest version, for the "supports criterion" choice. */
    async criterionOptions(context: RequestContext) {
      authorise(context, 'workspace:read')
      const sefs = await db
        .selectFrom('sef')
        .select(['sef_id', 'title'])
        .where('organisation_id', '=', context.actor.organisationId)
        .orderBy('title')
        .execute()
      const texts = await criterionTexts(
        context,
        sefs.map(sef => sef.sef_id),
      )
      return sefs.map(sef => ({
        sefId: sef.sef_id,
        title: sef.title,
        criteria: [...texts.entries()]
          .filter(([key]) => key.startsWith(`${sef.sef_id}/`))
          .map(([key, value]) => ({ value: key, criterionId: key.slice(sef.sef_id.length + 1), ...value })),
      }))
    },

    /** "What is our evidence?" (seed 003 §11): this item supports that self-evaluation criterion. */
    async linkCriterion(
      context: RequestContext,
      evidenceId: string,
      input: { expectedVersion: number | string; sefId: string; criterionId: string },
    ) {
      authorise(context, 'workspace:edit')
      const expectedVersion = parseOrThrow(lockSchema, input.expectedVersion)
      const sefId = String(input.sefId)
      const criterionId = String(input.criterionId)
      if (!z.string().uuid().safeParse(sefId).success)
        throw new ValidationError({ criterion: 'Select a self-evaluation criterion' })
      const exists = await db
        .selectFrom('sef_criterion')
        .select('criterion_id')
        .where('organisation_id', '=', context.actor.organisationId)
        .where('sef_id', '=', sefId)
        .where('criterion_id', '=', criterionId)
        .executeTakeFirst()
      if (!exists) throw new ValidationError({ criterion: 'Select a self-evaluation criterion' })
      await db.transaction().execute(async trx => {
        await bumpVersion(trx, context, evidenceId, expectedVersion)
        const inserted = await trx
          .insertInto('evidence_criterion_link')
          .values({
            organisation_id: context.actor.organisationId,
            evidence_id: evidenceId,
            sef_id: sefId,
            criterion_id: criterionId,
            linked_by_label: context.actor.label,
          })
          .onConflict(conflict => conflict.doNothing())
          .returning('criterion_id')
          .executeTakeFirst()
        if (!inserted) throw new ValidationError({ criterion: 'This item is already linked to that criterion' })
        await audit.record(trx, context, {
          action: 'evidence.criterion-linked',
          subjectType: 'evidence-item',
          subjectId: evidenceId,
          details: { sefId, criterionId },
        })
      })
    },

    async unlinkCriterion(
      context: RequestContext,
      evidenceId: string,
      input: { expectedVersion: number | string; sefId: string; criterionId: string },
    ) {
      authorise(context, 'workspace:edit')
      const expectedVersion = parseOrThrow(lockSchema, input.expectedVersion)
      await db.transaction().execute(async trx => {
        await bumpVersion(trx, context, evidenceId, expectedVersion)
        const removed = await trx
          .deleteFrom('evidence_criterion_link')
          .where('organisation_id', '=', context.actor.organisationId)
          .where('evidence_id', '=', evidenceId)
          .where('sef_id', '=', String(input.sefId))
          .where('criterion_id', '=', String(input.criterionId))
          .returning('criterion_id')
          .executeTakeFirst()
        if (!removed) throw new NotFoundError('No such link')
        await audit.record(trx, context, {
          action: 'evidence.criterion-unlinked',
          subjectType: 'evidence-item',
          subjectId: evidenceId,
          details: { sefId: input.sefId, criterionId: input.criterionId },
        })
      })
    },

    /** Evidence items supporting each criterion of one self-evaluation (criterion id → items). */
    async evidenceForSef(context: RequestContext, sefId: string) {
      authorise(context, 'workspace:read')
      const rows = await db
        .selectFrom('evidence_criterion_link as l')
        .innerJoin('evidence_item as i', join =>
          join.onRef('i.organisation_id', '=', 'l.organisation_id').onRef('i.evidence_id', '=', 'l.evidence_id'),
        )
        .select(['l.criterion_id', 'i.evidence_id', 'i.title'])
        .where('l.organisation_id', '=', context.actor.organisationId)
        .where('l.sef_id', '=', sefId)
        .orderBy('i.title')
        .execute()
      const byCriterion: Record<string, { id: string; title: string }[]> = {}
      for (const row of rows) (byCriterion[row.criterion_id] ??= []).push({ id: row.evidence_id, title: row.title })
      return byCriterion
    },

    /** Frameworks with a checklist. */
    checklists() {
      return evidenceChecklists().map(({ frameworkId, label, requirements }) => ({
        frameworkId,
        label,
        requirements: requirements.length,
      }))
    },

    async checklist(context: RequestContext, frameworkId: string): Promise<ChecklistResult> {
      authorise(context, 'workspace:read')
      const checklist = findChecklist(frameworkId)
      if (!checklist) throw new NotFoundError(`No evidence checklist for framework '${frameworkId}'`)
      return evaluateChecklist(checklist, await checklistEvidence(context), today())
    },

    /** The policies and procedures register (items of type 'policy'), overdue reviews first. */
    async policies(context: RequestContext): Promise<PolicyEntry[]> {
      authorise(context, 'workspace:read')
      const rows = await db
        .selectFrom('evidence_item')
        .select(['evidence_id', 'title', 'owner', 'document_date', 'review_due'])
        .where('organisation_id', '=', context.actor.organisationId)
        .where('document_type', '=', 'policy')
        .execute()
      return policiesRegister(
        rows.map(row => ({
          id: row.evidence_id,
          title: row.title,
          owner: row.owner,
          documentDate: row.document_date,
          reviewDue: row.review_due,
        })),
        today(),
      )
    },

    /** Distinct owners and tags in use, for the search filters. */
    async facets(context: RequestContext) {
      authorise(context, 'workspace:read')
      const org = context.actor.organisationId
      const [owners, tags] = await Promise.all([
        db
          .selectFrom('evidence_item')
          .select('owner')
          .distinct()
          .where('organisation_id', '=', org)
          .where('owner', '<>', '')
          .orderBy('owner')
          .execute(),
        sql<{
          tag: string
        }>`SELECT DISTINCT unnest(tags) AS tag FROM evidence_item WHERE organisation_id = ${org} ORDER BY 1`.execute(
          db,
        ),
      ])
      return { owners: owners.map(row => row.owner), tags: tags.rows.map(row => row.tag) }
    },

    /** Counts for the readiness dashboard; see evidenceSummary.ts. */
    async counts(context: RequestContext) {
      authorise(context, 'workspace:read')
      const row = await db
        .selectFrom('evidence_item')
        .select(eb => [
          eb.fn.countAll<number>().as('items'),
          sql<number>`count(*) FILTER (WHERE review_due < ${today()}::date)`.as('reviewsOverdue'),
        ])
        .where('organisation_id', '=', context.actor.organisationId)
        .executeTakeFirstOrThrow()
      return { items: Number(row.items), reviewsOverdue: Number(row.reviewsOverdue) }
    },

    acceptedFiles: ACCEPTED_FILE_DESCRIPTION,
    today,
  }

  async function criterionTexts(context: RequestContext, sefIds: string[]) {
    const map = new Map<string, { text: string; judgementId: string }>()
    if (sefIds.length === 0) return map
    const rows = await db
      .selectFrom('sef_criterion as c')
      .select(['c.sef_id', 'c.criterion_id', 'c.text', 'c.judgement_id'])
      .where('c.organisation_id', '=', context.actor.organisationId)
      .where('c.sef_id', 'in', [...new Set(sefIds)])
      .where(eb =>
        eb(
          'c.version_number',
          '=',
          eb
            .selectFrom('sef_version as v')
            .select(eb2 => eb2.fn.max('v.version_number').as('latest'))
            .whereRef('v.organisation_id', '=', 'c.organisation_id')
            .whereRef('v.sef_id', '=', 'c.sef_id'),
        ),
      )
      .orderBy('c.sef_id')
      .orderBy('c.position')
      .execute()
    for (const row of rows)
      map.set(`${row.sef_id}/${row.criterion_id}`, { text: row.text, judgementId: row.judgement_id })
    return map
  }

  return service
}

export type EvidenceService = ReturnType<typeof createEvidenceService>
