// Stress test of the article write path (`npm run stress`). Runs on Node 22 with no extra packages:
//   node --experimental-transform-types scripts/stress.ts [--cycles N] [--seed S] [--quiet]
// 1. Kill-9: a child process saves articles in a loop and is SIGKILLed at a random point; after each
//    kill every article file must parse and hold the last acknowledged revision or the one in flight,
//    and the next start must sweep every leftover temp file.
// 2. Disk faults: a full disk (a 1 MiB tmpfs when running as root) and injected ENOSPC / EIO / EPERM on
//    write, fsync and rename; the original file must stay byte-identical and the save must report the error.
// Prints a table and exits non-zero on any failure.
import { spawn, execFileSync } from 'node:child_process'
import { createRequire, register, syncBuiltinESMExports } from 'node:module'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

// Services import each other without file extensions (bundler style); let Node find the .ts files.
const hooks = `
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context) } catch (error) {
    if ((specifier.startsWith('.') || specifier.startsWith('/')) && !/\\.[cm]?[jt]s$/.test(specifier)) {
      return next(specifier + '.ts', context)
    }
    throw error
  }
}`
register(`data:text/javascript,${encodeURIComponent(hooks)}`, pathToFileURL(import.meta.filename))

const SERVICES = new URL('../electron/main/services/', import.meta.url)
type LibraryModule = typeof import('../electron/main/services/library.ts')
type SchemaModule = typeof import('../shared/article/schema.ts')

interface Args {
  cycles: number
  seed: number
  quiet: boolean
  child: string | null
}

function parse(argv: string[]): Args {
  const args: Args = { cycles: 1000, seed: Date.now() % 100000, quiet: false, child: null }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--cycles') args.cycles = Number(argv[++i])
    else if (a === '--seed') args.seed = Number(argv[++i])
    else if (a === '--quiet') args.quiet = true
    else if (a === '--child') args.child = argv[++i] ?? null
    else throw new Error(`unknown argument ${a}`)
  }
  if (!Number.isInteger(args.cycles) || args.cycles < 1) throw new Error('--cycles must be a positive integer')
  return args
}

/** Small deterministic PRNG (mulberry32) so a failing run can be repeated with --seed. */
function rng(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), 1 | t)
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296
  }
}

/** A body of about `kb` kilobytes, so each write takes long enough to be killed in the middle. */
function bigBody(kb: number, tag: string) {
  const para = (i: number) => ({
    type: 'paragraph',
    content: [{ type: 'text', text: `${tag} paragraph ${i} `.repeat(12) }],
  })
  return { type: 'doc' as const, content: Array.from({ length: Math.ceil((kb * 1024) / 300) }, (_, i) => para(i)) }
}

async function loadModules(): Promise<{ lib: LibraryModule; schema: SchemaModule }> {
  const lib = (await import(new URL('library.ts', SERVICES).href)) as LibraryModule
  const schema = (await import(new URL('../../../shared/article/schema.ts', SERVICES).href)) as SchemaModule
  return { lib, schema }
}

// ---------------------------------------------------------------- child: save in a loop until killed
async function child(dir: string): Promise<void> {
  const { lib, schema } = await loadModules()
  const library = await lib.ArticleLibrary.open(dir, { indexCache: false })
  const out = (line: string) => process.stdout.write(`${line}\n`)
  out(`ready ${library.startup.tempsRemoved} ${library.startup.tempsRecovered} ${library.list().length}`)
  const ids = library.list().map((s) => s.id)
  for (let n = 0; ; n++) {
    const id = ids[n % ids.length]!
    const loaded = await library.load(id)
    if (!loaded.ok) throw new Error(loaded.message)
    const next = loaded.article.revision + 1
    const fields = { ...schema.pickFields(loaded.article), headline: `h-${next}`, body: bigBody(1024, `r${next}`) }
    out(`inflight ${id} ${next}`)
    const saved = await library.save({ id, baseHash: loaded.hash, fields, mode: n % 7 === 0 ? 'explicit' : 'auto' })
    if (!saved.ok) throw new Error(saved.message)
    out(`ack ${id} ${saved.article.revision}`)
  }
}

// ---------------------------------------------------------------- parent: kill-9 cycles
interface KillReport {
  cycles: number
  failures: string[]
  leftoverTemps: number
  tempsSweptNextStart: number
  recovered: number
  killedMidSave: number
}

async function killCycles(cycles: number, random: () => number, log: (s: string) => void): Promise<KillReport> {
  const { lib } = await loadModules()
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-stress-'))
  const report: KillReport = {
    cycles: 0,
    failures: [],
    leftoverTemps: 0,
    tempsSweptNextStart: 0,
    recovered: 0,
    killedMidSave: 0,
  }
  try {
    const library = await lib.ArticleLibrary.open(dir, { indexCache: false })
    for (let i = 0; i < 3; i++) await library.create({ headline: `h-1` })
    const acked = new Map<string, number>()
    for (const s of library.list()) acked.set(s.id, 1)
    let pendingTemps = 0
    for (let cycle = 0; cycle < cycles; cycle++) {
      const inflight = new Map<string, number>()
      const proc = spawn(
        process.execPath,
        ['--experimental-transform-types', '--no-warnings', import.meta.filename, '--child', dir],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      let buffer = ''
      let stderr = ''
      let killTimer: ReturnType<typeof setTimeout> | null = null
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()))
      proc.stdout.on('data', (d: Buffer) => {
        buffer += d.toString()
        let nl
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const [kind, a, b, c] = buffer.slice(0, nl).split(' ')
          buffer = buffer.slice(nl + 1)
          if (kind === 'ready') {
            if (cycle > 0 && Number(a) + Number(b) !== pendingTemps) {
              report.failures.push(`cycle ${cycle}: ${pendingTemps} temps left, start swept ${a} and recovered ${b}`)
            }
            report.tempsSweptNextStart += Number(a)
            report.recovered += Number(b)
            if (Number(c) !== 3) report.failures.push(`cycle ${cycle}: ${c} articles listed, expected 3`)
            // Kill 5–65 ms into the save loop.
            killTimer = setTimeout(() => proc.kill('SIGKILL'), 5 + Math.floor(random() * 60))
          } else if (kind === 'inflight' && a) inflight.set(a, Number(b))
          else if (kind === 'ack' && a) {
            acked.set(a, Number(b))
            inflight.delete(a)
          }
        }
      })
      await exited
      if (killTimer) clearTimeout(killTimer)
      if (stderr.trim()) report.failures.push(`cycle ${cycle}: child error: ${stderr.trim().split('\n')[0]}`)
      if (inflight.size > 0) report.killedMidSave++
      // Check every article file.
      // Temps anywhere in the workspace (articles/, history snapshots, journal) must all be handled next start.
      pendingTemps = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.ndtmp')).length
      report.leftoverTemps += pendingTemps
      for (const [id, rev] of acked) {
        const outcome = await lib.readArticleFile(join(dir, 'articles', `${id}.json`))
        if (!outcome.ok) {
          report.failures.push(`cycle ${cycle}: ${id} unreadable: ${outcome.message}`)
          continue
        }
        const got = outcome.article.revision
        const allowed = [rev, inflight.get(id)].filter((r): r is number => r !== undefined)
        if (!allowed.includes(got)) {
          report.failures.push(`cycle ${cycle}: ${id} at revision ${got}, expected ${allowed.join(' or ')}`)
        } else if (outcome.article.headline !== `h-${got}`) {
          report.failures.push(`cycle ${cycle}: ${id} revision ${got} holds headline ${outcome.article.headline}`)
        }
        // A save the child finished but could not report before the kill is as good as acknowledged.
        acked.set(id, got)
      }
      report.cycles++
      if ((cycle + 1) % 100 === 0) log(`  ${cycle + 1}/${cycles} cycles, ${report.failures.length} failures`)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return report
}

// ---------------------------------------------------------------- disk faults
interface FaultRow {
  fault: string
  trials: number
  intact: number
  reported: number
}

type FsPromises = typeof import('node:fs/promises')

/** Installs a fault into node:fs/promises for the services (CJS object + syncBuiltinESMExports). */
function withFault(kind: 'write' | 'sync' | 'rename', code: string): () => void {
  const require = createRequire(import.meta.url)
  const fsp = require('node:fs').promises as FsPromises & Record<string, unknown>
  const original = { open: fsp.open, rename: fsp.rename }
  const fail = () => Object.assign(new Error(`${code}: injected fault`), { code })
  if (kind === 'rename') {
    fsp.rename = (async () => {
      throw fail()
    }) as FsPromises['rename']
  } else {
    fsp.open = (async (...args: Parameters<FsPromises['open']>) => {
      const handle = await original.open(...args)
      const flags = String(args[1] ?? 'r')
      if (flags.includes('w')) {
        if (kind === 'write') {
          let writes = 0
          const realWrite = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>
          ;(handle as unknown as { write: unknown }).write = async (...a: unknown[]) => {
            // Half the data lands, then the disk "fills up" — the case atomic-write packages get wrong.
            if (writes++ === 0) {
              const [buf, off, len, pos] = a as [Buffer, number, number, number]
              return realWrite(buf, off, Math.floor(len / 2), pos)
            }
            throw fail()
          }
        } else {
          ;(handle as unknown as { sync: unknown }).sync = async () => {
            throw fail()
          }
        }
      }
      return handle
    }) as FsPromises['open']
  }
  syncBuiltinESMExports()
  return () => {
    fsp.open = original.open
    fsp.rename = original.rename
    syncBuiltinESMExports()
  }
}

async function faultTrials(trialsPerCell: number, log: (s: string) => void): Promise<FaultRow[]> {
  const { lib, schema } = await loadModules()
  const rows: FaultRow[] = []
  const trial = async (dir: string, bodyKb: number, inject: (() => () => void) | null) => {
    const library = await lib.ArticleLibrary.open(dir, { indexCache: false })
    const created = await library.create({ headline: 'original' })
    if (!created.ok) throw new Error(created.message)
    const path = library.pathOf(created.article.id)
    const before = await readFile(path)
    const restore = inject?.()
    let result
    try {
      result = await library.save({
        id: created.article.id,
        baseHash: created.hash,
        fields: { ...schema.pickFields(created.article), headline: 'replacement', body: bigBody(bodyKb, 'big') },
        mode: 'explicit',
      })
    } finally {
      restore?.()
    }
    const after = await readFile(path)
    const temps = (await readdir(join(dir, 'articles'))).filter((n) => n.endsWith('.ndtmp')).length
    return { intact: before.equals(after) && temps === 0, reported: !result.ok && result.reason === 'io' }
  }
  for (const kind of ['write', 'sync', 'rename'] as const) {
    for (const code of ['ENOSPC', 'EIO', 'EPERM'] as const) {
      const row: FaultRow = { fault: `${code} on ${kind}`, trials: 0, intact: 0, reported: 0 }
      for (let i = 0; i < trialsPerCell; i++) {
        const dir = await mkdtemp(join(tmpdir(), 'newsdesk-fault-'))
        try {
          const r = await trial(dir, 64, () => withFault(kind, code))
          row.trials++
          if (r.intact) row.intact++
          if (r.reported) row.reported++
        } finally {
          await rm(dir, { recursive: true, force: true })
        }
      }
      rows.push(row)
    }
  }
  // A real full disk: a 1 MiB tmpfs (needs root; skipped with a note otherwise).
  const mountPoint = await mkdtemp(join(tmpdir(), 'newsdesk-tmpfs-'))
  let mounted = false
  try {
    if (process.getuid?.() === 0) {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' })
        mounted = true
      } catch {
        log('  (tmpfs mount refused; the full-disk row uses injected faults only)')
      }
    } else log('  (not root: no tmpfs; the full-disk row uses injected faults only)')
    if (mounted) {
      const row: FaultRow = { fault: 'real ENOSPC (1 MiB tmpfs)', trials: 0, intact: 0, reported: 0 }
      for (let i = 0; i < trialsPerCell; i++) {
        const dir = join(mountPoint, `w${i}`)
        await mkdir(dir)
        const r = await trial(dir, 1500, null)
        row.trials++
        if (r.intact) row.intact++
        if (r.reported) row.reported++
        await rm(dir, { recursive: true, force: true })
      }
      rows.push(row)
    }
  } finally {
    if (mounted) execFileSync('umount', [mountPoint], { stdio: 'ignore' })
    await rm(mountPoint, { recursive: true, force: true })
  }
  return rows
}

// ---------------------------------------------------------------- main
/** Runs the whole stress test and returns the exit code (0 = all good). */
export async function runStress(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  const args = parse(argv)
  if (args.child) {
    await child(args.child)
    return 0
  }
  const started = Date.now()
  log(`newsdesk stress: ${args.cycles} kill-9 cycles, seed ${args.seed}`)
  const kill = await killCycles(args.cycles, rng(args.seed), args.quiet ? () => undefined : log)
  const faults = await faultTrials(args.cycles >= 200 ? 20 : 3, log)
  const faultFailures = faults.filter((f) => f.intact !== f.trials || f.reported !== f.trials)
  const rows: [string, string][] = [
    ['kill-9 cycles run', String(kill.cycles)],
    ['killed in the middle of a save', String(kill.killedMidSave)],
    ['files unreadable / wrong revision / acked save missing', String(kill.failures.length)],
    ['leftover temp files after kills', String(kill.leftoverTemps)],
    ['temps swept at next start / recovered', `${kill.tempsSweptNextStart} / ${kill.recovered}`],
    ...faults.map((f): [string, string] => [
      `${f.fault}: original intact, error reported`,
      `${f.intact}/${f.trials}, ${f.reported}/${f.trials}`,
    ]),
    ['seconds', ((Date.now() - started) / 1000).toFixed(1)],
  ]
  const width = Math.max(...rows.map(([k]) => k.length))
  log('')
  for (const [k, v] of rows) log(`${k.padEnd(width)}  ${v}`)
  for (const f of kill.failures.slice(0, 20)) log(`FAIL ${f}`)
  for (const f of faultFailures)
    log(`FAIL ${f.fault}: intact ${f.intact}/${f.trials}, reported ${f.reported}/${f.trials}`)
  const ok = kill.failures.length === 0 && faultFailures.length === 0
  log(ok ? 'stress: PASS' : 'stress: FAIL')
  return ok ? 0 : 1
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  runStress(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error)
      process.exit(2)
    },
  )
}
