import { hostname as osHostname } from 'node:os'
import { link, mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { isCode } from './fs-errors'
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
  | {
      kind: 'acquired'
      lock: WorkspaceLock
      tookOver: LockInfo | null
      /** What was wrong with a lock that was taken over (in words), or null when none was there. */
      healed: string | null
    }
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
    const acquired = (tookOver: LockInfo | null, healed: string | null): LockResult => {
      void sweepLockTemps(dir, me, options)
      return { kind: 'acquired', lock: new WorkspaceLock(path, me, options).start(), tookOver, healed }
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const created = await createExclusive(path, me)
      if (created === 'created') return acquired(null, null)
      if (created !== 'exists') return { kind: 'unwritable', message: created.message }
      const read = await readLockText(path)
      if (read === 'gone') continue
      const holder = parseLock(read)
      if (holder && holder.hostname === me.hostname && holder.pid === me.pid) {
        // Our own process opened this workspace before (a window reopened): the lock is ours.
        await replaceAtomic(path, me)
        return acquired(null, null)
      }
      if (holder && !isStale(holder, me, options)) return { kind: 'held', holder }
      // The lock is created whole (written beside it, then linked into place), so an empty or unreadable
      // lock is never one being written: it is left by a crash or damaged, and taken over at once.
      const taken = await takeOver(path, read, me, options)
      if (taken === 'taken') {
        const healed = holder
          ? `the lock of ${describeHolder(holder)} was stale (${holder.hostname === me.hostname ? 'its process is gone' : 'no heartbeat'})`
          : read.trim() === ''
            ? 'the lock file was empty'
            : 'the lock file was unreadable'
        return acquired(holder, healed)
      }
      // Someone else is taking it over right now, or it changed under us: look again.
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)))
    }
    const holder = parseLock(await readLockText(path))
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
    // Replaced whole (rename), so no reader ever sees the lock empty or half written.
    await replaceAtomic(this.path, next).catch(() => undefined)
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

/** Who holds the workspace lock of `root` (null when nobody, or when it is unreadable). */
export function readLockHolder(root: string): Promise<LockInfo | null> {
  return readLock(workspaceLayout(root).lock)
}

/** Removes lock temps (`lock.<pid>-….tmp`) a killed process left, once their process is gone (same host). */
async function sweepLockTemps(dir: string, me: LockInfo, options: LockOptions): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const pid = /^lock(?:\.takeover)?\.(\d+)-[a-z0-9]+\.tmp$/.exec(name)?.[1]
    if (pid === undefined || Number(pid) === me.pid) continue
    if (!(options.isAlive ?? defaultIsAlive)(Number(pid))) await rm(join(dir, name), { force: true })
  }
}

/** A temp name beside `path` that no other writer uses. */
function tempBeside(path: string): string {
  return `${path}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`
}

/** Writes `data` fully (fsynced) to a new temp file beside `path` and returns its name. */
async function writeTemp(path: string, data: string): Promise<string> {
  const temp = tempBeside(path)
  const handle = await open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  return temp
}

/**
 * Creates `path` holding `info`, only if it does not exist, never visible half written: the content is
 * written to a temp file first and hard-linked into place (link fails when the name exists).
 */
async function createExclusive(path: string, info: object): Promise<'created' | 'exists' | Error> {
  let temp: string | null = null
  try {
    temp = await writeTemp(path, JSON.stringify(info))
    await link(temp, path)
    return 'created'
  } catch (error) {
    if (isCode(error, 'EEXIST')) return 'exists'
    return error as Error
  } finally {
    if (temp) await unlink(temp).catch(() => undefined)
  }
}

/** Replaces `path` with `info` whole (temp file, then rename). */
async function replaceAtomic(path: string, info: object): Promise<void> {
  const temp = await writeTemp(path, JSON.stringify(info))
  try {
    await rename(temp, path)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
}

/** The lock file's text, or 'gone' when it does not exist. */
async function readLockText(path: string): Promise<string | 'gone'> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'gone'
    return ''
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    return lockSchema.parse(JSON.parse(text))
  } catch {
    return null
  }
}

async function readLock(path: string): Promise<LockInfo | null> {
  const text = await readLockText(path)
  return text === 'gone' ? null : parseLock(text)
}

const mutexSchema = z.object({ pid: z.number().int(), hostname: z.string(), at: z.number() })

/**
 * Takes over the lock judged stale (its text was `judged`) under the `lock.takeover` mutex, re-checked inside
 * it. A mutex left by a takeover killed half way (its process gone, empty, unreadable or older than a minute)
 * is cleared, so a crash inside a takeover never blocks the workspace.
 */
async function takeOver(path: string, judged: string, me: LockInfo, options: LockOptions): Promise<'taken' | 'busy'> {
  const mutex = `${path}.takeover`
  const now = (options.now?.() ?? new Date()).getTime()
  const mine = { pid: me.pid, hostname: me.hostname, at: now }
  let made = await createExclusive(mutex, mine)
  if (made === 'exists') {
    const text = await readLockText(mutex)
    const parsed = (() => {
      try {
        return mutexSchema.parse(JSON.parse(text === 'gone' ? '' : text))
      } catch {
        return null
      }
    })()
    const holder = parsed
    const abandoned =
      !holder ||
      now - holder.at > 60_000 ||
      (holder.hostname === me.hostname && !(options.isAlive ?? defaultIsAlive)(holder.pid))
    if (!abandoned) return 'busy'
    await rm(mutex, { force: true })
    made = await createExclusive(mutex, mine)
  }
  if (made !== 'created') return 'busy'
  try {
    const again = await readLockText(path)
    if (again !== 'gone' && again !== judged) return 'busy'
    const holder = again === 'gone' ? null : parseLock(again)
    if (holder && !isStale(holder, me, options)) return 'busy'
    await rm(path, { force: true })
    return (await createExclusive(path, me)) === 'created' ? 'taken' : 'busy'
  } finally {
    await rm(mutex, { force: true })
  }
}
