import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { Article } from '../../../../shared/article/schema'
import { runGit, type DriverCommand } from '../sync'
import { makeArticle, TestEditor } from './sync-editors'

/** A `git daemon` on 127.0.0.1 serving bare repositories from one folder, with push enabled (tests only). */
export interface GitServer {
  port: number
  /** The git:// URL of a repository served from the base folder. */
  url(name: string): string
  /** Creates an empty bare repository `name` on the server and returns its URL. */
  createRepository(name: string): Promise<string>
  /** Stops serving (clients then see the remote as offline). */
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      done(true)
    })
    socket.once('error', () => done(false))
  })
}

/**
 * Starts Debian's `git daemon` on a free loopback port (or on `port`: a server stopped and started again, as
 * a remote that went away and came back), serving `base` (created if missing).
 */
export async function startGitServer(base: string, options: { port?: number } = {}): Promise<GitServer> {
  await mkdir(base, { recursive: true })
  const port = options.port ?? (await freePort())
  const child: ChildProcess = spawn(
    'git',
    [
      'daemon',
      '--export-all',
      '--enable=receive-pack',
      '--reuseaddr',
      '--informative-errors',
      `--base-path=${base}`,
      `--port=${port}`,
      '--listen=127.0.0.1',
      base,
    ],
    { stdio: 'ignore' },
  )
  const deadline = Date.now() + 10_000
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`git daemon did not start on port ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    port,
    url: (name) => `git://127.0.0.1:${port}/${name}`,
    async createRepository(name) {
      const dir = join(base, name)
      await mkdir(dir, { recursive: true })
      await runGit(dir, ['init', '--quiet', '--bare', '--initial-branch=main'])
      return `git://127.0.0.1:${port}/${name}`
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) {
          done()
          return
        }
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}

/**
 * Builds the sync commands into one JavaScript file in `dir` (rolldown, the bundler electron-vite uses) and
 * returns the driver command git runs: Node and that file, as the app runs its built CLI.
 */
export async function buildTestDriver(dir: string): Promise<DriverCommand> {
  const { build } = await import('rolldown')
  const file = join(dir, 'newsdesk-sync-cli.mjs')
  await build({
    input: resolve(import.meta.dirname, 'sync-cli-entry.ts'),
    platform: 'node',
    logLevel: 'silent',
    output: { file, format: 'esm' },
  })
  return { argv: [process.execPath, file] }
}

/** Syncs start git processes; a loaded machine needs more than vitest's 30 s for one sync test. */
export const GIT_TIMEOUT_MS = 180_000

/** What a test file's git server holds once its `beforeAll` has run (read the fields inside tests only). */
export interface GitServerSuite {
  /** The file's temp folder (the server's repositories sit under `server/` in it). */
  readonly dir: string
  readonly server: GitServer
  /** The built `newsdesk merge-driver` command, as git runs it. */
  readonly driver: DriverCommand
  /**
   * Creates repository `<repo>.git` on the server and a first editor (in `<dir>/<repo>/`) who writes one
   * article and syncs it there; `join` clones the remote for another editor.
   */
  shareArticle(repo: string, name?: string): Promise<SharedArticle>
}

/** A remote holding one synced article, its first editor, and a way to bring in more editors. */
export interface SharedArticle {
  url: string
  first: TestEditor
  article: Article
  join(name: string): Promise<TestEditor>
}

/**
 * Registers the `beforeAll`/`afterAll` that give one test file a temp folder `nd-<prefix>-…`, a git daemon
 * serving from it and the built merge driver, and remove them afterwards (tests only).
 */
export function gitServerSuite(prefix: string): GitServerSuite {
  let state: { dir: string; server: GitServer; driver: DriverCommand } | null = null
  const get = () => {
    if (!state) throw new Error('gitServerSuite: read the suite inside a test or a later beforeAll')
    return state
  }
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), `nd-${prefix}-`))
    const server = await startGitServer(join(dir, 'server'))
    state = { dir, server, driver: await buildTestDriver(dir) }
  }, 60_000)
  afterAll(async () => {
    if (!state) return
    await state.server.stop()
    await rm(state.dir, { recursive: true, force: true })
  })
  return {
    get dir() {
      return get().dir
    },
    get server() {
      return get().server
    },
    get driver() {
      return get().driver
    },
    async shareArticle(repo, name = 'A') {
      const { dir, server, driver } = get()
      const url = await server.createRepository(`${repo}.git`)
      const parent = join(dir, repo)
      const first = await TestEditor.init(name, url, parent, driver)
      const article = makeArticle()
      await first.write(article)
      await first.sync()
      return { url, first, article, join: (other) => TestEditor.clone(other, url, parent, driver) }
    },
  }
}
