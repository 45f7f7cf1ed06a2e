import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WorkspaceLock } from './workspace-lock'
import { workspaceLayout } from './layout'
import { tempDirEach } from '../test-support'

const root = tempDirEach('newsdesk-lock-')

describe('workspace lock', () => {
  it('gives the second opener "held" with who holds it, and the lock back after release', async () => {
    const first = await WorkspaceLock.acquire(root(), { pid: 100, hostname: 'desk-a', isAlive: () => true })
    expect(first.kind).toBe('acquired')
    const second = await WorkspaceLock.acquire(root(), { pid: 200, hostname: 'desk-b' })
    expect(second).toMatchObject({ kind: 'held', holder: { pid: 100, hostname: 'desk-a' } })
    if (first.kind === 'acquired') await first.lock.release()
    const third = await WorkspaceLock.acquire(root(), { pid: 200, hostname: 'desk-b' })
    expect(third.kind).toBe('acquired')
    if (third.kind === 'acquired') await third.lock.release()
  })

  it('takes over a lock whose process is dead on this host', async () => {
    await WorkspaceLock.acquire(root(), { pid: 100, hostname: 'desk-a' })
    const next = await WorkspaceLock.acquire(root(), { pid: 200, hostname: 'desk-a', isAlive: (pid) => pid !== 100 })
    expect(next).toMatchObject({ kind: 'acquired', tookOver: { pid: 100 } })
    const onDisk = JSON.parse(await readFile(workspaceLayout(root()).lock, 'utf8'))
    expect(onDisk.pid).toBe(200)
    if (next.kind === 'acquired') await next.lock.release()
  })

  it('takes over a lock from another host only once its timestamp is old', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z')
    await WorkspaceLock.acquire(root(), { pid: 1, hostname: 'far', now: () => t0 })
    const soon = await WorkspaceLock.acquire(root(), {
      pid: 2,
      hostname: 'near',
      now: () => new Date(t0.getTime() + 60_000),
    })
    expect(soon.kind).toBe('held')
    const later = await WorkspaceLock.acquire(root(), {
      pid: 2,
      hostname: 'near',
      now: () => new Date(t0.getTime() + 10 * 60_000),
    })
    expect(later.kind).toBe('acquired')
  })

  it('lets only one of many simultaneous openers take over a stale lock', async () => {
    await writeFile(
      workspaceLayout(root()).lock,
      JSON.stringify({ pid: 1, hostname: 'h', timestamp: '2000-01-01T00:00:00.000Z', token: 'old' }),
    ).catch(async () => {
      await WorkspaceLock.acquire(root(), { pid: 1, hostname: 'h', now: () => new Date('2000-01-01T00:00:00Z') })
    })
    const results = await Promise.all(
      [2, 3, 4, 5, 6].map((pid) => WorkspaceLock.acquire(root(), { pid, hostname: 'h', isAlive: (p) => p !== 1 })),
    )
    expect(results.filter((r) => r.kind === 'acquired')).toHaveLength(1)
  })

  it('heals an empty or garbage lock left by a crash at once, and says so', async () => {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(workspaceLayout(root()).store)
    for (const [text, words] of [
      ['', 'the lock file was empty'],
      ['{"pid":12', 'the lock file was unreadable'],
      ['\u0000\u0000garbage', 'the lock file was unreadable'],
    ] as const) {
      await writeFile(workspaceLayout(root()).lock, text)
      const taken = await WorkspaceLock.acquire(root(), { pid: 300, hostname: 'h' })
      expect(taken).toMatchObject({ kind: 'acquired', healed: words, tookOver: null })
      if (taken.kind === 'acquired') await taken.lock.release()
    }
  })

  it('heals a takeover killed half way: its mutex and the lock it wrote both name a dead process', async () => {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(workspaceLayout(root()).store)
    const now = new Date()
    // Process 77 was taking over: it made the mutex, wrote its own lock, and was killed before removing the mutex.
    await writeFile(
      workspaceLayout(root()).lock,
      JSON.stringify({ pid: 77, hostname: 'h', timestamp: now.toISOString(), token: 't77' }),
    )
    await writeFile(workspaceLayout(root()).lockTakeover, JSON.stringify({ pid: 77, hostname: 'h', at: now.getTime() }))
    const taken = await WorkspaceLock.acquire(root(), { pid: 78, hostname: 'h', isAlive: (p) => p !== 77 })
    expect(taken).toMatchObject({ kind: 'acquired', tookOver: { pid: 77 } })
    if (taken.kind === 'acquired') {
      expect(taken.healed).toContain('its process is gone')
      await taken.lock.release()
    }
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(workspaceLayout(root()).store)).toEqual([])
    // An empty mutex (killed between create and write) is cleared as well.
    await writeFile(
      workspaceLayout(root()).lock,
      JSON.stringify({ pid: 77, hostname: 'h', timestamp: now.toISOString(), token: 't77' }),
    )
    await writeFile(workspaceLayout(root()).lockTakeover, '')
    const again = await WorkspaceLock.acquire(root(), { pid: 79, hostname: 'h', isAlive: (p) => p !== 77 })
    expect(again.kind).toBe('acquired')
    if (again.kind === 'acquired') await again.lock.release()
  })

  it('never shows the lock empty: heartbeats replace it whole while another opener reads it', async () => {
    const first = await WorkspaceLock.acquire(root(), { pid: 500, hostname: 'h', isAlive: () => true })
    if (first.kind !== 'acquired') throw new Error('not acquired')
    let stop = false
    const beats = (async () => {
      while (!stop) await first.lock.heartbeat()
    })()
    for (let i = 0; i < 50; i++) {
      const other = await WorkspaceLock.acquire(root(), { pid: 501, hostname: 'h', isAlive: () => true })
      expect(other).toMatchObject({ kind: 'held', holder: { pid: 500 } })
    }
    stop = true
    await beats
    await first.lock.release()
  })

  it('removes lock temps a killed process left (its pid gone), never a live one', async () => {
    const { mkdir, readdir } = await import('node:fs/promises')
    await mkdir(workspaceLayout(root()).store)
    await writeFile(join(workspaceLayout(root()).store, 'lock.41-abc.tmp'), '{"pid":41')
    await writeFile(join(workspaceLayout(root()).store, 'lock.takeover.41-def.tmp'), '')
    await writeFile(join(workspaceLayout(root()).store, 'lock.42-ghi.tmp'), '{"pid":42')
    const taken = await WorkspaceLock.acquire(root(), { pid: 43, hostname: 'h', isAlive: (p) => p !== 41 })
    if (taken.kind !== 'acquired') throw new Error('not acquired')
    await new Promise((r) => setTimeout(r, 100))
    expect((await readdir(workspaceLayout(root()).store)).sort()).toEqual(['lock', 'lock.42-ghi.tmp'])
    await taken.lock.release()
  })
})
