import { hostname } from 'node:os'
import { lstat, open, readdir, readFile, realpath, rm } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { unzipSync } from 'fflate'
import { MANIFEST_NAME } from '../../../../shared/bundle/manifest'
import { isCode } from '../storage'

/** Why a destination cannot be used; `reason` picks the exit code and the words the caller adds. */
export type DestinationRefusal = { reason: 'overlap' | 'exists' | 'not-an-export' | 'busy'; message: string }

/** Raised when a destination is refused (overlap, exists, not a previous export, another export writing it). */
export class DestinationRefusedError extends Error {
  override readonly name = 'DestinationRefusedError'
  constructor(readonly refusal: DestinationRefusal) {
    super(refusal.message)
  }
}

/**
 * The path as the file system will resolve it: symlinks in its existing part followed (realpath of the
 * nearest existing ancestor), the rest appended, so `ws/../ws/articles` and a link to the workspace compare
 * equal to the workspace itself.
 */
export async function resolvedPath(path: string): Promise<string> {
  const absolute = resolve(path)
  const rest: string[] = []
  let at = absolute
  for (;;) {
    try {
      return join(await realpath(at), ...rest.reverse())
    } catch (error) {
      if (!isCode(error, 'ENOENT') && !isCode(error, 'ENOTDIR')) throw error
      const parent = dirname(at)
      if (parent === at) return absolute
      rest.push(basename(at))
      at = parent
    }
  }
}

/** True when `inner` is `outer` or lies inside it (both already resolved). */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/**
 * How `path` overlaps `root` (both are resolved first): the same folder, inside it, or containing it; null
 * when they are apart. One rule for export destinations against the workspace and import sources against it.
 */
export async function overlapOf(path: string, root: string): Promise<'same' | 'inside' | 'contains' | null> {
  const [p, r] = await Promise.all([resolvedPath(path), resolvedPath(root)])
  if (p === r) return 'same'
  if (within(p, r)) return 'inside'
  if (within(r, p)) return 'contains'
  return null
}

/** Words for an overlap of `path` with the workspace `root`, or null when they are apart. */
export async function workspaceOverlapProblem(path: string, root: string, what: string): Promise<string | null> {
  const overlap = await overlapOf(path, root)
  switch (overlap) {
    case null:
      return null
    case 'same':
      return `${what} ${path} is the workspace itself`
    case 'inside':
      return `${what} ${path} is inside the workspace ${root}`
    case 'contains':
      return `${what} ${path} contains the workspace ${root}`
  }
}

/** True when `text` is a Newsdesk export manifest (format "newsdesk-manifest" with a list of files). */
function manifestFiles(text: string): string[] | null {
  try {
    const m = JSON.parse(text) as { format?: unknown; files?: unknown }
    if (m.format !== 'newsdesk-manifest' || !Array.isArray(m.files)) return null
    return m.files.map((f: { path?: unknown }) => (typeof f.path === 'string' ? f.path : ''))
  } catch {
    return null
  }
}

/**
 * Why the existing `destination` may not be replaced, or null when it is a previous Newsdesk export: a
 * folder whose manifest.json is a Newsdesk manifest and that holds nothing else at its top level than what
 * that manifest lists, or a regular .zip file whose manifest.json entry is one. Symbolic links, other files
 * and other folders are never replaced.
 */
export async function notAPreviousExport(destination: string, zip: boolean): Promise<string | null> {
  const info = await lstat(destination)
  const words = `${destination} is not a previous Newsdesk export`
  if (info.isSymbolicLink()) return `${destination} is a symbolic link; it is never replaced`
  if (zip) {
    if (!info.isFile()) return `${words} (it is not a .zip file)`
    let entries
    try {
      entries = unzipSync(await readFile(destination), { filter: (f) => f.name === MANIFEST_NAME })
    } catch {
      return `${words} (it is not a readable zip)`
    }
    const manifest = entries[MANIFEST_NAME]
    return manifest && manifestFiles(Buffer.from(manifest).toString('utf8'))
      ? null
      : `${words} (no Newsdesk manifest.json in it)`
  }
  if (!info.isDirectory()) return `${words} (it is not a folder)`
  const listed = await readFile(join(destination, MANIFEST_NAME), 'utf8').then(manifestFiles, () => null)
  if (!listed) return `${words} (no Newsdesk manifest.json in it)`
  const tops = new Set([MANIFEST_NAME, ...listed.map((p) => p.split('/')[0] ?? '')])
  const stranger = (await readdir(destination)).find((name) => !tops.has(name))
  return stranger === undefined ? null : `${words}: it holds "${stranger}", which its manifest does not list`
}

/**
 * Checks a destination before anything is written and again just before the commit: never the workspace,
 * inside it or containing it; an existing destination only with `overwrite`, and then only a previous
 * Newsdesk export. Throws DestinationRefusedError.
 */
export async function checkDestination(
  destination: string,
  options: { workspace: string; zip: boolean; overwrite: boolean },
): Promise<void> {
  const overlap = await workspaceOverlapProblem(destination, options.workspace, 'the destination')
  if (overlap)
    throw new DestinationRefusedError({ reason: 'overlap', message: `${overlap}; choose a folder outside it` })
  const present = await lstat(destination).then(
    () => true,
    (error: unknown) => {
      if (isCode(error, 'ENOENT')) return false
      throw error
    },
  )
  if (!present) return
  if (!options.overwrite)
    throw new DestinationRefusedError({ reason: 'exists', message: `${destination} already exists` })
  const problem = await notAPreviousExport(destination, options.zip)
  if (problem)
    throw new DestinationRefusedError({ reason: 'not-an-export', message: `${problem}; nothing was replaced` })
}

/** Contents of a destination lock: who is exporting there. */
interface DestinationLockInfo {
  pid: number
  hostname: string
}

/** A lock's text: null when it is gone, empty when it cannot be read (the same answer each time, so no spin). */
function readLock(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch((error: unknown) => (isCode(error, 'ENOENT') ? null : ''))
}

/** How long an empty destination lock is taken to be a writer between its create and its write. */
const EMPTY_LOCK_GRACE_MS = 2_000

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isCode(error, 'EPERM')
  }
}

/**
 * Takes the lock `.<name>.ndexport-lock` beside a destination for the whole of one export, so two exports
 * to one destination never interleave: the second is refused (reason busy) while the first runs. A lock whose
 * process is gone (same host) is taken over. An empty or unreadable lock is either a writer between its create
 * and its write (microseconds) or one killed in that gap: it is waited on until it is `EMPTY_LOCK_GRACE_MS`
 * old, then taken over, so an export killed there never refuses the next one. Returns the release function.
 */
export async function lockDestination(destination: string): Promise<() => Promise<void>> {
  const path = join(dirname(destination), `.${basename(destination)}.ndexport-lock`)
  const me: DestinationLockInfo = { pid: process.pid, hostname: hostname() }
  // Takeovers are bounded: each removes a dead or abandoned lock, so a third in a row means another process
  // keeps taking it over at the same time; the waits on a young empty lock are bounded by its age.
  for (let takeovers = 0; takeovers < 3;) {
    try {
      const handle = await open(path, 'wx', 0o644)
      try {
        await handle.writeFile(JSON.stringify(me))
      } finally {
        await handle.close()
      }
      return async () => {
        const now = await readFile(path, 'utf8').catch(() => '')
        if (now === JSON.stringify(me)) await rm(path, { force: true })
      }
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error
    }
    // What is judged: this lock file (its inode and mtime), so a lock another exporter made since is never removed.
    const judged = await lstat(path).catch(() => null)
    if (!judged) continue // gone since the create failed: create it again
    const text = await readLock(path)
    let holder: DestinationLockInfo | null = null
    try {
      const parsed = JSON.parse(text ?? '') as DestinationLockInfo
      if (Number.isInteger(parsed.pid) && typeof parsed.hostname === 'string') holder = parsed
    } catch {
      holder = null
    }
    if (holder && (holder.hostname !== me.hostname || alive(holder.pid))) {
      throw new DestinationRefusedError({
        reason: 'busy',
        message: `another export to ${destination} is running (pid ${holder.pid} on ${holder.hostname}); nothing was written`,
      })
    }
    if (!holder) {
      const age = Date.now() - judged.mtimeMs
      if (age < EMPTY_LOCK_GRACE_MS) {
        await new Promise((r) => setTimeout(r, Math.min(200, EMPTY_LOCK_GRACE_MS - age + 1)))
        continue
      }
    }
    // Another exporter may have taken the abandoned lock over since: its lock is a new file (new mtime, inode).
    const now = await lstat(path).catch(() => null)
    if (!now || now.ino !== judged.ino || now.mtimeMs !== judged.mtimeMs) continue
    await rm(path, { force: true })
    takeovers++
  }
  throw new DestinationRefusedError({
    reason: 'busy',
    message: `another export to ${destination} is starting; nothing was written`,
  })
}
