import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { DirectoryLockedError, isProcessAlive } from '../../../src/db/directoryLock.js'
import { startEmbeddedServer } from '../../../src/db/embeddedServer.js'
import { runCli, startServing, waitForExit } from '../../support/cli.js'

const made: string[] = []
async function tempDataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-embedded-'))
  made.push(dir)
  return dir
}

function postmasterPid(dataDir: string): Promise<number> {
  return fs.readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').then(text => Number.parseInt(text, 10))
}

describe('embedded PostgreSQL lifecycle', { concurrency: false }, () => {
  after(async () => {
    for (const dir of made) await fs.rm(dir, { recursive: true, force: true })
  })

  it('never lets two instances share a data directory', async () => {
    const dataDir = await tempDataDir()
    const first = await startEmbeddedServer({ dataDir })
    try {
      await assert.rejects(startEmbeddedServer({ dataDir }), (error: unknown) => {
        assert.ok(error instanceof DirectoryLockedError)
        assert.equal(error.ownerPid, process.pid)
        return true
      })
    } finally {
      await first.stop()
    }
    assert.equal(existsSync(path.join(dataDir, 'readiness.lock')), false, 'the lock is released on stop')
    const again = await startEmbeddedServer({ dataDir })
    await again.stop()
  })

  it('reclaims a lock left by a process that no longer runs', async () => {
    const dataDir = await tempDataDir()
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
    const deadPid = Number(gone.stdout.toString())
    assert.equal(isProcessAlive(deadPid), false)
    await fs.writeFile(path.join(dataDir, 'readiness.lock'), JSON.stringify({ pid: deadPid }))
    const server = await startEmbeddedServer({ dataDir })
    await server.stop()
  })

  it('comes back with its data intact after kill -9, shutting down the orphaned server', async () => {
    const dataDir = await tempDataDir()
    const env = { READINESS_DATA_DIR: dataDir, READINESS_DEMO: 'false', DATABASE_URL: '' }
    const first = await startServing(env)
    const health = await fetch(`${first.url}/health`).then(response => response.json())
    assert.deepEqual(health, { status: 'ok', database: 'ok' })

    // The CLI shares the running app's server rather than fighting it for the directory.
    const added = await runCli(['organisations', 'add', '--name', 'Kill Nine Council', '--json'], env)
    assert.equal(added.code, 0, added.stderr)
    const orphan = await postmasterPid(dataDir)

    first.child.kill('SIGKILL')
    await waitForExit(first.child)
    assert.ok(isProcessAlive(orphan), 'PostgreSQL outlives a kill -9 of the app (this is what recovery handles)')

    const second = await startServing(env)
    try {
      assert.equal(isProcessAlive(orphan), false, 'the orphaned server was shut down')
      assert.match(second.output(), /left running by an earlier run/)
      const listed = await runCli(['organisations', 'list', '--json'], env)
      assert.equal(listed.code, 0, listed.stderr)
      const names = (JSON.parse(listed.stdout) as { name: string }[]).map(org => org.name)
      assert.ok(names.includes('Kill Nine Council'), `data lost after kill -9: ${names.join(', ')}`)
    } finally {
      const serverPid = await postmasterPid(dataDir)
      second.child.kill('SIGTERM')
      assert.equal(await waitForExit(second.child), 0)
      assert.equal(isProcessAlive(serverPid), false, 'SIGTERM stops PostgreSQL too')
      assert.equal(existsSync(path.join(dataDir, 'readiness.lock')), false)
    }
  })
})
