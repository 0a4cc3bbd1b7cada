import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import type { Request, Response } from 'express'
import { verifyCsrfAfterUpload } from '../../../src/web/middleware/csrf.js'

describe('verifyCsrfAfterUpload', () => {
  it('deletes the files already received when the token is wrong, then refuses', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'csrf-upload-'))
    const files = ['a', 'b'].map(name => path.join(dir, name))
    for (const file of files) await fs.writeFile(file, 'uploaded bytes')
    const req = {
      method: 'POST',
      session: { csrfToken: 'the-real-token' },
      body: { _csrf: 'a-forged-token' },
      files: files.map(file => ({ path: file })),
    } as unknown as Request
    const error = await new Promise<unknown>(resolve => verifyCsrfAfterUpload(req, {} as Response, resolve))
    assert.ok(error instanceof Error, 'the request is refused')
    assert.deepEqual(
      files.map(file => existsSync(file)),
      [false, false],
      'and nothing it uploaded is left on disk',
    )
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('passes a request with the right token on, files untouched', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'csrf-upload-'))
    const file = path.join(dir, 'kept')
    await fs.writeFile(file, 'uploaded bytes')
    const req = {
      method: 'POST',
      session: { csrfToken: 'the-real-token' },
      body: { _csrf: 'the-real-token' },
      files: [{ path: file }],
    } as unknown as Request
    const error = await new Promise<unknown>(resolve => verifyCsrfAfterUpload(req, {} as Response, resolve))
    assert.equal(error, undefined)
    assert.ok(existsSync(file))
    await fs.rm(dir, { recursive: true, force: true })
  })
})
