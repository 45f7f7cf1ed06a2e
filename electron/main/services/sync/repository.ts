import { mkdir, readFile, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { isCode, writeDurable, workspaceLayout } from '../storage'
import { GitError, runGit } from './git'
import { GITATTRIBUTES_TEXT, GITIGNORE_TEXT, MERGE_DRIVER_NAME } from './shared-files'

/** The remote a synced workspace uses. */
export const REMOTE_NAME = 'origin'
/** The branch a new repository starts on. */
export const DEFAULT_BRANCH = 'main'

/** Who commits: the editor's name and email (from Settings in the app, flags or environment in the CLI). */
export interface GitAuthor {
  name: string
  email: string
}

/** How git runs the merge driver: a shell command prefix to which ` merge-driver %O %A %B %P` is appended. */
export interface DriverCommand {
  /** The program and arguments before `merge-driver`, e.g. `["/usr/bin/node", "/opt/newsdesk/cli.js"]`. */
  argv: readonly string[]
  /** Environment assignments git's shell sets first (e.g. ELECTRON_RUN_AS_NODE=1 for the app's binary). */
  env?: Record<string, string>
  /** A ready shell command prefix used as it is instead of `argv` (NEWSDESK_MERGE_DRIVER, tests). */
  raw?: string
}

/** Quotes one word for the POSIX shell git runs merge drivers with. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\-./:=@%+]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}

/** The `merge.newsdesk.driver` value for a driver command. */
export function driverConfigValue(command: DriverCommand): string {
  const env = Object.entries(command.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)} `)
  const program = command.raw ?? command.argv.map(shellQuote).join(' ')
  return `${env.join('')}${program} merge-driver %O %A %B %P`
}

/** True when `root` is the top of a git work tree. */
export async function isRepository(root: string): Promise<boolean> {
  try {
    const { stdout } = await runGit(root, ['rev-parse', '--show-toplevel'])
    return resolve(stdout.trim()) === resolve(root)
  } catch (error) {
    if (error instanceof GitError) return false
    throw error
  }
}

async function writeIfDifferent(path: string, text: string): Promise<boolean> {
  try {
    if ((await readFile(path, 'utf8')) === text) return false
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error
  }
  await writeDurable(path, text)
  return true
}

/**
 * Makes a repository ready for Newsdesk: the workspace folders and marker exist, `.gitignore` and
 * `.gitattributes` hold Newsdesk's text, and the merge driver is registered in the repository's config (done
 * on every sync, so the command follows the installed Newsdesk). Returns the repository's local config.
 */
export async function configureRepository(root: string, driver: DriverCommand): Promise<Map<string, string>> {
  await mkdir(join(root, 'articles'), { recursive: true })
  await mkdir(join(root, 'assets'), { recursive: true })
  await mkdir(workspaceLayout(root).store, { recursive: true })
  try {
    await stat(workspaceLayout(root).marker)
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error
    await writeDurable(
      workspaceLayout(root).marker,
      `${JSON.stringify({ format: 'newsdesk-workspace', version: 1 }, null, 2)}\n`,
    )
  }
  await writeIfDifferent(join(root, '.gitignore'), GITIGNORE_TEXT)
  await writeIfDifferent(join(root, '.gitattributes'), GITATTRIBUTES_TEXT)
  const config: [string, string][] = [
    [`merge.${MERGE_DRIVER_NAME}.name`, 'Newsdesk field-by-field merge of articles and publication settings'],
    [`merge.${MERGE_DRIVER_NAME}.driver`, driverConfigValue(driver)],
    ['core.quotePath', 'false'],
  ]
  const listed = await runGit(root, ['config', '--local', '--list', '-z'])
  const current = new Map(
    listed.stdout
      .split('\0')
      .filter((e) => e !== '')
      .map((e) => [e.slice(0, e.indexOf('\n')), e.slice(e.indexOf('\n') + 1)] as const),
  )
  for (const [key, value] of config) {
    if (current.get(key.toLowerCase()) !== value) {
      await runGit(root, ['config', '--local', key, value])
      current.set(key.toLowerCase(), value)
    }
  }
  return current
}

/** Turns a workspace folder into a git repository (nothing happens to one that already is); true when created. */
export async function initRepository(root: string, driver: DriverCommand): Promise<boolean> {
  const created = !(await isRepository(root))
  if (created) await runGit(root, ['init', '--quiet', `--initial-branch=${DEFAULT_BRANCH}`])
  await configureRepository(root, driver)
  return created
}

/** Outcome of a clone. */
export type CloneResult =
  { ok: true; root: string; empty: boolean } | { ok: false; reason: 'exists' | 'git'; message: string }

/**
 * Clones a workspace from `source` (a URL, a repository folder or a `git bundle` file) into `dir`, which must
 * not exist or be empty, and registers the merge driver. An empty remote gives an empty workspace.
 */
export async function cloneWorkspace(source: string, dir: string, driver: DriverCommand): Promise<CloneResult> {
  const target = resolve(dir)
  try {
    const info = await stat(target)
    if (!info.isDirectory()) return { ok: false, reason: 'exists', message: `${target} exists and is not a folder` }
    const { readdir } = await import('node:fs/promises')
    if ((await readdir(target)).length > 0) return { ok: false, reason: 'exists', message: `${target} is not empty` }
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error
  }
  const looksLocal = !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !/^[^/\\]+@[^:]+:/.test(source)
  const from = looksLocal ? resolve(source) : source
  try {
    await runGit(process.cwd(), ['clone', '--quiet', '--origin', REMOTE_NAME, '--', from, target], {
      timeoutMs: 30 * 60_000,
    })
  } catch (error) {
    if (error instanceof GitError) {
      await rm(target, { recursive: true, force: true }).catch(() => undefined)
      return { ok: false, reason: 'git', message: error.message }
    }
    throw error
  }
  let head = await runGit(target, ['rev-parse', '--verify', '--quiet', 'HEAD'], { okCodes: [1] })
  if (head.code !== 0) {
    // A bundle made without HEAD (`git bundle create x.bundle main`) clones with nothing checked out.
    const branches = (
      await runGit(target, ['for-each-ref', '--format=%(refname:strip=3)', `refs/remotes/${REMOTE_NAME}`])
    ).stdout
      .split('\n')
      .filter((b) => b !== '' && b !== 'HEAD')
    const pick = branches.includes(DEFAULT_BRANCH)
      ? DEFAULT_BRANCH
      : branches.includes('master')
        ? 'master'
        : branches[0]
    if (pick) {
      await runGit(target, ['checkout', '--quiet', '-b', pick, '--track', `${REMOTE_NAME}/${pick}`])
      head = await runGit(target, ['rev-parse', '--verify', '--quiet', 'HEAD'], { okCodes: [1] })
    }
  }
  const empty = head.code !== 0
  if (empty) await runGit(target, ['symbolic-ref', 'HEAD', `refs/heads/${DEFAULT_BRANCH}`])
  await configureRepository(target, driver)
  return { ok: true, root: target, empty }
}

/** Sets (or replaces) the workspace's remote; an empty URL removes it. */
export async function setRemote(root: string, url: string): Promise<void> {
  const remotes = (await runGit(root, ['remote'])).stdout.split('\n').map((r) => r.trim())
  const has = remotes.includes(REMOTE_NAME)
  if (url === '') {
    if (has) await runGit(root, ['remote', 'remove', REMOTE_NAME])
    return
  }
  const looksLocal = !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^[^/\\]+@[^:]+:/.test(url)
  const target = looksLocal ? resolve(url) : url
  await runGit(root, has ? ['remote', 'set-url', REMOTE_NAME, target] : ['remote', 'add', REMOTE_NAME, target])
}

/** The URL of the workspace's remote, or null when it has none. */
export async function remoteUrl(root: string): Promise<string | null> {
  const got = await runGit(root, ['config', '--local', '--get', `remote.${REMOTE_NAME}.url`], { okCodes: [1] })
  return got.code === 0 ? got.stdout.trim() : null
}
