import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { AttentionItem } from '../../../../shared/ipc/contract'

/**
 * A sync tool's conflict copy of an article file: Dropbox and similar write `<id> (conflicted copy 2026-12-04).json`
 * (or "(Ana's conflicted copy …)"), Syncthing `<id>.sync-conflict-20261204-101010-ABCDEFG.json`.
 */
const SYNC_COPY_RE =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?: \([^()/\\]*conflicted copy[^()/\\]*\)|\.sync-conflict-[A-Za-z0-9-]+)\.json$/i

/** The attention key of a conflict copy is "sync:" and its file name. */
const KEY_PREFIX = 'sync:'

/** The id of the article a file name is a sync-tool conflict copy of, or null when it is not one. */
export function syncCopyArticleId(name: string): string | null {
  const match = SYNC_COPY_RE.exec(name)
  return match?.[1] ? match[1].toLowerCase() : null
}

/** The file a conflict copy's attention key names, inside `articlesDir`; null for any other key (no paths accepted). */
export function syncCopyPath(articlesDir: string, key: string): { path: string; articleId: string } | null {
  if (!key.startsWith(KEY_PREFIX)) return null
  const name = key.slice(KEY_PREFIX.length)
  const articleId = syncCopyArticleId(name)
  return articleId ? { path: join(articlesDir, name), articleId } : null
}

/** Every conflict copy in `articlesDir`, as "Needs attention" lists it (oldest copies last). */
export async function listSyncCopies(articlesDir: string): Promise<AttentionItem[]> {
  let names: string[]
  try {
    names = await readdir(articlesDir)
  } catch {
    return []
  }
  const items: AttentionItem[] = []
  for (const name of names) {
    const articleId = syncCopyArticleId(name)
    if (!articleId) continue
    const info = await stat(join(articlesDir, name)).catch(() => null)
    if (!info?.isFile()) continue
    items.push({
      key: KEY_PREFIX + name,
      originalName: name,
      reason: 'sync-conflict',
      message: `a sync tool kept a second version of article ${articleId} beside it`,
      quarantinedAt: info.mtime.toISOString(),
      articleId,
    })
  }
  return items.sort((a, b) => (a.quarantinedAt < b.quarantinedAt ? 1 : -1))
}
