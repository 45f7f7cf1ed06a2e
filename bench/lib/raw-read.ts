// The raw-read peer of opening a workspace: `cat` of every article file, the least any open must do.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/** One raw read of a workspace's article files. */
export interface RawRead {
  ms: number
  files: number
}

/**
 * Reads every `articles/*.json` of a workspace with `cat` (batched by `find -exec … +`, output discarded) and
 * times it. Throws with the reason when `find` or `cat` fails, so a broken peer never passes as a fast one.
 */
export function rawReadArticles(workspace: string): RawRead {
  const dir = join(workspace, 'articles')
  const files = readdirSync(dir).filter((name) => name.endsWith('.json')).length
  const started = performance.now()
  const run = spawnSync('find', [dir, '-maxdepth', '1', '-name', '*.json', '-type', 'f', '-exec', 'cat', '{}', '+'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`cat of every article file failed: ${run.stderr.toString().slice(0, 200)}`)
  return { ms, files }
}
