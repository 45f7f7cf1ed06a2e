// Stress test of every write path (`npm run stress`). Runs on Node 22 with no extra packages:
//   node --experimental-transform-types scripts/stress.ts [--cycles N] [--fuzz N] [--fidelity N] [--seed S] [--quiet] [--only a,b] [--paths p,q] [--sync-kills N]
// 1. Kill-9 (scripts/stress/kill.ts): for article save, journal, history snapshot, settings, import and export a
//    child process repeats the write and is SIGKILLed at a random point, --cycles times (default 1,000) per path;
//    every file must parse and hold the last acknowledged value or the one in flight, nothing half-imported or
//    half-exported, and the next start must sweep every leftover temp file.
// 2. Disk faults (scripts/stress/faults.ts): ENOSPC / EIO / EPERM / EBUSY injected on write, fsync and rename
//    for every path, plus a real full disk (1 MiB tmpfs when root): original intact, error reported.
// 3. Scenarios (faults.ts): read-only workspace, corrupt files on start, two instances, clock moved back an hour
//    and forward a year, 500 files changed at once.
// 4. Fuzzing (scripts/stress/fuzz.ts): --fuzz generated and mutated JSON bundles, front matter and zips.
// 5. XSS (scripts/stress/xss.ts): every payload of the fixture through import, previews and exports.
// 6. Fidelity (scripts/stress/fidelity.ts): --fidelity articles (default 100,000) generated from the editor schema
//    through Markdown, JSON, HTML, RSS and ninjs; each must read back the same or carry all of its content.
// 7. Hostile input and timing (scripts/stress/hostile.ts): --hostile trials (default 50) of each generator:
//    alias expansion, deep nesting, delimiter runs, special files, damaged zip entries, symlink swaps,
//    import/export pairs and two exports to one destination; then --hostile-cycles kill-9 cycles (default 50)
//    of a hostile import, an import beside an export, two exports to one destination, a zip import after a
//    damaged zip and a folder import under symlink swaps, as in 1.
//    In 1 and 7, half the kills land at a random time and half at an exact point: for imports and exports at
//    each named step in turn (CRASH_STEPS in electron/main/services/storage/crash-step.ts, set through
//    NEWSDESK_CRASH_AT in the child only; a named step the child never reaches fails the campaign), for the
//    other writes at a random rename.
// 8. Sync kill-9 (scripts/stress/sync-kill.ts): --sync-kills syncs (default 100) killed inside each of commit,
//    fetch, merge (the app's in-process merge, and git running `newsdesk merge-driver`) and push against a git
//    daemon on loopback; the next sync must recover, `git fsck --full` stay clean and no saved edit be lost.
//    `--paths commit,push` runs those sync steps only (and no other kill-9 path).
// Prints a table, writes stress/results/latest.json, exits non-zero on any failure.
import { spawn } from 'node:child_process'
import { register } from 'node:module'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

// Services import each other without file extensions (bundler style); let Node find the .ts files.
const hooks = `
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context) } catch (error) {
    if ((specifier.startsWith('.') || specifier.startsWith('/')) && !/\\.[cm]?[jt]s$/.test(specifier)) {
      try { return await next(specifier + '.ts', context) } catch { return next(specifier + '/index.ts', context) }
    }
    throw error
  }
}`
register(`data:text/javascript,${encodeURIComponent(hooks)}`, pathToFileURL(import.meta.filename))

type KillModule = typeof import('./stress/kill.ts')
type CommonModule = typeof import('./stress/common.ts')

interface Args {
  hostile: number
  /** Kill-9 cycles of each hostile write (kill.ts HOSTILE_KILL_PATHS), run with the hostile generators. */
  hostileCycles: number
  /** Syncs killed in each sync step (`--sync-kills`). */
  syncKills: number
  cycles: number
  fuzz: number
  /** Generated articles sent through every export format. */
  fidelity: number
  seed: number
  quiet: boolean
  only: string[] | null
  /**
   * Kill-9 campaigns for these write paths only (`--paths settings,import`), sync steps included (`--paths
   * commit` runs only the sync commit campaign); all of them when null.
   */
  paths: string[] | null
  child: { path: string; root: string; from: number; killAt: number } | null
  out: string | null
}

function parse(argv: string[]): Args {
  const args: Args = {
    hostile: 50,
    hostileCycles: 50,
    syncKills: 100,
    cycles: 1000,
    fuzz: 100_000,
    fidelity: 100_000,
    seed: Date.now() % 100000,
    quiet: false,
    only: null,
    paths: null,
    child: null,
    out: null,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--cycles') args.cycles = Number(argv[++i])
    else if (a === '--fuzz') args.fuzz = Number(argv[++i])
    else if (a === '--fidelity') args.fidelity = Number(argv[++i])
    else if (a === '--hostile') args.hostile = Number(argv[++i])
    else if (a === '--hostile-cycles') args.hostileCycles = Number(argv[++i])
    else if (a === '--sync-kills') args.syncKills = Number(argv[++i])
    else if (a === '--seed') args.seed = Number(argv[++i])
    else if (a === '--quiet') args.quiet = true
    else if (a === '--only') args.only = (argv[++i] ?? '').split(',')
    else if (a === '--paths') args.paths = (argv[++i] ?? '').split(',').map((p) => p.trim())
    else if (a === '--out') args.out = argv[++i] ?? null
    else if (a === '--child')
      args.child = { path: argv[++i] ?? '', root: argv[++i] ?? '', from: Number(argv[++i]), killAt: Number(argv[++i]) }
    else throw new Error(`unknown argument ${a}`)
  }
  if (!Number.isInteger(args.cycles) || args.cycles < 1) throw new Error('--cycles must be a positive integer')
  if (!Number.isInteger(args.fuzz) || args.fuzz < 0) throw new Error('--fuzz must be a non-negative integer')
  if (!Number.isInteger(args.fidelity) || args.fidelity < 0)
    throw new Error('--fidelity must be a non-negative integer')
  if (!Number.isInteger(args.hostile) || args.hostile < 0) throw new Error('--hostile must be a non-negative integer')
  if (!Number.isInteger(args.hostileCycles) || args.hostileCycles < 0)
    throw new Error('--hostile-cycles must be a non-negative integer')
  if (!Number.isInteger(args.syncKills) || args.syncKills < 0)
    throw new Error('--sync-kills must be a non-negative integer')
  return args
}

const load = {
  kill: () => import(new URL('./stress/kill.ts', import.meta.url).href) as Promise<KillModule>,
  common: () => import(new URL('./stress/common.ts', import.meta.url).href) as Promise<CommonModule>,
  faults: () =>
    import(new URL('./stress/faults.ts', import.meta.url).href) as Promise<typeof import('./stress/faults.ts')>,
  fuzz: () => import(new URL('./stress/fuzz.ts', import.meta.url).href) as Promise<typeof import('./stress/fuzz.ts')>,
  xss: () => import(new URL('./stress/xss.ts', import.meta.url).href) as Promise<typeof import('./stress/xss.ts')>,
  fidelity: () =>
    import(new URL('./stress/fidelity.ts', import.meta.url).href) as Promise<typeof import('./stress/fidelity.ts')>,
  hostile: () =>
    import(new URL('./stress/hostile.ts', import.meta.url).href) as Promise<typeof import('./stress/hostile.ts')>,
  syncKill: () =>
    import(new URL('./stress/sync-kill.ts', import.meta.url).href) as Promise<typeof import('./stress/sync-kill.ts')>,
}

// ---------------------------------------------------------------- parent: kill-9 cycles of one path
/** Where this run's bundled kill-9 child goes (per process, so a test run and a stress run never collide). */
const CHILD_DIR = join(import.meta.dirname, '..', 'node_modules', '.cache', 'newsdesk-stress', String(process.pid))

/** The command that starts a kill-9 child: a rolldown bundle of kill-child.ts when possible (5x faster start). */
async function childCommand(log: (s: string) => void): Promise<string[]> {
  const entry = join(import.meta.dirname, 'stress', 'kill-child.ts')
  try {
    // rolldown comes with vite (no extra dependency); bare imports stay external and resolve from node_modules.
    const { build } = (await import('rolldown')) as {
      build: (options: Record<string, unknown>) => Promise<unknown>
    }
    await rm(CHILD_DIR, { recursive: true, force: true })
    const dir = CHILD_DIR
    // The bundle worker is a second entry beside the child, where the worker pool looks for a built worker
    // (as out/main/bundle-worker.js sits beside the app): the Markdown export campaign kills its threads too.
    await build({
      input: {
        'kill-child': entry,
        'bundle-worker': join(import.meta.dirname, '..', 'electron', 'main', 'services', 'bundle-worker.ts'),
      },
      platform: 'node',
      logLevel: 'silent',
      external: (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      output: { dir, format: 'esm', entryFileNames: '[name].mjs' },
    })
    return [join(dir, 'kill-child.mjs')]
  } catch (error) {
    log(`  (could not bundle the kill-9 child, running it from source: ${(error as Error).message})`)
    return ['--experimental-transform-types', '--no-warnings', import.meta.filename, '--child']
  }
}

async function killCycles(
  command: string[],
  path: string,
  cycles: number,
  random: () => number,
  log: (s: string) => void,
): Promise<import('./stress/common.ts').Row> {
  const kill = await load.kill()
  const { row } = await load.common()
  const killPath = path as import('./stress/kill.ts').KillPath
  const root = await mkdtemp(join(tmpdir(), 'newsdesk-stress-'))
  // Each failure is printed when it happens, as well as in the table: a run cut short still says what failed.
  const failures = {
    list: [] as string[],
    push(message: string) {
      this.list.push(message)
      log(`  ${path}: FAIL ${message}`)
    },
  }
  let killedMidWrite = 0
  let acks = 0
  let writeMs = 0
  let leftTemps = 0
  let swept = 0
  let recovered = 0
  let exportTemps = 0
  let importStaging = 0
  let settingsTemps = 0
  let randomKills = 0
  let renameKills = 0
  // Kills at each named step (storage/crash-step.ts): how many cycles named it, how many died exactly there.
  const steps = kill.crashSteps(killPath)
  const stepKills = new Map(steps.map((s) => [s, { named: 0, reached: 0 }]))
  try {
    const acked = await kill.setup(killPath, root)
    let pendingTemps = 0
    let from = 2
    writeMs = kill.firstWriteMs(killPath)
    let inflightAt = 0
    for (let cycle = 0; cycle < cycles; cycle++) {
      const inflight = new Map<string, number>()
      // Half the cycles die at a random time, the other half at an exact point of a write: at each named step
      // in turn (a campaign with named steps), else at a random rename.
      const exact = cycle % 2 === 1
      const step = exact && steps.length > 0 ? steps[((cycle - 1) / 2) % steps.length] : undefined
      const killAt = exact && !step ? 1 + Math.floor(random() * kill.renamesPerWrite(killPath)) : 0
      const named =
        step === 'import:move' ? `${step}#${1 + Math.floor(random() * kill.movesPerImport(killPath))}` : step
      let crashedAt: string | null = null
      const acksBefore = acks
      if (step) stepKills.get(step)!.named++
      else if (killAt > 0) renameKills++
      else randomKills++
      const proc = spawn(process.execPath, [...command, path, root, String(from), String(killAt)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: named ? { ...process.env, [kill.CRASH_STEP_ENV]: named } : process.env,
      })
      let buffer = ''
      let stderr = ''
      let killTimer: ReturnType<typeof setTimeout> | null = null
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      let killSignal = null as string | null
      const exited = new Promise<void>((resolve) =>
        proc.on('exit', (_code, signal) => {
          killSignal = signal
          resolve()
        }),
      )
      proc.stdout.on('data', (d: Buffer) => {
        buffer += d.toString()
        let nl
        while ((nl = buffer.indexOf('\n')) >= 0) {
          // `ready <swept> <recovered> <listed>`, or `inflight|ack <key> <value>` where a key may hold spaces.
          const words = buffer.slice(0, nl).split(' ')
          const kind = words[0]
          const [a, b] = kind === 'ready' ? words.slice(1, 3) : [words.slice(1, -1).join(' '), words.at(-1)]
          buffer = buffer.slice(nl + 1)
          if (kind === 'crashed-at') crashedAt = words[1] ?? ''
          else if (kind === 'ready') {
            if (cycle > 0 && Number(a) + Number(b) < pendingTemps) {
              failures.push(`cycle ${cycle}: ${pendingTemps} temps left, start swept ${a} and recovered ${b}`)
            }
            swept += Number(a)
            recovered += Number(b)
          } else if (kind === 'inflight' && a) {
            inflight.set(a, Number(b))
            inflightAt = performance.now()
            // Kill at a random point of the next ~2 writes (write times measured in earlier cycles).
            if (killAt === 0 && !named)
              killTimer ??= setTimeout(() => proc.kill('SIGKILL'), Math.floor(random() * 2 * writeMs))
            // A watchdog in case the rename count or the named step is never reached: a hang guard, never
            // shorter than 30 s, since on a loaded machine a write can take many times the usual.
            else killTimer ??= setTimeout(() => proc.kill('SIGKILL'), Math.max(30_000, 20 * writeMs + 2000))
          } else if (kind === 'ack' && a) {
            writeMs = writeMs * 0.8 + (performance.now() - inflightAt) * 0.2
            acks++
            acked.set(a, Number(b))
            inflight.delete(a)
            from = Math.max(from, Number(b) + 1)
          }
        }
      })
      await exited
      if (killTimer) clearTimeout(killTimer)
      // A random kill that came before any write finished: the writes take longer than measured (the estimate
      // learns only from acknowledged writes, and a loaded machine slows them), so aim later next time; else
      // random kills would never let a write finish and the acknowledged-write checks would test nothing.
      if (killAt === 0 && !named && acks === acksBefore) writeMs = Math.min(writeMs * 1.25, 60_000)
      if ((killAt > 0 || named) && killSignal !== 'SIGKILL')
        failures.push(`cycle ${cycle}: child ended with ${killSignal}`)
      // A named step the write never reached is a campaign that does not test what it says: fail loudly.
      if (named && crashedAt !== named)
        failures.push(
          `cycle ${cycle}: the named step ${named} was never reached (${killSignal === 'SIGKILL' ? 'the watchdog killed the child' : 'the child ended by itself'})`,
        )
      else if (step) stepKills.get(step)!.reached++
      if (stderr.trim())
        failures.push(`cycle ${cycle}: child error: ${stderr.trim().split('\n').slice(0, 8).join(' | ')}`)
      if (inflight.size > 0) killedMidWrite++
      for (const v of inflight.values()) from = Math.max(from, v + 1)
      const left = await kill.leftovers(root)
      pendingTemps = killPath === 'settings' ? left.settingsTemps : left.temps
      leftTemps += left.temps
      exportTemps = left.exportTemps
      importStaging = left.importStaging
      settingsTemps = left.settingsTemps
      const checked = await kill.verify(killPath, root, acked, inflight)
      for (const f of checked.failures) failures.push(`cycle ${cycle}: ${f}`)
      // A write the child finished but could not report before the kill is as good as acknowledged.
      for (const [k, v] of checked.found) acked.set(k, v)
      if ((cycle + 1) % 100 === 0) log(`  ${path}: ${cycle + 1}/${cycles} cycles, ${failures.list.length} failures`)
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  const notes = [
    `killed mid-write ${killedMidWrite}`,
    `kills at random times ${randomKills}` +
      (renameKills > 0 ? `, at a random rename ${renameKills}` : '') +
      (steps.length > 0
        ? `, at named steps ${[...stepKills].map(([s, k]) => `${s} ${k.reached}/${k.named}`).join(', ')}`
        : ''),
    `writes acknowledged ${acks} (about ${writeMs.toFixed(0)} ms each)`,
    `temps left ${leftTemps}, swept ${swept}, recovered ${recovered}`,
    ...(kill.writeKind(killPath) === 'export' || path === 'two exports' || path === 'import beside export'
      ? [`export temp folders beside the destination at the end ${exportTemps}`]
      : []),
    ...(kill.importsGenerations(killPath) ? [`import staging folders at the end ${importStaging}`] : []),
    ...(path === 'settings'
      ? [`temps beside the settings file at the end ${settingsTemps} (swept at the next start)`]
      : []),
  ]
  return row(path, 'kill -9', cycles, failures.list, notes.join('; '))
}

// ---------------------------------------------------------------- main
/** Runs the whole stress test and returns the exit code (0 = all good). */
export async function runStress(argv: string[], log: (s: string) => void = console.log): Promise<number> {
  const args = parse(argv)
  if (args.child) {
    const kill = await load.kill()
    const { path, root, from, killAt } = args.child
    await kill.child(path as import('./stress/kill.ts').KillPath, root, from, killAt)
    return 0
  }
  const started = Date.now()
  const wanted = (name: string) => !args.only || args.only.includes(name)
  const progress = args.quiet ? () => undefined : log
  const { table, rng } = await load.common()
  const rows: import('./stress/common.ts').Row[] = []
  log(`newsdesk stress: ${args.cycles} kill-9 cycles per path, ${args.fuzz} fuzz inputs, seed ${args.seed}`)
  const random = rng(args.seed)
  const kill = await load.kill()
  const hostileKills = wanted('hostile') && args.hostile > 0 && args.hostileCycles > 0
  const command = wanted('kill') || hostileKills ? await childCommand(log) : []
  const syncKill = await load.syncKill()
  const known: readonly string[] = [...kill.KILL_PATHS, ...kill.HOSTILE_KILL_PATHS, ...syncKill.SYNC_KILL_STEPS]
  const unknown = args.paths?.filter((p) => !known.includes(p)) ?? []
  if (unknown.length > 0) throw new Error(`--paths: unknown write path ${unknown.join(', ')} (${known.join(', ')})`)
  for (const path of kill.KILL_PATHS) {
    if (!wanted('kill')) break
    if (args.paths && !args.paths.includes(path)) continue
    const t = Date.now()
    rows.push(await killCycles(command, path, args.cycles, random, progress))
    progress(`  ${path}: kill -9 done in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }
  // The hostile writes under kill -9 (bundled child as above), before the hostile generators.
  for (const path of hostileKills ? kill.HOSTILE_KILL_PATHS : []) {
    if (args.paths && !args.paths.includes(path)) continue
    const t = Date.now()
    rows.push(await killCycles(command, path, args.hostileCycles, random, progress))
    progress(`  ${path}: kill -9 done in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }
  await rm(CHILD_DIR, { recursive: true, force: true })
  const faults = await load.faults()
  if (wanted('faults')) rows.push(...(await faults.diskFaults(args.cycles >= 200 ? 20 : 2, progress)))
  if (wanted('scenarios')) rows.push(...(await faults.scenarios(args.cycles >= 200 ? 20 : 2, progress)))
  if (wanted('fuzz') && args.fuzz > 0)
    rows.push(...(await (await load.fuzz()).fuzzCampaigns(args.fuzz, args.seed, progress)))
  if (wanted('fidelity') && args.fidelity > 0)
    rows.push(await (await load.fidelity()).fidelityCampaign(args.fidelity, args.seed, progress))
  if (wanted('hostile') && args.hostile > 0)
    rows.push(...(await (await load.hostile()).hostileCampaigns(args.hostile, random, progress)))
  const syncSteps = syncKill.SYNC_KILL_STEPS.filter((step) => !args.paths || args.paths.includes(step))
  if (wanted('sync-kill') && args.syncKills > 0 && syncSteps.length > 0)
    rows.push(...(await syncKill.syncKillCampaigns(args.syncKills, random, progress, syncSteps)))
  if (wanted('xss')) {
    const xss = await load.xss()
    const work = await mkdtemp(join(tmpdir(), 'newsdesk-xss-'))
    try {
      const payloads = await xss.loadPayloads()
      const r = await xss.runXssCampaign(payloads, work)
      const { row } = await load.common()
      rows.push(
        row(
          'import + export',
          'XSS payloads (unit)',
          r.payloads,
          r.findings,
          `${r.imported} items imported (${r.refused} refused), ${r.documentsChecked} documents checked`,
        ),
      )
    } finally {
      await xss.closeParser()
      await rm(work, { recursive: true, force: true })
    }
  }
  const seconds = (Date.now() - started) / 1000
  log('')
  for (const line of table(rows)) log(line)
  for (const r of rows) for (const e of r.examples) log(`FAIL ${r.path} / ${r.campaign}: ${e}`)
  const ok = rows.every((r) => r.failures === 0)
  const result = {
    date: new Date().toISOString(),
    machine: {
      platform: process.platform,
      arch: process.arch,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '',
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      root: process.getuid?.() === 0,
    },
    args: {
      cycles: args.cycles,
      fuzz: args.fuzz,
      fidelity: args.fidelity,
      hostile: args.hostile,
      hostileCycles: args.hostileCycles,
      syncKills: args.syncKills,
      seed: args.seed,
      only: args.only,
    },
    seconds,
    ok,
    rows: rows.map(({ examples, ...r }) => ({ ...r, examples })),
  }
  const out = args.out ?? join(import.meta.dirname, '..', 'stress', 'results', 'latest.json')
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`)
  log(`seconds ${seconds.toFixed(1)}; results in ${out}`)
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
