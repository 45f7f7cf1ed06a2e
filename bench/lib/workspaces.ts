// Cached benchmark workspaces under bench/workspaces/ (gitignored) and cheap per-run clones.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { GENERATOR_VERSION, MANIFEST_NAME, generateWorkspace, type WorkspaceManifest } from '../generate/workspace.ts'

/** Folder of the cached workspaces (gitignored). */
export const WORKSPACES_DIR = resolve(import.meta.dirname, '..', 'workspaces')

/** A generated workspace ready to benchmark. */
export interface CachedWorkspace {
  dir: string
  manifest: WorkspaceManifest
  generatedMs: number | null
}

/** Returns the cached workspace for (articles, seed), generating it when missing or made by an older generator. */
export function ensureWorkspace(articles: number, seed: string, log: (m: string) => void): CachedWorkspace {
  const dir = join(WORKSPACES_DIR, `ws-${seed}-${articles}`)
  const manifestPath = join(dir, MANIFEST_NAME)
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as WorkspaceManifest
    if (manifest.generatorVersion === GENERATOR_VERSION && manifest.articles === articles && manifest.seed === seed) {
      return { dir, manifest, generatedMs: null }
    }
  }
  log(`generating ${articles.toLocaleString('en')} articles (seed ${seed}) into ${dir}`)
  const started = performance.now()
  const manifest = generateWorkspace({ articles, seed, out: dir })
  return { dir, manifest, generatedMs: performance.now() - started }
}

/**
 * A throw-away copy of a workspace for one benchmark. Hard links (`cp -al`) make it instant even at 50,000
 * files and are safe: the library never writes a file in place (temp file + rename), so a save replaces the
 * link in the clone and leaves the cached original untouched. Falls back to a real copy.
 */
export function cloneWorkspace(source: string): string {
  mkdirSync(WORKSPACES_DIR, { recursive: true })
  const parent = mkdtempSync(join(WORKSPACES_DIR, 'clone-'))
  const dir = join(parent, 'workspace')
  const linked = spawnSync('cp', ['-al', source, dir], { stdio: 'ignore' })
  if (linked.status !== 0) cpSync(source, dir, { recursive: true })
  return dir
}

/** Removes a clone made by `cloneWorkspace`. */
export function removeClone(dir: string): void {
  rmSync(resolve(dir, '..'), { recursive: true, force: true })
}
