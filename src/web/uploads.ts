import os from 'node:os'
import path from 'node:path'
import type { NextFunction, Request, Response } from 'express'
import multer from 'multer'

/**
 * Every upload route receives files through here: they land in a private temporary folder with a size and
 * count limit per page, and the route deletes them as soon as its import ends, whatever happens. Too large a
 * file is a 413 page; any other malformed multipart body a 400. Put verifyCsrfAfterUpload straight after.
 */
export function receiveFiles(field: string, options: { maxBytes: number; maxFiles: number; maxFields?: number }) {
  const maxFields = options.maxFields ?? 20
  const upload = multer({
    dest: path.join(os.tmpdir(), 'readiness-uploads'),
    limits: {
      fileSize: options.maxBytes,
      files: options.maxFiles,
      fields: maxFields,
      fieldSize: 10_000,
      parts: options.maxFiles + maxFields,
    },
  })
  return (req: Request, res: Response, next: NextFunction): void => {
    upload.array(field, options.maxFiles)(req, res, error => {
      if (error instanceof multer.MulterError) {
        next(Object.assign(error, { status: error.code === 'LIMIT_FILE_SIZE' ? 413 : 400 }))
        return
      }
      next(error)
    })
  }
}

export function uploadedFiles(req: Request): Express.Multer.File[] {
  return Array.isArray(req.files) ? req.files : []
}
