import { execFile, execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeArticle, richWorkspace, tempDir, treeBytes, writeArticles } from '../main/services/test-support'
import { TEMP_SUFFIX, WorkspaceLock, workspaceLayout } from '../main/services/storage'
import { conflictedArticle } from '../../shared/sync/test-support/conflicted-article'
import { EXIT, runCli } from './newsdesk'

const ROOT = resolve(import.meta.dirname, '../..')
const FIXTURES = join(ROOT, 'electron/main/services/import/fixtures')

async function cli(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(
    argv,
    (s) => (stdout += s),
    (s) => (stderr += s),
  )
  return { code, stdout, stderr }
}

/** `newsdesk export --workspace ws --format format --out out`, then any further arguments. */
const exportCli = (ws: string, format: string, out: string, ...more: string[]) =>
  cli('export', '--workspace', ws, '--format', format, '--out', out, ...more)

describe('newsdesk (in-process)', () => {
  it('prints help and rejects bad usage with exit code 2', async () => {
    expect((await cli('--help')).code).toBe(EXIT.ok)
    expect((await cli('export', '--help')).stdout).toContain('--reproducible')
    expect((await cli()).code).toBe(EXIT.usage)
    expect((await cli('frobnicate')).code).toBe(EXIT.usage)
    expect((await cli('list')).stderr).toContain('--workspace DIR is required')
    const ws = await richWorkspace()
    const bad = await exportCli(ws, 'docx', join(ws, 'x'))
    expect(bad.code).toBe(EXIT.usage)
    expect(bad.stderr).toContain('--format must be one of markdown, json, ninjs, rss, html')
    expect((await cli('list', '--workspace', ws, '--bogus')).code).toBe(EXIT.usage)
  })

  it('lists a workspace as text and JSON; a missing workspace is invalid input (3)', async () => {
    const ws = await richWorkspace()
    const text = await cli('list', '--workspace', ws)
    expect(text.code).toBe(EXIT.ok)
    expect(text.stdout.trim().split('\n')).toHaveLength(11)
    const json = JSON.parse((await cli('list', '--workspace', ws, '--json', '--tag', 'river')).stdout)
    expect(json.map((a: { slug: string }) => a.slug)).toEqual(['river-photo-essay'])
    expect((await cli('list', '--workspace', join(ws, 'nope'))).code).toBe(EXIT.invalidInput)
  })

  it('lists only the articles a git merge left conflicted with --conflicted', async () => {
    const ws = await richWorkspace()
    const { merged } = conflictedArticle()
    await writeArticles(ws, [merged])
    const json = JSON.parse((await cli('list', '--workspace', ws, '--conflicted', '--json')).stdout)
    expect(json.map((a: { id: string; conflicted: boolean }) => [a.id, a.conflicted])).toEqual([[merged.id, true]])
    expect((await cli('list', '--help')).stdout).toContain('--conflicted')
  })

  it('exports every format, filtered, zipped and reproducible', async () => {
    const ws = await richWorkspace()
    const out = await tempDir()
    for (const format of ['markdown', 'json', 'ninjs', 'rss', 'html']) {
      const r = await exportCli(ws, format, join(out, format), '--reproducible', '--json')
      expect(r.code, r.stderr).toBe(EXIT.ok)
      // HTML and RSS are reader-facing: the sample's two drafts and one article in review stay out.
      expect(JSON.parse(r.stdout)).toMatchObject({
        ok: true,
        articleCount: format === 'html' || format === 'rss' ? 8 : 11,
      })
    }
    const zip = await exportCli(ws, 'markdown', join(out, 'r.zip'), '--zip', '--status', 'ready')
    expect(zip.code).toBe(EXIT.ok)
    expect(existsSync(join(out, 'r.zip'))).toBe(true)
    const again = await exportCli(ws, 'markdown', join(out, 'markdown'))
    expect(again.code).toBe(EXIT.usage)
    expect(again.stderr).toContain('already exists')
  })

  it('imports with a dry run first, then applies; invalid items exit 3', async () => {
    const ws = await tempDir()
    const dry = await cli('import', '--workspace', ws, join(FIXTURES, 'jekyll'), '--dry-run', '--create', '--json')
    expect(dry.code).toBe(EXIT.ok)
    expect(JSON.parse(dry.stdout).counts.new).toBe(8)
    // A dry run opens the workspace read-only: it does not even create articles/.
    expect(await readdir(join(ws, 'articles')).catch(() => [])).toEqual([])
    const real = await cli('import', '--workspace', ws, join(FIXTURES, 'jekyll'), '--create')
    expect(real.code).toBe(EXIT.ok)
    expect(real.stdout).toContain('8 created')
    expect(await readdir(join(ws, 'articles'))).toHaveLength(8)
    const again = await cli('import', '--workspace', ws, join(FIXTURES, 'jekyll'), '--on-conflict', 'keep-both')
    // Jekyll posts carry no ids, so the second import collides on slugs; keep-both renames them.
    expect(again.stdout).toContain('8 conflict')
    expect(again.stdout).toContain('8 created')
    expect(await readdir(join(ws, 'articles'))).toHaveLength(16)
    const bad = join(await tempDir(), 'bad.md')
    await writeFile(bad, '---\ntitle: x\nkind: podcast\n---\n')
    const invalid = await cli('import', '--workspace', ws, bad)
    expect(invalid.code).toBe(EXIT.invalidInput)
    expect(invalid.stdout).toContain('kind: "podcast" is not one of article, audio, video, livestream (line 3)')
    const zipSlip = join(await tempDir(), 'evil.zip')
    const { zipSync } = await import('fflate')
    await writeFile(zipSlip, zipSync({ '../../evil.md': Buffer.from('x') }))
    const refused = await cli('import', '--workspace', ws, zipSlip)
    expect(refused.code).toBe(EXIT.invalidInput)
    expect(refused.stderr).toContain('climbs out of its folder')
  })

  it('check exits 1 with the failing rules and 0 when all pass', async () => {
    const ws = await tempDir()
    await writeArticles(ws, [makeArticle({ id: '44444444-4444-4444-8444-444444444444', slug: 'good' })])
    expect((await cli('check', '--workspace', ws)).code).toBe(EXIT.ok)
    await writeArticles(ws, [
      makeArticle({
        id: '55555555-5555-4555-8555-555555555555',
        slug: 'good',
        byline: '',
        publishAt: '2026-11-20T09:00:00.000Z',
        embargoUntil: '2999-01-01T00:00:00.000Z',
      }),
    ])
    const r = await cli('check', '--workspace', ws, '--json')
    expect(r.code).toBe(EXIT.checkFailed)
    const rules = JSON.parse(r.stdout).issues.map((i: { rule: string }) => i.rule)
    expect(rules).toEqual(
      expect.arrayContaining(['duplicate-slug', 'required-fields', 'embargo-after-publish', 'ready-but-embargoed']),
    )
  })
})

describe('newsdesk publication, list order, filters and the rulebook', () => {
  it('shows and sets the publication; a new workspace is named after its folder; bad values change nothing', async () => {
    const ws = join(await tempDir(), 'harbour-gazette')
    // A workspace (it holds articles/): the CLI refuses any other folder.
    await mkdir(join(ws, 'articles'), { recursive: true })
    const shown = await cli('publication', '--workspace', ws, '--json')
    expect(shown.code).toBe(EXIT.ok)
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'harbour-gazette', baseUrl: null })
    const set = await cli(
      'publication',
      '--workspace',
      ws,
      '--set',
      'name=Harbour Gazette',
      '--set',
      'baseUrl=https://gazette.example.org',
      '--set',
      'timeZone=Europe/Madrid',
      '--set',
      'budgets.headline=70',
      '--json',
    )
    expect(set.code, set.stderr).toBe(EXIT.ok)
    const saved = JSON.parse(await readFile(workspaceLayout(ws).publication, 'utf8'))
    expect(saved).toMatchObject({
      name: 'Harbour Gazette',
      baseUrl: 'https://gazette.example.org/',
      timeZone: 'Europe/Madrid',
      budgets: { headline: 70 },
    })
    const bad = await cli('publication', '--workspace', ws, '--set', 'timeZone=Madrid', '--set', 'name=Changed')
    expect(bad.code).toBe(EXIT.usage)
    expect(bad.stderr).toContain('timeZone must be an IANA time zone')
    expect(JSON.parse(await readFile(workspaceLayout(ws).publication, 'utf8')).name).toBe('Harbour Gazette')
    expect((await cli('publication', '--help')).stdout).toContain('budgets.headline')
  })

  it('lists in listing order with the date shown, in the publication time zone, and filters by kind and language', async () => {
    const ws = await tempDir()
    await writeArticles(ws, [
      makeArticle({
        id: '10000000-0000-4000-8000-000000000001',
        slug: 'scheduled-old',
        publishAt: '2026-11-10T08:00:00.000Z',
        updatedAt: '2026-11-30T08:00:00.000Z',
      }),
      makeArticle({
        id: '10000000-0000-4000-8000-000000000002',
        slug: 'ready-unscheduled',
        publishAt: null,
        updatedAt: '2026-11-20T08:00:00.000Z',
        kind: 'video',
      }),
      makeArticle({
        id: '10000000-0000-4000-8000-000000000003',
        slug: 'scheduled-new',
        publishAt: '2026-11-25T08:00:00.000Z',
        language: 'es',
      }),
    ])
    expect((await cli('publication', '--workspace', ws, '--set', 'timeZone=Europe/Madrid')).code).toBe(EXIT.ok)
    const text = await cli('list', '--workspace', ws)
    const lines = text.stdout.trim().split('\n')
    expect(lines.map((l) => l.split(/\s+/)[4])).toEqual(['scheduled-new', 'ready-unscheduled', 'scheduled-old'])
    expect(lines[1]).toContain('2026-11-20T09:00:00+01:00')
    const video = JSON.parse((await cli('list', '--workspace', ws, '--kind', 'video', '--json')).stdout)
    expect(video.map((a: { slug: string }) => a.slug)).toEqual(['ready-unscheduled'])
    const spanish = JSON.parse((await cli('list', '--workspace', ws, '--language', 'es', '--json')).stdout)
    expect(spanish.map((a: { slug: string }) => a.slug)).toEqual(['scheduled-new'])
    const badKind = await cli('list', '--workspace', ws, '--kind', 'podcast')
    expect(badKind.code).toBe(EXIT.usage)
    expect(badKind.stderr).toContain('--kind')
    const out = await tempDir()
    const byKind = await exportCli(ws, 'json', join(out, 'k'), '--kind', 'video', '--json')
    expect(JSON.parse(byKind.stdout)).toMatchObject({ ok: true, articleCount: 1 })
    const byLanguage = await exportCli(ws, 'markdown', join(out, 'l'), '--language', 'es', '--json')
    expect(JSON.parse(byLanguage.stdout)).toMatchObject({ ok: true, articleCount: 1 })
  })

  it('check holds articles to the publication budgets; a publishing export warns, --strict refuses; rss needs baseUrl', async () => {
    const ws = await tempDir()
    await writeArticles(ws, [
      makeArticle({ id: '20000000-0000-4000-8000-000000000001', slug: 'seventy', headline: 'h'.repeat(70) }),
    ])
    await cli('publication', '--workspace', ws, '--set', 'budgets.headline=64')
    const failing = await cli('check', '--workspace', ws)
    expect(failing.code).toBe(EXIT.checkFailed)
    expect(failing.stdout).toContain('seventy: [length-budget] the headline is 70 characters, over the budget of 64')
    await cli('publication', '--workspace', ws, '--set', 'budgets.headline=80')
    expect((await cli('check', '--workspace', ws)).code).toBe(EXIT.ok)
    await cli('publication', '--workspace', ws, '--set', 'budgets.headline=64')
    const out = await tempDir()
    const warned = await exportCli(ws, 'html', join(out, 'h'))
    expect(warned.code).toBe(EXIT.ok)
    expect(warned.stderr).toContain('warning: seventy: [length-budget]')
    const noBase = await exportCli(ws, 'rss', join(out, 'r'))
    expect(noBase.code).toBe(EXIT.invalidInput)
    expect(noBase.stderr).toContain('--set baseUrl=')
    await cli('publication', '--workspace', ws, '--set', 'baseUrl=https://news.example.org/')
    const strict = await exportCli(ws, 'rss', join(out, 's'), '--strict')
    expect(strict.code).toBe(EXIT.invalidInput)
    expect(strict.stderr).toContain('seventy: [length-budget]')
    expect(existsSync(join(out, 's'))).toBe(false)
  })

  it('the sample workspace passes its own budgets and rules, under its own publication', async () => {
    const sample = join(ROOT, 'assets/sample-workspace')
    const pub = JSON.parse((await cli('publication', '--workspace', sample, '--json')).stdout)
    expect(pub).toMatchObject({ name: 'Riverton Daily', baseUrl: 'https://news.riverton.example/' })
    const r = await cli('check', '--workspace', sample)
    expect(r.stdout).toBe('all 10 articles pass the readiness rules\n')
    expect(r.code).toBe(EXIT.ok)
  })

  it('withholds internal front matter from Markdown unless --include-internal', async () => {
    const ws = await tempDir()
    await writeArticles(ws, [
      makeArticle({ id: '30000000-0000-4000-8000-000000000001', slug: 'noted', editorsNote: 'Call the mayor back' }),
    ])
    const out = await tempDir()
    await exportCli(ws, 'markdown', join(out, 'site'))
    expect(await readFile(join(out, 'site', 'articles', 'noted.md'), 'utf8')).not.toContain('Call the mayor back')
    await exportCli(ws, 'markdown', join(out, 'all'), '--include-internal')
    expect(await readFile(join(out, 'all', 'articles', 'noted.md'), 'utf8')).toContain(
      'editorsNote: "Call the mayor back"',
    )
  })
})

describe('newsdesk and the workspace lock', () => {
  it('writes nothing in a workspace another live Newsdesk holds: import exits 4, reads stay read-only', async () => {
    const ws = await tempDir()
    await mkdir(join(ws, 'articles'), { recursive: true })
    // Left by a crash and a broken file: a writable open would sweep the first and quarantine the second.
    const leftover = join(ws, 'articles', `.0f0e0d0c-0b0a-4908-8706-050403020100.json.abc${TEMP_SUFFIX}`)
    const broken = join(ws, 'articles', '1f0e0d0c-0b0a-4908-8706-050403020100.json')
    await writeFile(leftover, '{"half')
    await writeFile(broken, 'not json')
    // The holder is a live process on this host (our parent), as a running Newsdesk would be.
    const holder = await WorkspaceLock.acquire(ws, { pid: process.ppid })
    if (holder.kind !== 'acquired') throw new Error('could not lock')
    const before = (await readdir(join(ws, 'articles'))).sort()

    const refused = await cli('import', '--workspace', ws, join(FIXTURES, 'jekyll'))
    expect(refused.code).toBe(EXIT.locked)
    expect(refused.stderr).toContain('the workspace is open in another Newsdesk')
    expect(refused.stderr).toContain(`pid ${process.ppid}`)
    expect(refused.stderr).toContain('nothing was written')
    for (const command of [['list'], ['check'], ['import', join(FIXTURES, 'jekyll'), '--dry-run']]) {
      const [name, ...args] = command
      const run = await cli(name!, '--workspace', ws, ...args)
      expect(run.code, `${name} ${run.stderr}`).not.toBe(EXIT.locked)
    }
    expect((await readdir(join(ws, 'articles'))).sort()).toEqual(before)
    expect(await readFile(broken, 'utf8')).toBe('not json')
    expect((await readdir(workspaceLayout(ws).store)).sort()).toEqual(['lock'])
    expect(JSON.parse(await readFile(workspaceLayout(ws).lock, 'utf8')).pid).toBe(process.ppid)

    await holder.lock.release()
    const real = await cli('import', '--workspace', ws, join(FIXTURES, 'jekyll'))
    expect(real.code).toBe(EXIT.ok)
    expect(real.stdout).toContain('8 created')
    // The import held the lock only while it ran, and its own open swept and quarantined as usual.
    expect((await readdir(workspaceLayout(ws).store)).includes('lock')).toBe(false)
    expect(existsSync(leftover)).toBe(false)
    expect(existsSync(broken)).toBe(false)
  })
})

describe('newsdesk (the built out/main/cli.js, spawned)', () => {
  const cliJs = join(ROOT, 'out/main/cli.js')
  beforeAll(() => {
    // Other sessions build in the same tree: take the shared build lock. electron-vite builds main (with the
    // CLI entry) first; a later failure in the renderer build must not hide whether the CLI itself built.
    const started = Date.now()
    try {
      execFileSync('flock', ['/tmp/newsdesk-build.lock', 'npx', 'electron-vite', 'build'], {
        cwd: ROOT,
        stdio: 'ignore',
      })
    } catch (error) {
      if (!existsSync(cliJs) || statSync(cliJs).mtimeMs < started) throw error
    }
  }, 180_000)

  it('runs under plain Node with the documented exit codes and byte-identical reproducible exports', async () => {
    const run = promisify(execFile)
    const ws = await richWorkspace()
    const out = await tempDir()
    const help = await run(process.execPath, [cliJs, '--help'])
    expect(help.stdout).toContain('newsdesk export')
    for (const name of ['a', 'b']) {
      await run(process.execPath, [
        cliJs,
        'export',
        '--workspace',
        ws,
        '--format',
        'markdown',
        '--out',
        join(out, name),
        '--reproducible',
      ])
    }
    expect(await treeBytes(join(out, 'b'))).toEqual(await treeBytes(join(out, 'a')))
    const usage = await run(process.execPath, [cliJs, 'list']).catch((e: { code: number }) => e)
    expect((usage as { code: number }).code).toBe(EXIT.usage)
    expect(JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).bin.newsdesk).toBe('./out/main/cli.js')
  })
})
