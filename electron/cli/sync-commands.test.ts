import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { serializeArticle } from '../main/services/library'
import { driverConfigValue, GITIGNORE_TEXT, runGit, type DriverCommand } from '../main/services/sync'
import { buildTestDriver, makeSyncArticle as makeArticle, para, TestEditor } from '../main/services/test-support'
import { workspaceLayout } from '../main/services/storage'
import { runCli } from './newsdesk'
import { parseAuthor, SYNC_EXIT } from './sync-commands'
import { formatSyncMessage, SYNC_MESSAGES_EN } from '../../shared/sync/sync-messages'
import {
  REMOTE_URL_MAX,
  remoteUrlProblem,
  remoteUrlSchema,
  type RemoteUrlProblemCode,
} from '../../shared/sync/api-types'

/** `text` as a regular expression that matches it literally. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Syncs start git processes; a loaded machine needs more than vitest's 30 s. */
const GIT_TIMEOUT_MS = 180_000

let dir: string
let driver: DriverCommand
const saved = { ...process.env }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-sync-cli-'))
  driver = await buildTestDriver(dir)
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})
afterEach(() => {
  for (const key of ['NEWSDESK_GIT', 'NEWSDESK_MERGE_DRIVER', 'NEWSDESK_AUTHOR_NAME', 'NEWSDESK_AUTHOR_EMAIL']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
})

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  process.env.NEWSDESK_MERGE_DRIVER = driverConfigValue(driver).replace(/ merge-driver %O %A %B %P$/, '')
  const code = await runCli(
    argv,
    (s) => (out += s),
    (s) => (err += s),
  )
  return { code, out, err }
}

async function workspace(name: string): Promise<string> {
  const root = join(dir, name)
  await mkdir(join(root, 'articles'), { recursive: true })
  return root
}

describe('newsdesk sync commands', () => {
  it(
    'merge-driver merges three article files per field and writes the result over A',
    async () => {
      const base = makeArticle()
      const files = { o: join(dir, 'o.json'), a: join(dir, 'a.json'), b: join(dir, 'b.json') }
      await writeFile(files.o, serializeArticle(base))
      await writeFile(files.a, serializeArticle({ ...base, headline: 'Ours', revision: 2 }))
      await writeFile(files.b, serializeArticle({ ...base, tags: [...base.tags, 'new'], revision: 2 }))
      const run = await cli('merge-driver', files.o, files.a, files.b, `articles/${base.id}.json`)
      expect(run.code).toBe(0)
      const merged = JSON.parse(await readFile(files.a, 'utf8'))
      expect([merged.headline, merged.tags, merged.revision]).toEqual(['Ours', ['politics', 'city', 'new'], 3])
      expect((await cli('merge-driver', files.o, files.a)).code).toBe(SYNC_EXIT.usage)
      expect((await cli('merge-driver', files.o, files.a, files.b, 'notes/x.txt')).code).toBe(1)
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'without git: sync says how to install it (exit 5) and the other commands still work',
    async () => {
      const root = await workspace('no-git')
      const article = makeArticle()
      await writeFile(join(root, 'articles', `${article.id}.json`), serializeArticle(article))
      process.env.NEWSDESK_GIT = join(dir, 'no-such-git')
      const run = await cli('sync', '--workspace', root)
      expect(run.code).toBe(SYNC_EXIT.gitMissing)
      expect(run.err).toContain('install git (apt install git, or see https://git-scm.com)')
      const list = await cli('list', '--workspace', root)
      expect(list.code).toBe(0)
      expect(list.out).toContain('Council approves')
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'sync turns a workspace into a repository sharing only the shared files, authored as asked',
    async () => {
      const root = await workspace('local')
      const article = makeArticle()
      await writeFile(join(root, 'articles', `${article.id}.json`), serializeArticle(article))
      await mkdir(workspaceLayout(root).journal, { recursive: true })
      await mkdir(join(workspaceLayout(root).history, article.id), { recursive: true })
      for (const local of ['index.json', 'journal/x.json', `history/${article.id}/1.json`, 'lock.takeover']) {
        await writeFile(join(workspaceLayout(root).store, local), '{}')
      }
      await writeFile(workspaceLayout(root).publication, '{}')
      await writeFile(join(root, 'articles', '.x.json.abcdef.ndtmp'), 'half')
      await writeFile(join(root, 'notes.txt'), 'mine')
      const run = await cli('sync', '--workspace', root, '--author', 'Ana Ruiz <ana@example.org>')
      expect(run.code, run.err).toBe(0)
      expect(run.out).toContain('local-only')
      const files = (await runGit(root, ['ls-files'])).stdout.trim().split('\n').sort()
      expect(files).toEqual(
        [
          '.gitattributes',
          '.gitignore',
          '.newsdesk/publication.json',
          '.newsdesk/workspace.json',
          `articles/${article.id}.json`,
        ].sort(),
      )
      expect(await readFile(join(root, '.gitignore'), 'utf8')).toBe(GITIGNORE_TEXT)
      const log = await runGit(root, ['log', '-1', '--format=%an <%ae>%n%s'])
      expect(log.stdout).toContain('Ana Ruiz <ana@example.org>')
      expect(log.stdout).toContain(article.slug)
      const driverConfig = await runGit(root, ['config', '--get', 'merge.newsdesk.driver'])
      expect(driverConfig.stdout).toContain('merge-driver %O %A %B %P')
      expect((await cli('sync', '--workspace', root, '--author', 'nobody')).code).toBe(SYNC_EXIT.usage)
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'remote --set, sync to a folder remote, clone from the folder and from a bundle file, sync-status --json',
    async () => {
      const remote = join(dir, 'remote.git')
      await mkdir(remote)
      await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])
      const root = await workspace('first')
      const article = makeArticle()
      await writeFile(join(root, 'articles', `${article.id}.json`), serializeArticle(article))
      expect((await cli('remote', '--workspace', root, '--set', remote)).code).toBe(0)
      process.env.NEWSDESK_AUTHOR_NAME = 'Ben'
      process.env.NEWSDESK_AUTHOR_EMAIL = 'ben@example.org'
      const synced = await cli('sync', '--workspace', root, '--json')
      expect(synced.code, synced.err).toBe(0)
      expect(JSON.parse(synced.out)).toMatchObject({ state: 'synced', sent: 1, toSend: 0 })
      expect((await runGit(root, ['log', '-1', '--format=%an'])).stdout.trim()).toBe('Ben')

      const cloned = await cli('clone', remote, join(dir, 'second'))
      expect(cloned.code, cloned.err).toBe(0)
      expect(await readFile(join(dir, 'second', 'articles', `${article.id}.json`), 'utf8')).toBe(
        serializeArticle(article),
      )
      expect((await cli('clone', remote, join(dir, 'second'))).code).toBe(SYNC_EXIT.invalidInput)

      const bundle = join(dir, 'news.bundle')
      await runGit(root, ['bundle', 'create', bundle, 'main'])
      const fromBundle = await cli('clone', bundle, join(dir, 'third'))
      expect(fromBundle.code, fromBundle.err).toBe(0)
      expect(await readFile(join(dir, 'third', 'articles', `${article.id}.json`), 'utf8')).toBe(
        serializeArticle(article),
      )

      await writeFile(
        join(root, 'articles', `${article.id}.json`),
        serializeArticle({ ...article, headline: 'Changed' }),
      )
      const status = await cli('sync-status', '--workspace', root, '--json')
      expect(status.code).toBe(0)
      expect(JSON.parse(status.out)).toMatchObject({
        repository: true,
        branch: 'main',
        uncommitted: 1,
        toSend: 0,
        conflicted: [],
      })
      const text = await cli('sync-status', '--workspace', root)
      expect(text.out).toContain('1 changed file(s) not yet committed')
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'offline: the commit waits (exit 6) and goes out on the next sync',
    async () => {
      const remote = join(dir, 'usb-stick.git')
      const root = await workspace('offline')
      const article = makeArticle()
      await writeFile(join(root, 'articles', `${article.id}.json`), serializeArticle(article))
      expect((await cli('remote', '--workspace', root, '--set', remote)).code).toBe(0)
      const offline = await cli('sync', '--workspace', root)
      expect(offline.code).toBe(SYNC_EXIT.offline)
      // The English words come from the one table the app's en locale is built from.
      const problem = { code: 'offline', params: { step: 'fetch' } } as const
      expect(offline.err).toContain(formatSyncMessage(problem))
      const status = JSON.parse((await cli('sync-status', '--workspace', root, '--json')).out)
      expect(status).toMatchObject({ uncommitted: 0, toSend: 1, last: { state: 'offline', problem } })
      expect(status.last.detail).toMatch(/does not appear to be a git repository|No such file|not found/i)
      expect((await cli('sync-status', '--workspace', root)).out).toContain(`(${formatSyncMessage(problem)})`)
      await mkdir(remote)
      await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])
      const back = await cli('sync', '--workspace', root)
      expect(back.code, back.err).toBe(0)
      expect((await runGit(remote, ['log', '--format=%s', 'main'])).stdout).toContain(article.slug)
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'sync refuses a workspace open in another Newsdesk (exit 4)',
    async () => {
      const root = await workspace('locked')
      await mkdir(workspaceLayout(root).store, { recursive: true })
      const { WorkspaceLock } = await import('../main/services/storage')
      // The holder is a live process on this host (our parent), as a running Newsdesk would be.
      const taken = await WorkspaceLock.acquire(root, { pid: process.ppid })
      if (taken.kind !== 'acquired') throw new Error('lock not taken')
      try {
        expect((await cli('sync', '--workspace', root)).code).toBe(SYNC_EXIT.locked)
      } finally {
        await taken.lock.release()
      }
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'claim, claims and claim --release share who is editing through the remote',
    async () => {
      const remote = join(dir, 'claims.git')
      await mkdir(remote)
      await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])
      const root = await workspace('claimer')
      const article = makeArticle()
      await writeFile(join(root, 'articles', `${article.id}.json`), serializeArticle(article))
      await cli('remote', '--workspace', root, '--set', remote)
      expect((await cli('sync', '--workspace', root)).code).toBe(0)
      const other = join(dir, 'claimer-2')
      expect((await cli('clone', remote, other)).code).toBe(0)
      const taken = await cli('claim', '--workspace', root, article.id, '--author', 'Ana Ruiz <ana@example.org>')
      expect(taken.code, taken.err).toBe(0)
      expect(taken.out).toContain(`Ana Ruiz is editing ${article.id}`)
      const seen = await cli('claims', '--workspace', other, '--json')
      expect(JSON.parse(seen.out)).toMatchObject({
        reachable: true,
        claims: [{ articleId: article.id, name: 'Ana Ruiz' }],
      })
      const takeover = await cli('claim', '--workspace', other, article.id, '--author', 'Ben Ode <ben@example.org>')
      expect(takeover.out).toContain('took over from Ana Ruiz <ana@example.org>')
      expect((await cli('claim', '--workspace', other, article.id, '--release')).code).toBe(0)
      expect((await cli('claims', '--workspace', root)).out).toContain('nobody is editing')
      expect((await cli('claim', '--workspace', root, 'not-an-id')).code).toBe(SYNC_EXIT.usage)
    },
    GIT_TIMEOUT_MS,
  )

  it(
    'remote --set refuses what the app refuses, by the same rule and in the same words (exit 3), changing nothing',
    async () => {
      const good = join(dir, 'good-remote.git')
      await runGit(dir, ['init', '--quiet', '--bare', '--initial-branch=main', good])
      const root = await workspace('remote-rule')
      expect((await cli('remote', '--workspace', root, '--set', good)).code).toBe(SYNC_EXIT.ok)
      const config = join(root, '.git', 'config')
      const before = await readFile(config, 'utf8')
      const plain = await workspace('remote-rule-plain')
      const cases: [string, RemoteUrlProblemCode][] = [
        ['ext::sh -c touch% /tmp/newsdesk-pwned', 'remote-form'],
        ['relative/news.git', 'remote-form'],
        ['host.example.org:news.git', 'remote-form'],
        ['-uhack', 'remote-option'],
        ['--upload-pack=touch /tmp/newsdesk-pwned', 'remote-option'],
        ['https://git.example.org/news.git\u001b[2J', 'remote-control-characters'],
        [`https://git.example.org/${'a'.repeat(REMOTE_URL_MAX)}`, 'remote-too-long'],
      ]
      for (const [url, code] of cases) {
        // The app's rule gives this code: the settings field and the IPC contract refuse it with these words.
        const problem = remoteUrlProblem(url)
        expect(problem?.code, url).toBe(code)
        expect(remoteUrlSchema.safeParse(url).error?.issues[0]?.message, url).toBe(
          SYNC_MESSAGES_EN[code].replace('{{max}}', String(REMOTE_URL_MAX)),
        )
        for (const ws of [root, plain]) {
          // `--set=VALUE`: parseArgs takes a value starting with "-" only in this form.
          const refused = await cli('remote', '--workspace', ws, `--set=${url}`)
          expect(refused.code, url).toBe(SYNC_EXIT.invalidInput)
          expect(refused.err, url).toBe(`newsdesk remote: ${formatSyncMessage(problem!)}\n`)
          expect(refused.out, url).toBe('')
        }
      }
      // Nothing changed: the remote is still the good one, the config byte for byte, the plain folder no repository.
      expect(await readFile(config, 'utf8')).toBe(before)
      expect((await runGit(root, ['remote', 'get-url', 'origin'])).stdout.trim()).toBe(good)
      expect(await readdir(plain)).toEqual(['articles'])
      // Accepted forms still go through (surrounding blanks dropped, as the settings field does).
      const set = await cli('remote', '--workspace', root, '--set', ` file://${good} `)
      expect([set.code, set.out]).toEqual([SYNC_EXIT.ok, `remote set to file://${good}\n`])
      expect((await runGit(root, ['remote', 'get-url', 'origin'])).stdout.trim()).toBe(`file://${good}`)
      expect((await cli('remote', '--workspace', root, '--set', '')).out).toBe('remote removed\n')
      expect((await runGit(root, ['remote'])).stdout.trim()).toBe('')
    },
    GIT_TIMEOUT_MS,
  )

  it(
    "claim to a remote that takes no refs under refs/newsdesk/: the words of claim-refused and git's (exit 7)",
    async () => {
      const remote = join(dir, 'no-claims.git')
      await runGit(dir, ['init', '--quiet', '--bare', '--initial-branch=main', remote])
      const hook = join(remote, 'hooks', 'pre-receive')
      await writeFile(
        hook,
        '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/newsdesk/*) printf "no refs/newsdesk/ here\\033[2J\\n" >&2; exit 1;; esac; done\n',
      )
      await chmod(hook, 0o755)
      const root = await workspace('claim-refused')
      const article = makeArticle()
      await writeFile(join(root, 'articles', `${article.id}.json`), serializeArticle(article))
      expect((await cli('remote', '--workspace', root, '--set', `file://${remote}`)).code).toBe(SYNC_EXIT.ok)
      expect((await cli('sync', '--workspace', root, '--author', 'Ana Ruiz <ana@example.org>')).code).toBe(0)
      const run = await cli('claim', '--workspace', root, article.id, '--author', 'Ana Ruiz <ana@example.org>')
      expect(run.code).toBe(SYNC_EXIT.failed)
      expect(run.out).toContain(`Ana Ruiz is editing ${article.id}`)
      // The remote's text reaches the terminal escaped (git passes its escape sequences through).
      expect(run.err).toMatch(
        new RegExp(
          `^newsdesk claim: ${escapeRegExp(SYNC_MESSAGES_EN['claim-refused'])}\ngit said: remote: no refs/newsdesk/ here\\\\x1b\\[2J\n`,
        ),
      )
      expect(run.err).toContain('[remote rejected] (pre-receive hook declined)')
      expect(run.err).not.toContain('\u001b')
      // Giving it back has nothing to withdraw on the remote: released, not "offline".
      const released = await cli('claim', '--workspace', root, article.id, '--release')
      expect([released.code, released.out]).toEqual([SYNC_EXIT.ok, `released ${article.id}\n`])
      // The articles still sync.
      expect((await cli('sync', '--workspace', root, '--author', 'Ana Ruiz <ana@example.org>')).code).toBe(0)
    },
    GIT_TIMEOUT_MS,
  )

  it('claims outside a synced workspace: the words of the shared table (the app words the same code)', async () => {
    const root = await workspace('plain-claims')
    for (const argv of [['claims'], ['claim', makeArticle().id]]) {
      const refused = await cli(argv[0]!, '--workspace', root, ...argv.slice(1))
      expect(refused.code).toBe(SYNC_EXIT.invalidInput)
      expect(refused.err).toBe(
        `newsdesk ${argv[0]}: ${formatSyncMessage({ code: 'not-a-workspace', params: { root } })}\n`,
      )
    }
  })

  it('parses authors from the flag or the environment', () => {
    expect(parseAuthor('Ana Ruiz <ana@example.org>')).toEqual({ name: 'Ana Ruiz', email: 'ana@example.org' })
    expect(parseAuthor(undefined, { NEWSDESK_AUTHOR_NAME: 'A', NEWSDESK_AUTHOR_EMAIL: 'a@b.c' })).toEqual({
      name: 'A',
      email: 'a@b.c',
    })
    expect(parseAuthor(undefined, {})).toBeUndefined()
    expect(() => parseAuthor('no email')).toThrow(/--author/)
  })
})

describe('recovery after a kill', () => {
  it(
    'finishes a merge left half done, removes a stale index.lock and restores an article left invalid',
    async () => {
      const remote = join(dir, 'recover.git')
      await mkdir(remote)
      await runGit(remote, ['init', '--quiet', '--bare', '--initial-branch=main'])
      const parent = join(dir, 'recover')
      const a = await TestEditor.init('A', remote, parent, driver)
      const article = makeArticle()
      const other = makeArticle()
      await a.write(article)
      await a.write(other)
      await a.sync()
      const b = await TestEditor.clone('B', remote, parent, driver)
      await a.edit(article.id, () => ({ headline: 'From A' }))
      await a.sync()
      await b.edit(article.id, (x) => ({
        body: { type: 'doc', content: [para('b1', 'B body.'), ...(x.body.content ?? []).slice(1)] },
      }))
      // B's sync is killed inside the merge: its commit exists, the merge stopped with MERGE_HEAD (a driver
      // that failed stands in for the kill) and an index.lock is left behind.
      await runGit(b.root, ['add', '--all', '--', 'articles'])
      await runGit(b.root, ['-c', 'user.name=B', '-c', 'user.email=b@x', 'commit', '-qm', 'B edit'])
      await runGit(b.root, ['fetch', '-q', 'origin'])
      await runGit(b.root, ['config', 'merge.newsdesk.driver', 'false'])
      const merge = await runGit(b.root, ['-c', 'user.name=B', '-c', 'user.email=b@x', 'merge', '-q', 'origin/main'], {
        okCodes: [1],
      })
      expect(merge.code).toBe(1)
      await writeFile(join(b.root, '.git', 'index.lock'), '')
      // And another article was being written by git's checkout when the kill came.
      await writeFile(b.path(other.id), '{"schemaVersion": 1, "id": "trunc')
      const report = await b.sync()
      expect(report.state).toBe('synced')
      expect(report.recovered.join('\n')).toMatch(/index\.lock/)
      expect(report.recovered.join('\n')).toMatch(/interrupted merge/)
      expect(report.recovered.join('\n')).toMatch(new RegExp(`restored articles/${other.id}.json`))
      expect(await b.read(other.id)).toEqual(other)
      const merged = await b.read(article.id)
      expect(merged.body.content?.[0]).toEqual(para('b1', 'B body.'))
      expect(merged.headline).toBe('From A')
      const fsck = await runGit(b.root, ['fsck', '--no-progress'])
      expect(fsck.stderr).not.toMatch(/error|missing|broken/i)
      await a.sync()
      expect(await a.read(article.id)).toEqual(merged)
    },
    GIT_TIMEOUT_MS,
  )
})
