import { randomBytes } from 'node:crypto'
import { readdir, readFile, rename, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { isAbsolute, join, relative } from 'node:path'
import { z } from 'zod'
import {
  fsyncDir,
  pathExists,
  writeDurable,
  describeHolder,
  IMPORT_STAGING_RE,
  readLockHolder,
  WorkspaceLock,
  workspaceLayout,
} from '../storage'

/** Name of the list of planned moves an import writes into its staging folder before moving anything. */
export const MOVES_FILE = 'moves.json'
/** Marker written once every move of an import is done (the import is then complete). */
export const DONE_FILE = 'done'

const movesSchema = z.array(z.object({ staged: z.string(), target: z.string(), backup: z.string().nullable() }))

/** One planned move of an import commit: staged file -> target, with the target's old bytes kept in backup. */
export type ImportMove = z.infer<typeof movesSchema>[number]

/**
 * Records the moves of an import (absolute paths) before the first one, so a crash in the middle can be
 * rolled back; the list keeps paths relative to the workspace `root`.
 */
export async function writeMoves(root: string, staging: string, moves: readonly ImportMove[]): Promise<void> {
  const rel = (p: string) => relative(root, p)
  const list = moves.map((m) => ({
    staged: rel(m.staged),
    target: rel(m.target),
    backup: m.backup ? rel(m.backup) : null,
  }))
  await writeDurable(join(staging, MOVES_FILE), JSON.stringify(list))
  await writeDurable(workspaceLayout(root).importGeneration, randomBytes(8).toString('hex'))
}

/**
 * The workspace's import generation token ('' before the first import): `.newsdesk/import-generation`, replaced
 * by every import just before its first move, so a reader that finds the same token before and after reading
 * (and no import in its moves) read one generation.
 */
export async function importGeneration(root: string): Promise<string> {
  return readFile(workspaceLayout(root).importGeneration, 'utf8').catch(() => '')
}

/** Imports whose moves have started and are not done: their files may be half in place. */
export async function importsInMotion(root: string): Promise<string[]> {
  const base = workspaceLayout(root).store
  const names = await readdir(base).catch(() => [] as string[])
  const moving: string[] = []
  for (const name of names.filter((n) => IMPORT_STAGING_RE.test(n))) {
    if ((await pathExists(join(base, name, MOVES_FILE))) && !(await pathExists(join(base, name, DONE_FILE))))
      moving.push(name)
  }
  return moving
}

/** How long a reader waits for an import that is being applied by a live process. */
export const SETTLE_TIMEOUT_MS = 60_000

/**
 * Makes sure no import is half in place before anything is read, for every kind of open (read-only too): an
 * import being applied by a live process (it holds the workspace lock) is waited for; one whose process is
 * gone is rolled back under the workspace lock (taken over, then released). Returns the generation token
 * to compare after reading (see `readOneGeneration`). Raises in words when it cannot settle.
 */
export async function settleImports(root: string, timeoutMs = SETTLE_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    // The token first, then the check: an import that starts in between changes the token.
    const generation = await importGeneration(root)
    if ((await importsInMotion(root)).length === 0) return generation
    const holder = await readLockHolder(root)
    const ours = holder?.pid === process.pid && holder.hostname === hostname()
    const taken = ours ? null : await WorkspaceLock.acquire(root)
    if (taken?.kind === 'acquired') {
      try {
        await recoverInterruptedImports(root)
      } finally {
        await taken.lock.release()
      }
      continue
    }
    if (taken?.kind === 'unwritable')
      throw new Error(
        `an import into ${root} was interrupted and cannot be rolled back here (${taken.message}); open the workspace once where it can be written`,
      )
    if (Date.now() > deadline) {
      const who = taken?.kind === 'held' ? ` by ${describeHolder(taken.holder)}` : ''
      throw new Error(`an import into ${root} is being applied${who}; nothing was read, try again when it ends`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * Runs `read` on one consistent generation of the workspace: imports are settled first, and the read is
 * done again (up to `attempts` times) when an import moved files meanwhile.
 */
export async function readOneGeneration<T>(root: string, read: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const before = await settleImports(root)
    const result = await read()
    const moving = (await importsInMotion(root)).length > 0
    if (!moving && (await importGeneration(root)) === before) return result
    if (attempt >= attempts)
      throw new Error(`the workspace ${root} kept changing (imports) while it was read; try again`)
  }
}

/** Marks an import complete (every move done and the folders synced). */
export async function markDone(staging: string): Promise<void> {
  await writeDurable(join(staging, DONE_FILE), '')
}

/**
 * Start-up repair of imports interrupted by a crash (SIGKILL, power loss) in the middle of their moves: an
 * import without its done marker is rolled back (targets it replaced get their backup back, files it added
 * are removed), so a workspace never holds half an import nor loses an article parked in a backup. Staging
 * folders are then removed. Returns how many imports were rolled back.
 */
export async function recoverInterruptedImports(root: string): Promise<number> {
  const layout = workspaceLayout(root)
  const base = layout.store
  const names = await readdir(base).catch(() => [] as string[])
  let rolledBack = 0
  for (const name of names.filter((n) => IMPORT_STAGING_RE.test(n))) {
    const staging = join(base, name)
    if (!(await pathExists(join(staging, DONE_FILE)))) {
      let moves: ImportMove[] = []
      try {
        moves = movesSchema.parse(JSON.parse(await readFile(join(staging, MOVES_FILE), 'utf8')))
      } catch {
        // No (complete) list: the crash came before the first move, so nothing outside staging changed.
      }
      // Paths from the list must stay inside the workspace (the list itself could be damaged or planted).
      const inside = (p: string) => !isAbsolute(p) && !p.split(/[\\/]/).includes('..')
      for (const move of [...moves].reverse()) {
        if (!inside(move.staged) || !inside(move.target) || (move.backup && !inside(move.backup))) continue
        const staged = join(root, move.staged)
        if (move.backup) {
          const backup = join(root, move.backup)
          if (await pathExists(backup)) await rename(backup, join(root, move.target))
        } else if (!(await pathExists(staged))) {
          await rm(join(root, move.target), { force: true })
        }
      }
      if (moves.length > 0) rolledBack++
    }
    await rm(staging, { recursive: true, force: true })
  }
  if (rolledBack > 0) {
    await fsyncDir(layout.articles).catch(() => undefined)
    await fsyncDir(layout.assets).catch(() => undefined)
  }
  return rolledBack
}
