import { readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { isAbsolute, join, relative } from 'node:path'
import { z } from 'zod'
import { fsyncDir, isCode, writeDurable } from '../storage'
import { IMPORT_STAGING_RE, workspaceLayout } from '../workspace'

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
}

/** Marks an import complete (every move done and the folders synced). */
export async function markDone(staging: string): Promise<void> {
  await writeDurable(join(staging, DONE_FILE), '')
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false
    throw error
  }
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
    if (!(await exists(join(staging, DONE_FILE)))) {
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
          if (await exists(backup)) await rename(backup, join(root, move.target))
        } else if (!(await exists(staged))) {
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
