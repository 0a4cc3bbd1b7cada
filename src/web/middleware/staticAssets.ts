import path from 'node:path'
import express, { Router } from 'express'
import { govukFrontendDist, webSourceDir } from '../paths.js'

/** GOV.UK Frontend's fonts, images, CSS and JS are served by the app itself: no CDN. */
export function setUpStaticAssets(): Router {
  const router = Router()
  const options = { maxAge: '1d', index: false, fallthrough: false } as const
  router.use('/assets/govuk', express.static(path.join(govukFrontendDist, 'govuk'), { ...options, extensions: [] }))
  router.use('/assets/app', express.static(path.join(webSourceDir, 'assets'), options))
  router.use('/assets', express.static(path.join(govukFrontendDist, 'govuk', 'assets'), options))
  return router
}
