import { hostname as osHostname } from 'node:os'
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { isCode } from '../storage'
import { workspaceLayout } from './layout'

/** A lock older than this (no heartbeat) is stale even if its process cannot be checked (another host). */
export const LOCK_STALE_MS = 5 * 60 * 1000
/** How often the holder refreshes the lock's timestamp. */
export const LOCK_HEARTBEAT_MS = 60 * 1000

const lockSchema = z.object({ pid: z.number().int(), hostname: z.string(), timestamp: z.string(), token: z.string() })

/** Contents of `.newsdesk/lock`. */
export type LockInfo = z.infer<typeof lockSchema>

/** Who am I and what time is it, injectable for tests. */
export interface LockOptions {
  pid?: number
  hostname?: string
  now?: () => Date
  staleMs?: number
  heartbeatMs?: number
  /** True when `pid` is a live process on this host (default: `process.kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean
}

/** Outcome of trying to lock a workspace. */
export type LockResult =
  | { kind: 'acquired'; lock: WorkspaceLock; tookOver: LockInfo | null }
  | { kind: 'held'; holder: LockInfo }
  | { kind: 'unwritable'; message: string }

/** Human-readable description of a lock holder ("pid 42 on newsroom-3 since <ISO>"). */
export function describeHolder(info: LockInfo): string {
  return `pid ${info.pid} on ${info.hostname} since ${info.timestamp}`
}

function defaultIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isCode(error, 'EPERM')
  }
}

/**
 * The workspace lock `.newsdesk/lock` (pid, hostname, timestamp), created with O_EXCL so only one opener
 * wins. A second Newsdesk gets `held` and opens read-only. A stale lock (its process is dead on this host,
 * or no heartbeat for LOCK_STALE_MS) is taken over under a `lock.takeover` mutex, re-checked inside it, so
 * two openers cannot both take over the same stale lock. Written by hand: proper-lockfile is not a dependency
 * and this needs pid/host staleness, which it does not check.
 */
export class WorkspaceLock {
  private timer: ReturnType<typeof setInterval> | null = null

  private constructor(
    readonly path: string,
    readonly info: LockInfo,
    private readonly options: LockOptions,
  ) {}

  /** Tries to lock `root`. */
  static async acquire(root: string, options: LockOptions = {}): Promise<LockResult> {
    const { store: dir, lock: path } = workspaceLayout(root)
    const me: LockInfo = {
      pid: options.pid ?? process.pid,
      hostname: options.hostname ?? osHostname(),
      timestamp: (options.now?.() ?? new Date()).toISOString(),
      token: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    }
    try {
      await mkdir(dir, { recursive: true })
    } catch (error) {
      return { kind: 'unwritable', message: (error as Error).message }
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = await tryCreate(path, me)
      if (created === 'created')
        return { kind: 'acquired', lock: new WorkspaceLock(path, me, options).start(), tookOver: null }
      if (created !== 'exists') return { kind: 'unwritable', message: created.message }
      const holder = await readLock(path)
      if (holder && holder.hostname === me.hostname && holder.pid === me.pid) {
        // Our own process opened this workspace before (a window reopened): the lock is ours.
        await writeFile(path, JSON.stringify(me))
        return { kind: 'acquired', lock: new WorkspaceLock(path, me, options).start(), tookOver: null }
      }
      if (holder && !isStale(holder, me, options)) return { kind: 'held', holder }
      if (!holder) {
        // Unreadable: maybe another opener created it a moment ago and is still writing it. Only an old
        // unreadable lock counts as stale.
        const info = await stat(path).catch(() => null)
        const now = (options.now?.() ?? new Date()).getTime()
        if (info && now - info.mtimeMs < 10_000) {
          await new Promise((r) => setTimeout(r, 100))
          continue
        }
      }
      const taken = await takeOver(path, holder, me, options)
      if (taken === 'taken') {
        return { kind: 'acquired', lock: new WorkspaceLock(path, me, options).start(), tookOver: holder }
      }
      // Someone else is taking it over right now, or it changed under us: look again.
      await new Promise((r) => setTimeout(r, 50))
    }
    const holder = await readLock(path)
    return holder ? { kind: 'held', holder } : { kind: 'unwritable', message: 'the workspace lock could not be taken' }
  }

  private start(): this {
    const every = this.options.heartbeatMs ?? LOCK_HEARTBEAT_MS
    this.timer = setInterval(() => void this.heartbeat(), every)
    this.timer.unref?.()
    return this
  }

  /** Refreshes the timestamp so other openers do not think the lock is stale. */
  async heartbeat(): Promise<void> {
    const current = await readLock(this.path)
    if (!current || current.token !== this.info.token) return
    const next = { ...this.info, timestamp: (this.options.now?.() ?? new Date()).toISOString() }
    await writeFile(this.path, JSON.stringify(next)).catch(() => undefined)
  }

  /** Releases the lock if it is still ours. */
  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    const current = await readLock(this.path)
    if (current && current.token === this.info.token) await rm(this.path, { force: true })
  }
}

function isStale(holder: LockInfo, me: LockInfo, options: LockOptions): boolean {
  const now = (options.now?.() ?? new Date()).getTime()
  const age = now - Date.parse(holder.timestamp)
  if (!Number.isFinite(age) || age > (options.staleMs ?? LOCK_STALE_MS)) return true
  if (holder.hostname === me.hostname) return !(options.isAlive ?? defaultIsAlive)(holder.pid)
  return false
}

async function tryCreate(path: string, me: LockInfo): Promise<'created' | 'exists' | Error> {
  try {
    const handle = await open(path, 'wx', 0o644)
    try {
      await handle.writeFile(JSON.stringify(me))
      await handle.sync()
    } finally {
      await handle.close()
    }
    return 'created'
  } catch (error) {
    if (isCode(error, 'EEXIST')) return 'exists'
    return error as Error
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  try {
    return lockSchema.parse(JSON.parse(await readFile(path, 'utf8')))
  } catch {
    return null
  }
}

async function takeOver(
  path: string,
  judged: LockInfo | null,
  me: LockInfo,
  options: LockOptions,
): Promise<'taken' | 'busy'> {
  const mutex = `${path}.takeover`
  try {
    const handle = await open(mutex, 'wx')
    await handle.close()
  } catch (error) {
    if (!isCode(error, 'EEXIST')) return 'busy'
    // A takeover that crashed leaves its mutex behind; clear it once it is clearly abandoned.
    const info = await stat(mutex).catch(() => null)
    const now = (options.now?.() ?? new Date()).getTime()
    if (info && now - info.mtimeMs > 60_000) await rm(mutex, { force: true })
    return 'busy'
  }
  try {
    const again = await readLock(path)
    const unchanged = again === null ? judged === null : judged !== null && again.token === judged.token
    if (!unchanged || (again && !isStale(again, me, options))) return 'busy'
    await rm(path, { force: true })
    return (await tryCreate(path, me)) === 'created' ? 'taken' : 'busy'
  } finally {
    await rm(mutex, { force: true })
  }
}
