import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { openSpreadsheet } from '../../../src/services/spreadsheets/index.js'

describe('openSpreadsheet on a CSV', () => {
  it('opens the file only when its rows are read, so a file gone meanwhile is an error of the read, not of the process', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lazy-csv-'))
    try {
      const file = path.join(dir, 'List 1.csv')
      await fs.writeFile(file, 'Child Unique ID,Gender\nC1,b) Female\n')
      const opened = await openSpreadsheet(file)
      await fs.rm(file)
      // Long enough for an eagerly opened stream to have failed, with nobody listening.
      await new Promise(resolve => setTimeout(resolve, 50))
      await assert.rejects(
        (async () => {
          for await (const event of opened.events) void event
        })(),
        (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
      )
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })
})
