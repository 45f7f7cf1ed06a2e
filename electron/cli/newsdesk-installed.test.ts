import { execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeArticle, richWorkspace, tempDir, writeArticles } from '../main/services/test-support'
import { workspaceLayout } from '../main/services/storage'
import { EXIT } from './newsdesk'

const ROOT = resolve(import.meta.dirname, '../..')
const CLI = join(ROOT, 'out/main/cli.js')
const FIXTURES = join(ROOT, 'electron/main/services/import/fixtures')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs the built CLI (or `script`, a link to it) under Node; with `slowReader`, stdout is left unread for a
 * while and then read in small sips, as a slow pipeline stage would.
 */
function run(args: string[], options: { script?: string; slowReader?: boolean } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [options.script ?? CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    if (options.slowReader) {
      child.stdout.pause()
      setTimeout(() => {
        const sip = () => {
          const chunk = child.stdout.read(4096) as Buffer | null
          if (chunk) out.push(chunk)
          if (!child.stdout.readableEnded) setTimeout(sip, 2)
        }
        child.stdout.on('readable', () => undefined)
        sip()
      }, 400)
    } else child.stdout.on('data', (d: Buffer) => out.push(d))
    child.on('error', reject)
    child.stdout.on('end', () =>
      child.on('close', (code) => resolvePromise({ code, stdout: Buffer.concat(out).toString(), stderr })),
    )
  })
}

beforeAll(() => {
  const started = Date.now()
  try {
    execFileSync('flock', ['/tmp/newsdesk-build.lock', 'npx', 'electron-vite', 'build'], { cwd: ROOT, stdio: 'ignore' })
  } catch (error) {
    if (!existsSync(CLI) || statSync(CLI).mtimeMs < started) throw error
  }
}, 180_000)

// Each test spawns the built CLI several times (about 0.3 s each when the machine is idle, seconds when it is not).
describe('newsdesk as installed (built cli.js)', { timeout: 180_000 }, () => {
  it('runs through a symlink and an npm-link-style global bin link', async () => {
    const bin = await tempDir()
    await symlink(CLI, join(bin, 'newsdesk'))
    const version = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version as string
    const viaLink = await run(['--version'], { script: join(bin, 'newsdesk') })
    expect(viaLink).toMatchObject({ code: EXIT.ok, stdout: `newsdesk ${version}\n` })
    // npm link: <prefix>/lib/node_modules/newsdesk -> the package, <prefix>/bin/newsdesk -> its bin file.
    const prefix = await tempDir()
    await mkdir(join(prefix, 'lib/node_modules'), { recursive: true })
    await mkdir(join(prefix, 'bin'))
    await symlink(ROOT, join(prefix, 'lib/node_modules/newsdesk'))
    await symlink('../lib/node_modules/newsdesk/out/main/cli.js', join(prefix, 'bin/newsdesk'))
    const ws = await richWorkspace()
    const out = join(await tempDir(), 'md')
    const exported = await run(['export', '--workspace', ws, '--format', 'markdown', '--out', out], {
      script: join(prefix, 'bin/newsdesk'),
    })
    expect(exported.code, exported.stderr).toBe(EXIT.ok)
    expect(exported.stdout).toBe(`exported 11 articles (14 files) to ${out}\n`)
    expect(await readdir(join(out, 'articles'))).toHaveLength(11)
  })

  it('a slow reader on a pipe gets the whole of list --json for 300 articles', async () => {
    const ws = await tempDir('newsdesk-ws-')
    await writeArticles(
      ws,
      Array.from({ length: 300 }, (_, i) =>
        makeArticle({ id: randomUUID(), slug: `story-${i}`, headline: `Story number ${i} `.repeat(8) }),
      ),
    )
    for (let trial = 0; trial < 3; trial++) {
      const r = await run(['list', '--workspace', ws, '--json'], { slowReader: true })
      expect(r.code).toBe(EXIT.ok)
      expect(r.stdout.length).toBeGreaterThan(65_536)
      expect(JSON.parse(r.stdout)).toHaveLength(300)
    }
  })

  it('export --force never replaces the workspace, a folder in it, or a folder that is not a previous export', async () => {
    const ws = await richWorkspace()
    const before = (await readdir(join(ws, 'articles'))).length
    for (const target of [ws, join(ws, 'articles'), workspaceLayout(ws).store, dirname(ws)]) {
      const r = await run(['export', '--workspace', ws, '--format', 'markdown', '--out', target, '--force'])
      expect(r.code, r.stderr).toBe(EXIT.usage)
      expect(r.stderr).toMatch(/workspace/)
    }
    expect(await readdir(join(ws, 'articles'))).toHaveLength(before)
    const mine = await tempDir()
    await writeFile(join(mine, 'thesis.docx'), 'years of work')
    const refused = await run(['export', '--workspace', ws, '--format', 'json', '--out', mine, '--force'])
    expect(refused.code).toBe(EXIT.usage)
    expect(refused.stderr).toContain('is not a previous Newsdesk export')
    expect(await readFile(join(mine, 'thesis.docx'), 'utf8')).toBe('years of work')
    const dest = join(await tempDir(), 'out')
    expect((await run(['export', '--workspace', ws, '--format', 'json', '--out', dest])).code).toBe(EXIT.ok)
    const exists = await run(['export', '--workspace', ws, '--format', 'json', '--out', dest])
    expect(exists.code).toBe(EXIT.usage)
    expect(exists.stderr).toContain('use --force to replace a previous Newsdesk export')
    expect((await run(['export', '--workspace', ws, '--format', 'json', '--out', dest, '--force'])).code).toBe(EXIT.ok)
  })

  it('refuses folders that are not workspaces; import makes one only with --create', async () => {
    const notWs = await tempDir()
    for (const args of [['list'], ['check'], ['export', '--format', 'json', '--out', join(notWs, 'o')]]) {
      const r = await run([args[0] as string, '--workspace', notWs, ...args.slice(1)])
      expect(r.code, r.stderr).toBe(EXIT.invalidInput)
      expect(r.stderr).toContain('is not a Newsdesk workspace')
    }
    const typo = join(notWs, 'newsrom')
    const refused = await run(['import', '--workspace', typo, join(FIXTURES, 'jekyll')])
    expect(refused.code).toBe(EXIT.invalidInput)
    expect(refused.stderr).toContain('does not exist; add --create to make it a new workspace')
    expect(existsSync(typo)).toBe(false)
    const made = await run(['import', '--workspace', typo, join(FIXTURES, 'jekyll'), '--create'])
    expect(made.code, made.stderr).toBe(EXIT.ok)
    expect(await readdir(join(typo, 'articles'))).toHaveLength(8)
    const list = await run(['list', '--workspace', typo])
    expect(list.stdout.trim().split('\n')).toHaveLength(8)
  })

  it('help, --version, usage in words, plurals and --zip extensions', async () => {
    const help = await run(['help', 'export'])
    expect(help.code).toBe(EXIT.ok)
    expect(help.stdout).toContain('newsdesk export --workspace DIR --format FORMAT')
    expect((await run(['help'])).stdout).toContain('newsdesk help [COMMAND]')
    expect((await run(['help', 'nope'])).code).toBe(EXIT.usage)
    const sync = await run(['help', 'sync'])
    expect(sync.code, sync.stderr).toBe(EXIT.ok)
    expect(sync.stdout).toContain('newsdesk sync --workspace DIR')
    const unknown = await run(['export', '--workspace', '.', '--colour'])
    expect(unknown.code).toBe(EXIT.usage)
    expect(unknown.stderr.split('\n')[0]).toBe('newsdesk export: unknown option --colour')
    expect(unknown.stderr).toContain('--format F')
    expect(unknown.stderr).not.toContain('To specify a positional argument')
    const stray = await run(['list', '--workspace', '.', '--force'])
    expect(stray.stderr.split('\n')[0]).toBe('newsdesk list: --force is not an option of list')
    const missing = await run(['list', '--workspace'])
    expect(missing.stderr.split('\n')[0]).toBe('newsdesk list: option --workspace needs a value')

    const ws = await tempDir('newsdesk-ws-')
    await writeArticles(ws, [makeArticle({ id: randomUUID(), slug: 'only' })])
    const out = await tempDir()
    const one = await run(['export', '--workspace', ws, '--format', 'json', '--out', join(out, 'feed'), '--zip'])
    expect(one.code, one.stderr).toBe(EXIT.ok)
    expect(one.stdout).toBe(`exported 1 article (2 files) to ${join(out, 'feed.zip')}\n`)
    expect(existsSync(join(out, 'feed.zip'))).toBe(true)
    const wrongExt = await run(['export', '--workspace', ws, '--format', 'json', '--out', join(out, 'f.tar'), '--zip'])
    expect(wrongExt.code).toBe(EXIT.usage)
    expect(wrongExt.stderr).toContain('--zip writes a .zip file')
    const noZip = await run(['export', '--workspace', ws, '--format', 'json', '--out', join(out, 'g.zip')])
    expect(noZip.stderr).toContain('add --zip')
    expect((await run(['check', '--workspace', ws])).stdout).toBe('the 1 article passes the readiness rules\n')
  })

  it('a .txt source is refused with exit 3 and nothing is written', async () => {
    const ws = await tempDir('newsdesk-ws-')
    await writeArticles(ws, [])
    const txt = join(await tempDir(), 'notes.txt')
    await writeFile(txt, 'just text')
    const r = await run(['import', '--workspace', ws, txt])
    expect(r.code).toBe(EXIT.invalidInput)
    expect(r.stderr).toContain('notes.txt')
    expect(await readdir(join(ws, 'articles'))).toEqual([])
  })

  it('an empty lock left by a kill is taken over, and the import says so', async () => {
    const ws = await tempDir('newsdesk-ws-')
    await writeArticles(ws, [])
    await mkdir(workspaceLayout(ws).store)
    await writeFile(workspaceLayout(ws).lock, '')
    const r = await run(['import', '--workspace', ws, join(FIXTURES, 'jekyll')])
    expect(r.code, r.stderr).toBe(EXIT.ok)
    expect(r.stderr).toContain('took over the workspace lock: the lock file was empty')
    expect(await readdir(join(ws, 'articles'))).toHaveLength(8)
    expect(await readdir(workspaceLayout(ws).store)).not.toContain('lock')
  })

  it('control characters from titles and file names reach the terminal escaped', async () => {
    const ws = await tempDir('newsdesk-ws-')
    const hostile = 'Evil \u001b[2J\u001b]0;pwned\u0007 title\rOVER\u0000\u009b31m'
    await writeArticles(ws, [makeArticle({ id: randomUUID(), slug: 'evil', headline: hostile })])
    const text = await run(['list', '--workspace', ws])
    expect(text.code).toBe(EXIT.ok)
    // eslint-disable-next-line no-control-regex
    expect(text.stdout.replace(/\n$/, '')).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/)
    expect(text.stdout).toContain('Evil \\x1b[2J\\x1b]0;pwned\\x07 title\\rOVER\\x00\\x9b31m')
    const json = await run(['list', '--workspace', ws, '--json'])
    // eslint-disable-next-line no-control-regex
    expect(json.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    expect(JSON.parse(json.stdout)[0].headline).toBe(hostile)
    const source = await tempDir()
    await writeFile(join(source, 'bad\u001b[31m.md'), '---\ntitle: x\nkind: podcast\n---\n')
    const dry = await run(['import', '--workspace', ws, source, '--dry-run'])
    expect(dry.code).toBe(EXIT.invalidInput)
    expect(dry.stdout).toContain('bad\\x1b[31m.md')
    expect(dry.stdout).not.toContain('\u001b')
  })
})
