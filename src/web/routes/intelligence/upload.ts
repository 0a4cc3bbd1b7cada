import os from 'node:os'
import path from 'node:path'
import type { NextFunction, Request, Response } from 'express'
import multer from 'multer'

/**
 * Uploads for the intelligence pages land in a private temporary folder, with a size limit per page, and the
 * routes delete them as soon as the import ends, whatever happens. Too large a file is a 413 page.
 */
export function receiveFiles(field: string, options: { maxBytes: number; maxFiles: number }) {
  const upload = multer({
    dest: path.join(os.tmpdir(), 'readiness-intelligence-uploads'),
    limits: {
      fileSize: options.maxBytes,
      files: options.maxFiles,
      fields: 10,
      fieldSize: 10_000,
      parts: options.maxFiles + 10,
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
