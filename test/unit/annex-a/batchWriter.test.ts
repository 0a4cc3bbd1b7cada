import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createBatchWriter } from '../../../src/services/annex-a/batchWriter.js'
import type { Executor } from '../../../src/services/platform/auditService.js'

const BATCH = 2000

/** Stands in for a transaction: records each COPY, settles it after a few milliseconds, and can fail one. */
function fakeTransaction(options: { failCall?: number } = {}) {
  const state = { calls: 0, pending: 0 }
  const executor = {
    executeQuery: () => {
      state.calls += 1
      state.pending += 1
      const call = state.calls
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          state.pending -= 1
          if (call === options.failCall) reject(new Error('COPY failed'))
          else resolve({ rows: [] })
        }, 5),
      )
    },
  } as unknown as Executor
  return { executor, state }
}

const row = (n: number) => ({
  sheetIndex: 0,
  list: 1 as const,
  rowNumber: n + 2,
  cells: [`C${n}`],
  row: { childId: `C${n}` },
})

async function addBatches(writer: ReturnType<typeof createBatchWriter>, batches: number) {
  for (let n = 0; n < batches * BATCH; n += 1) {
    const waiting = writer.addRow(row(n))
    if (waiting) await waiting
  }
}

describe('the Annex A batch writer', () => {
  it('abandon() waits for every batch already handed over, and nothing is sent after it', async () => {
    const { executor, state } = fakeTransaction()
    const writer = createBatchWriter(executor, 'org', 'run')
    await addBatches(writer, 3)
    assert.ok(state.pending > 0, 'batches are still in flight when the import fails')
    await writer.abandon()
    assert.equal(state.pending, 0, 'every batch has settled before the caller rolls back')
    const calls = state.calls
    let refused = false
    for (let n = 0; n < BATCH && !refused; n += 1) {
      const waiting = writer.addRow(row(n))
      if (waiting)
        refused = await waiting.then(
          () => false,
          () => true,
        )
    }
    assert.ok(refused, 'a batch after abandon() is refused')
    assert.equal(state.calls, calls, 'and never sent')
  })

  it('after a batch fails, sends nothing more and reports that failure', async () => {
    const { executor, state } = fakeTransaction({ failCall: 1 })
    const writer = createBatchWriter(executor, 'org', 'run')
    await assert.rejects(addBatches(writer, 8), /COPY failed/)
    const calls = state.calls
    assert.ok(calls <= 5, `at most the batches handed over before the failure was known (${calls})`)
    await assert.rejects(writer.flush(), /COPY failed/)
    assert.equal(state.calls, calls)
  })
})
