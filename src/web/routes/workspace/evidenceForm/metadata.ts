import fs from 'node:fs/promises'
import type { NextFunction, Request, Response } from 'express'
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from '../../../../domain/workspace/evidence.js'
import { isIsoDate } from '../../../../domain/workspace/index.js'
import { evidenceChecklists } from '../../../../domain/workspace/evidenceChecklists.js'
import { allEvidenceAreas } from '../../../../services/workspace/evidenceService.js'
import { keepFormState } from '../../../formState.js'
import { receiveFiles, uploadedFiles } from '../../../uploads.js'
import { pickStrings } from '../../../validation.js'

/** Shared by the upload and edit pages: the evidence item's metadata fields, as the form posts them. */
export const METADATA_FIELDS = [
  'title',
  'documentType',
  'description',
  'owner',
  'documentDate-day',
  'documentDate-month',
  'documentDate-year',
  'reviewDue-day',
  'reviewDue-month',
  'reviewDue-year',
  'tags',
] as const

export const FIELD_ORDER = [
  'file',
  'title',
  'documentType',
  'description',
  'owner',
  'documentDate',
  'reviewDue',
  'tags',
  'areas',
]

/** A GOV.UK date input's three boxes: '' when all are blank, 'YYYY-MM-DD', or a message. */
export function optionalDateFromParts(day: string, month: string, year: string, label: string) {
  if (!day.trim() && !month.trim() && !year.trim()) return ''
  const date = `${year.trim().padStart(4, '0')}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isIsoDate(date)) return { error: `${label} must be a real date` }
  return date
}

/** The posted values (kept for re-display), the service input, and date errors found before the service. */
export function readMetadata(body: unknown) {
  const values = pickStrings(body, METADATA_FIELDS)
  const raw = (body ?? {}) as Record<string, unknown>
  const areas = (Array.isArray(raw.areas) ? raw.areas : [raw.areas])
    .filter((value): value is string => typeof value === 'string' && value.length > 0)
    .slice(0, 100)
    .map(value => value.slice(0, 150))
  const errors: Record<string, string> = {}
  const documentDate = optionalDateFromParts(
    values['documentDate-day']!,
    values['documentDate-month']!,
    values['documentDate-year']!,
    'The document date',
  )
  const reviewDue = optionalDateFromParts(
    values['reviewDue-day']!,
    values['reviewDue-month']!,
    values['reviewDue-year']!,
    'The review date',
  )
  if (typeof documentDate !== 'string') errors.documentDate = documentDate.error
  if (typeof reviewDue !== 'string') errors.reviewDue = reviewDue.error
  const input = {
    title: values.title!,
    documentType: values.documentType!,
    description: values.description!,
    owner: values.owner!,
    documentDate: typeof documentDate === 'string' ? documentDate : '',
    reviewDue: typeof reviewDue === 'string' ? reviewDue : '',
    tags: values.tags!,
    areas,
  }
  return { values: { ...values, areas: areas.join('\n') }, input, errors }
}

export function orderErrors(errors: Record<string, string>): Record<string, string> {
  const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length)
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)))
}

/** Values for the form from a stored item (the edit page). */
export function valuesFromItem(item: {
  title: string
  documentType: string
  description: string
  owner: string
  documentDate: string | null
  reviewDue: string | null
  tags: string[]
  areas: string[]
}): Record<string, string> {
  const parts = (date: string | null, prefix: string) =>
    date
      ? {
          [`${prefix}-day`]: String(Number(date.slice(8, 10))),
          [`${prefix}-month`]: String(Number(date.slice(5, 7))),
          [`${prefix}-year`]: date.slice(0, 4),
        }
      : {}
  return {
    title: item.title,
    documentType: item.documentType,
    description: item.description,
    owner: item.owner,
    tags: item.tags.join(', '),
    areas: item.areas.join('\n'),
    ...parts(item.documentDate, 'documentDate'),
    ...parts(item.reviewDue, 'reviewDue'),
  }
}

/** What the metadata fields partial needs: the type choices and the framework areas grouped by framework. */
export function metadataChoices(values: Record<string, string>) {
  const chosen = new Set((values.areas ?? '').split('\n').filter(Boolean))
  const areas = allEvidenceAreas()
  return {
    documentTypes: [
      { value: '', text: 'Select a type' },
      ...DOCUMENT_TYPES.map(type => ({
        value: type,
        text: DOCUMENT_TYPE_LABELS[type],
        selected: values.documentType === type,
      })),
    ],
    areaGroups: evidenceChecklists().map(checklist => {
      const items = areas
        .filter(area => area.frameworkId === checklist.frameworkId)
        .map(area => ({
          value: area.key,
          text: area.group === 'document' ? `Required: ${area.label}` : area.label,
          checked: chosen.has(area.key),
        }))
      return {
        frameworkId: checklist.frameworkId,
        label: checklist.label,
        open: items.some(item => item.checked),
        chosen: items.filter(item => item.checked).length,
        items,
      }
    }),
  }
}

/**
 * Multer with the evidence size limit. A file over the limit does not reach the page as a bare 413: the
 * person is sent back to the form with a message naming the limit (nothing was kept).
 */
export function receiveEvidenceFile(maxBytes: number, form: string, backTo: (req: Request) => string) {
  const receive = receiveFiles('file', { maxBytes, maxFiles: 1, maxFields: 40 })
  return (req: Request, res: Response, next: NextFunction) => {
    receive(req, res, error => {
      const status = (error as { status?: number } | undefined)?.status
      if (status === 413) {
        keepFormState(req, form, {
          errors: { file: `The selected file must be ${Math.round(maxBytes / 1024 / 1024)} MB or smaller` },
          values: {},
        })
        res.redirect(backTo(req))
        return
      }
      next(error)
    })
  }
}

/** The uploaded file's bytes, and removal of multer's temporary copy whatever happens. */
export async function takeUploadedFile(req: Request): Promise<{ filename: string; bytes: Buffer } | undefined> {
  const file = uploadedFiles(req)[0]
  if (!file) return undefined
  try {
    return { filename: utf8Name(file.originalname), bytes: await fs.readFile(file.path) }
  } finally {
    await fs.rm(file.path, { force: true })
  }
}

/** Removes multer's temporary files when a request is refused before the route reads them. */
export async function discardUploads(req: Request): Promise<void> {
  await Promise.all(uploadedFiles(req).map(file => fs.rm(file.path, { force: true })))
}

/** Busboy reads multipart file names as Latin-1; browsers send UTF-8 ("Café minutes.pdf"). */
function utf8Name(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8')
  return decoded.includes('\uFFFD') ? name : decoded
}
