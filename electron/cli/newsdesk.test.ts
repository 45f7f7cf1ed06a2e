import { execFile, execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeArticle, richWorkspace, tempDir, treeBytes, writeArticles } from '../main/services/export/test-workspace'
import { TEMP_SUFFIX } from '../main/services/durable-write'
import { WorkspaceLock } from '../main/services/workspace-lock'
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

describe('newsdesk (in-process)', () => {
  it('prints help and rejects bad usage with exit code 2', async () => {
    expect((await cli('--help')).code).toBe(EXIT.ok)
    expect((await cli('export', '--help')).stdout).toContain('--reproducible')
    expect((await cli()).code).toBe(EXIT.usage)
    expect((await cli('frobnicate')).code).toBe(EXIT.usage)
    expect((await cli('list')).stderr).toContain('--workspace DIR is required')
    const ws = await richWorkspace()
    const bad = await cli('export', '--workspace', ws, '--format', 'docx', '--out', join(ws, 'x'))
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

  it('exports every format, filtered, zipped and reproducible', async () => {
    const ws = await richWorkspace()
    const out = await tempDir()
    for (const format of ['markdown', 'json', 'ninjs', 'rss', 'html']) {
      const r = await cli(
        'export',
        '--workspace',
        ws,
        '--format',
        format,
        '--out',
        join(out, format),
        '--reproducible',
        '--json',
      )
      expect(r.code, r.stderr).toBe(EXIT.ok)
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, articleCount: 11 })
    }
    const zip = await cli(
      'export',
      '--workspace',
      ws,
      '--format',
      'markdown',
      '--out',
      join(out, 'r.zip'),
      '--zip',
      '--status',
      'ready',
    )
    expect(zip.code).toBe(EXIT.ok)
    expect(existsSync(join(out, 'r.zip'))).toBe(true)
    const again = await cli('export', '--workspace', ws, '--format', 'markdown', '--out', join(out, 'markdown'))
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
    expect((await readdir(join(ws, '.newsdesk'))).sort()).toEqual(['lock'])
    expect(JSON.parse(await readFile(join(ws, '.newsdesk', 'lock'), 'utf8')).pid).toBe(process.ppid)

    await holder.lock.release()
    const real = await cli('import', '--workspace', ws, join(FIXTURES, 'jekyll'))
    expect(real.code).toBe(EXIT.ok)
    expect(real.stdout).toContain('8 created')
    // The import held the lock only while it ran, and its own open swept and quarantined as usual.
    expect((await readdir(join(ws, '.newsdesk'))).includes('lock')).toBe(false)
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
