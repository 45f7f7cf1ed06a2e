import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appDriverCommand, SyncScheduler } from './sync-scheduler'
import type { SyncReport, SyncState } from './sync-engine'
import { driverConfigValue } from './repository'

const report = (state: SyncState): SyncReport => ({
  state,
  committedFiles: 0,
  received: 0,
  sent: 0,
  toSend: 0,
  newlyConflicted: [],
  recovered: [],
})

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('SyncScheduler', () => {
  it('batches the saves of a minute into one sync', async () => {
    const run = vi.fn(async () => report('synced'))
    const scheduler = new SyncScheduler({ run, batchMs: 60_000 })
    scheduler.changed()
    await vi.advanceTimersByTimeAsync(30_000)
    scheduler.changed()
    scheduler.changed()
    expect(run).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(120_000)
    expect(run).toHaveBeenCalledTimes(1)
    await scheduler.stop()
  })

  it('an explicit sync runs at once, never two at a time, and one asked during a run follows it', async () => {
    let active = 0
    let most = 0
    const run = vi.fn(async () => {
      active += 1
      most = Math.max(most, active)
      await new Promise((r) => setTimeout(r, 1000))
      active -= 1
      return report('synced')
    })
    const scheduler = new SyncScheduler({ run })
    const first = scheduler.syncNow()
    const second = scheduler.syncNow()
    await vi.advanceTimersByTimeAsync(5000)
    expect((await first)?.state).toBe('synced')
    expect((await second)?.state).toBe('synced')
    expect(run).toHaveBeenCalledTimes(2)
    expect(most).toBe(1)
    await scheduler.stop()
  })

  it('offline, tries again later, waiting longer each time, and reports every sync', async () => {
    const states: SyncState[] = ['offline', 'offline', 'synced']
    const run = vi.fn(async () => report(states.shift() ?? 'synced'))
    const seen: string[] = []
    const scheduler = new SyncScheduler({ run, retryMs: 1000, onReport: (r) => seen.push(r.state) })
    await scheduler.syncNow()
    await vi.advanceTimersByTimeAsync(999)
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1999)
    expect(run).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(3)
    expect(seen).toEqual(['offline', 'offline', 'synced'])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(run).toHaveBeenCalledTimes(3)
    await scheduler.stop()
  })

  it('a sync that throws is reported as an error and the scheduler keeps going; stop ends it', async () => {
    const run = vi.fn(async (): Promise<SyncReport> => {
      throw new Error('disk full')
    })
    const errors: string[] = []
    const scheduler = new SyncScheduler({ run, onError: (e) => errors.push(e.message) })
    expect(await scheduler.syncNow()).toBeNull()
    expect(errors).toEqual(['disk full'])
    await scheduler.stop()
    scheduler.changed()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(await scheduler.syncNow()).toBeNull()
    expect(run).toHaveBeenCalledTimes(1)
  })
})

describe('appDriverCommand', () => {
  it('runs the app binary as Node on the CLI bundle beside the main bundle', () => {
    const command = appDriverCommand('/opt/Newsdesk/newsdesk', '/opt/Newsdesk/resources/app.asar/out/main')
    expect(driverConfigValue(command)).toBe(
      'ELECTRON_RUN_AS_NODE=1 /opt/Newsdesk/newsdesk /opt/Newsdesk/resources/app.asar/out/main/cli.js merge-driver %O %A %B %P',
    )
    expect(driverConfigValue({ argv: ["/it's here/node", '/x y/cli.js'] })).toBe(
      "'/it'\\''s here/node' '/x y/cli.js' merge-driver %O %A %B %P",
    )
  })
})
