import { readdirSync, rmSync } from 'node:fs'
import { readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pickFields, type ArticleFields, type ArticleId } from '../../../../shared/article/schema'
import { readArticleFile, type ReadOutcome } from './article-file'
import { fsyncDir, isCode, TEMP_SUFFIX, workspaceLayout } from '../storage'

/** What the sweep needs from the library: quarantining a broken target and journaling a recovered temp. */
export interface SweepActions {
  quarantine(path: string, outcome: Extract<ReadOutcome, { ok: false }>): Promise<void>
  journal(id: ArticleId, baseHash: string, fields: ArticleFields): Promise<void>
}

/** Counts of what a sweep did. */
export interface SweepReport {
  removed: number
  recovered: number
}

const TEMP_RE = /^\.(.+)\.[0-9a-f]{12}\.ndtmp$/

/**
 * Start-up sweep of temp files left by an interrupted `writeDurable` (a SIGKILL between write and rename):
 * in `articles/`, a complete, valid temp newer than its article is recovered (put in place when the
 * article file is missing or broken, the broken one quarantined; offered through the journal when the
 * file is valid but older); every other temp, here and under `.newsdesk/`, is removed.
 */
export async function sweepTemps(root: string, actions: SweepActions): Promise<SweepReport> {
  const articles = await sweepArticleTemps(root, actions)
  return { removed: articles.removed + (await sweepStoreTemps(root)), recovered: articles.recovered }
}

/**
 * The part of `sweepTemps` that must run before anything is listed: temps in `articles/`. Also returns
 * the folder's names as read, when the sweep changed nothing in it (the library lists from them).
 */
export async function sweepArticleTemps(
  root: string,
  actions: SweepActions,
): Promise<SweepReport & { articleNames: string[] | null }> {
  const report: SweepReport = { removed: 0, recovered: 0 }
  const articlesDir = workspaceLayout(root).articles
  const names = await namesIn(articlesDir)
  const temps = names.filter((n) => n.endsWith(TEMP_SUFFIX))
  // Newest first, so of several temps for one article only the newest can be recovered.
  const withTimes = await Promise.all(
    temps.map(async (name) => ({ name, mtime: (await stat(join(articlesDir, name)).catch(() => null))?.mtimeMs ?? 0 })),
  )
  withTimes.sort((a, b) => b.mtime - a.mtime)
  const handled = new Set<string>()
  for (const { name } of withTimes) {
    const tempPath = join(articlesDir, name)
    const target = TEMP_RE.exec(name)?.[1]
    if (target && !handled.has(target) && target.endsWith('.json')) {
      handled.add(target)
      if (await recover(tempPath, join(articlesDir, target), target.slice(0, -5), actions)) {
        report.recovered++
        continue
      }
    }
    await rm(tempPath, { force: true })
    report.removed++
  }
  return { ...report, articleNames: temps.length === 0 ? names : null }
}

/**
 * The part of `sweepTemps` that can wait (the app runs it in the background): temps under `.newsdesk/`
 * (history, trash, journal, quarantine, caches), which nothing lists. Returns how many were removed.
 */
export async function sweepStoreTemps(root: string): Promise<number> {
  let removed = 0
  for (const dir of await newsdeskFolders(root)) {
    for (const name of await tempsIn(dir)) {
      await rm(join(dir, name), { force: true })
      removed++
    }
  }
  return removed
}

/**
 * Removes the temps an interrupted `writeDurable` left beside one file whose writes are never recovered
 * (settings: a write that did not finish was never acknowledged, the file itself is the last good state).
 * Synchronous, for stores that open synchronously. Returns how many were removed.
 */
export function removeTempsOfSync(target: string): number {
  const dir = dirname(target)
  const name = basename(target)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 0
    throw error
  }
  const leftovers = names.filter((n) => TEMP_RE.exec(n)?.[1] === name)
  for (const leftover of leftovers) rmSync(join(dir, leftover), { force: true })
  return leftovers.length
}

async function recover(tempPath: string, targetPath: string, id: string, actions: SweepActions): Promise<boolean> {
  const temp = await readArticleFile(tempPath)
  if (!temp.ok || temp.article.id.toLowerCase() !== id.toLowerCase()) return false
  const current = await readArticleFile(targetPath)
  if (current.ok) {
    if (temp.article.revision <= current.article.revision || temp.hash === current.hash) return false
    await actions.journal(id, current.hash, pickFields(temp.article))
    await rm(tempPath, { force: true })
    return true
  }
  if (current.reason === 'invalid') await actions.quarantine(targetPath, current)
  await rename(tempPath, targetPath)
  await fsyncDir(join(targetPath, '..'))
  return true
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return []
    throw error
  }
}

async function tempsIn(dir: string): Promise<string[]> {
  return (await namesIn(dir)).filter((n) => n.endsWith(TEMP_SUFFIX))
}

async function newsdeskFolders(root: string): Promise<string[]> {
  const layout = workspaceLayout(root)
  const dirs = [layout.store]
  for (const dir of [layout.history, layout.trash, layout.journal, layout.quarantine]) {
    dirs.push(dir)
    if (dir === layout.history) {
      try {
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          if (entry.isDirectory()) dirs.push(join(dir, entry.name))
        }
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error
      }
    }
  }
  return dirs
}
