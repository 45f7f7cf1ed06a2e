// Kill-9 campaigns on sync (issue #19): commit, fetch, merge (the merge driver) and push, against a git daemon
// on loopback. Each cycle, editor B changes the body of every article and syncs; editor A saves a new headline
// on every article and syncs in a child process. git runs through a wrapper (NEWSDESK_GIT) that, at the first
// git command of the chosen step, SIGKILLs the child's whole process group (the sync, its git commands and
// merge drivers) after a random delay within that step. Then A syncs again in this process (which recovers
// first, recoverRepository), and the campaign checks: the sync ends synced, `git fsck --full` is clean on A
// and on the remote, nothing is left uncommitted, and every saved edit of both editors is in A's files.
import { spawn } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Article } from '../../shared/article/schema'
import {
  buildTestDriver,
  makeSyncArticle,
  para,
  startGitServer,
  TestEditor,
  type GitServer,
} from '../../electron/main/services/test-support'
import { runGit, type DriverCommand } from '../../electron/main/services/sync'
import { row, type Row } from './common'

/** The sync steps with a kill-9 campaign, in the order a sync runs them. */
export const SYNC_KILL_STEPS = ['commit', 'fetch', 'merge', 'push'] as const
/** One of the steps. */
export type SyncKillStep = (typeof SYNC_KILL_STEPS)[number]

/** The git commands that make up each step (the first one run starts the step). */
const STEP_COMMANDS: Record<SyncKillStep, string[]> = {
  commit: ['add', 'commit'],
  fetch: ['fetch'],
  merge: ['merge'],
  push: ['push'],
}

/** The git command each step's inside-git kills land in (its first occurrence in a sync). */
const STEP_TARGET: Record<SyncKillStep, string> = { commit: 'commit', fetch: 'fetch', merge: 'merge', push: 'push' }

/** Articles both editors change every cycle (so the merge runs the driver on each of them), by default. */
const ARTICLES = 20

/**
 * The git wrapper: logs `start|end <ns> <command>` to $NEWSDESK_KILL_LOG. At occurrence $NEWSDESK_KILL_NTH of git
 * command $NEWSDESK_KILL_SUB (counted with one mkdir each in the folder $NEWSDESK_KILL_LATCH) it kills the
 * process group $NEWSDESK_KILL_GROUP (the child sets it to its own pid: it leads its group) one of two ways:
 * - timed: a sleeper SIGKILLs the group after $NEWSDESK_KILL_DELAY seconds (anywhere in the step);
 * - inside git ($NEWSDESK_KILL_EVENT set): git runs with its trace2 events written to a FIFO the watcher reads,
 *   (read with `head`, which keeps up with git). At event number N (`N`), or at the first event of a git
 *   started by the Nth `newsdesk merge-driver` git starts (`driver:N`: the driver is running),
 *   the watcher SIGSTOPs git, waits until /proc says it is stopped (not exited), writes what was running to
 *   $NEWSDESK_KILL_LATCH/inside, and SIGKILLs the group: the kill lands inside that git process for certain.
 * $NEWSDESK_TRACE_SUB (the uncut run) writes each such command's trace2 events to a file, to count them.
 */
const WRAPPER = `#!/bin/sh
sub=""
skip=0
for a in "$@"; do
  if [ "$skip" = 1 ]; then skip=0; continue; fi
  case "$a" in -c|-C) skip=1 ;; -*) ;; *) sub="$a"; break ;; esac
done
[ -n "$NEWSDESK_KILL_LOG" ] && echo "start $(date +%s%N) $sub" >> "$NEWSDESK_KILL_LOG"
if [ -n "$NEWSDESK_TRACE_SUB" ] && [ "$sub" = "$NEWSDESK_TRACE_SUB" ]; then
  i=1
  while ! mkdir "$NEWSDESK_KILL_LATCH/trace-$i" 2>/dev/null; do i=$((i + 1)); done
  GIT_TRACE2_EVENT="$NEWSDESK_KILL_LATCH/trace-$i/events.json"
  export GIT_TRACE2_EVENT
fi
inside=""
if [ -n "$NEWSDESK_KILL_SUB" ] && [ -n "$NEWSDESK_KILL_GROUP" ] && [ "$sub" = "$NEWSDESK_KILL_SUB" ]; then
  i=1
  while ! mkdir "$NEWSDESK_KILL_LATCH/$i" 2>/dev/null; do i=$((i + 1)); done
  if [ "$i" = "$NEWSDESK_KILL_NTH" ]; then
    if [ -n "$NEWSDESK_KILL_EVENT" ]; then
      inside=1
    else
      ( sleep "$NEWSDESK_KILL_DELAY"; kill -9 -"$NEWSDESK_KILL_GROUP" ) &
    fi
  fi
fi
if [ -n "$inside" ]; then
  fifo="$NEWSDESK_KILL_LATCH/events.fifo"
  mkfifo "$fifo"
  exec 3<&0
  GIT_TRACE2_EVENT="$fifo" "$NEWSDESK_REAL_GIT" "$@" 0<&3 &
  gp=$!
  (
    exec 5< "$fifo"
    case "$NEWSDESK_KILL_EVENT" in
      driver:*)
        want=\${NEWSDESK_KILL_EVENT#driver:}
        n=0
        armed=""
        while IFS= read -r line <&5; do
          if [ -z "$armed" ]; then
            case "$line" in *'"event":"child_start"'*merge-driver*) n=$((n + 1)) ;; esac
            [ "$n" -ge "$want" ] && armed=1
            continue
          fi
          case "$line" in *'"event":"version"'*) break ;; esac
        done ;;
      *) head -n "$NEWSDESK_KILL_EVENT" <&5 > /dev/null ;;
    esac
    kill -STOP "$gp" 2>/dev/null
    state=gone
    while read -r st 2>/dev/null < "/proc/$gp/stat"; do
      state=\${st##*) }
      state=\${state%% *}
      case "$state" in T|t|Z|X) break ;; esac
    done
    case "$state" in T|t) echo "$sub $NEWSDESK_KILL_EVENT" > "$NEWSDESK_KILL_LATCH/inside" ;; esac
    kill -9 -"$NEWSDESK_KILL_GROUP"
  ) &
  wait "$gp"
  rc=$?
else
  "$NEWSDESK_REAL_GIT" "$@"
  rc=$?
fi
[ -n "$NEWSDESK_KILL_LOG" ] && echo "end $(date +%s%N) $sub" >> "$NEWSDESK_KILL_LOG"
exit $rc
`

interface Harness {
  dir: string
  server: GitServer
  driver: DriverCommand
  child: string
  wrapper: string
}

/** Builds the child and the driver (rolldown), writes the wrapper and starts the git server. */
async function harness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-sync-kill-'))
  const { build } = (await import('rolldown')) as { build: (options: Record<string, unknown>) => Promise<unknown> }
  await build({
    input: join(import.meta.dirname, 'sync-kill-child.ts'),
    platform: 'node',
    logLevel: 'silent',
    // Everything in one file (as buildTestDriver builds the driver): the bundle runs from a temp folder.
    output: { file: join(dir, 'sync-kill-child.mjs'), format: 'esm' },
  })
  const wrapper = join(dir, 'git-wrapper.sh')
  await writeFile(wrapper, WRAPPER)
  await chmod(wrapper, 0o755)
  return {
    dir,
    server: await startGitServer(join(dir, 'server')),
    driver: await buildTestDriver(dir),
    child: join(dir, 'sync-kill-child.mjs'),
    wrapper,
  }
}

/** What one child sync did: killed or not, its report, and the git commands in flight when it died. */
interface ChildRun {
  killed: boolean
  report: { state: string; message?: string; detail?: string } | null
  /** What the child wrote to stderr (a crash). */
  stderr: string
  inFlight: string[]
  /** Start and end times (ms from the child's start) of each git command, in order. */
  commands: { sub: string; start: number; end: number | null }[]
  ms: number
  /** The kill landed inside a git process, verified stopped before the SIGKILL: what was running, else null. */
  insideGit: string | null
  /** The trace2 events of the first traced command (`trace`), one JSON line each. */
  events: string[]
}

async function runChild(
  h: Harness,
  root: string,
  options: { at?: KillPoint; external: boolean; cycle: number; trace?: string },
): Promise<ChildRun> {
  const log = join(h.dir, `git-${options.cycle}.log`)
  const latch = join(h.dir, `latch-${options.cycle}`)
  await rm(latch, { recursive: true, force: true })
  await mkdir(latch)
  await rm(log, { force: true })
  const realGit = process.env.NEWSDESK_GIT ?? 'git'
  const started = performance.now()
  const child = spawn(process.execPath, [h.child, root, h.driver.argv[1] ?? '', options.external ? '1' : '0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NEWSDESK_GIT: h.wrapper,
      NEWSDESK_REAL_GIT: realGit,
      NEWSDESK_KILL_LOG: log,
      NEWSDESK_KILL_LATCH: latch,
      NEWSDESK_KILL_SUB: options.at?.sub ?? '',
      NEWSDESK_KILL_NTH: String(options.at?.nth ?? 0),
      NEWSDESK_KILL_DELAY: ((options.at?.delayMs ?? 0) / 1000).toFixed(3),
      NEWSDESK_KILL_EVENT: options.at?.event ?? '',
      NEWSDESK_TRACE_SUB: options.trace ?? '',
    },
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  child.stdout.on('error', () => undefined)
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
    child.once('exit', (_code, sig) => resolve(sig))
  })
  const ms = performance.now() - started
  const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean)
  const commands: ChildRun['commands'] = []
  const open: ChildRun['commands'] = []
  let first: bigint | null = null
  for (const line of lines) {
    const [kind, ns, sub = ''] = line.split(' ')
    const at = BigInt(ns ?? '0')
    first ??= at
    const t = Number(at - first) / 1e6
    if (kind === 'start') {
      const c = { sub, start: t, end: null }
      commands.push(c)
      open.push(c)
    } else {
      const i = open.findIndex((c) => c.sub === sub)
      if (i >= 0) {
        open[i]!.end = t
        open.splice(i, 1)
      }
    }
  }
  const insideGit = await readFile(join(latch, 'inside'), 'utf8').then(
    (text) => text.trim(),
    () => null,
  )
  const events = (await readFile(join(latch, 'trace-1', 'events.json'), 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
  return {
    killed: signal === 'SIGKILL',
    insideGit,
    events,
    report: lastReport(out),
    stderr: err,
    inFlight: open.map((c) => c.sub),
    commands,
    ms,
  }
}

/** The report a child printed last, or null (killed before it printed one). */
function lastReport(out: string): ChildRun['report'] {
  try {
    return JSON.parse(out.trim().split('\n').at(-1) ?? '') as ChildRun['report']
  } catch {
    return null
  }
}

/**
 * Where a kill lands: `delayMs` after occurrence `nth` (from 1) of git command `sub` starts; or, with `event`,
 * inside that git process at its trace2 event number `event` (or `driver:N`: while git waits for the Nth merge
 * driver it started, once that driver runs git itself).
 */
interface KillPoint {
  sub: string
  nth: number
  delayMs: number
  event?: string
}

/**
 * Where `step` runs in an uncut sync: its first git command (with its occurrence), the span from there to the
 * first command of the next step (or the end), and every git command started within that span.
 */
function stepSpan(step: SyncKillStep, run: ChildRun) {
  const nthOf = (index: number) =>
    run.commands.slice(0, index + 1).filter((c) => c.sub === run.commands[index]!.sub).length
  const startOf = (s: SyncKillStep) => run.commands.findIndex((c) => STEP_COMMANDS[s].includes(c.sub))
  const first = startOf(step)
  if (first < 0) return null
  const begin = run.commands[first]!.start
  const nextIndex = SYNC_KILL_STEPS.slice(SYNC_KILL_STEPS.indexOf(step) + 1)
    .map(startOf)
    .find((i) => i >= 0)
  const lastEnd = Math.max(...run.commands.map((c) => c.end ?? c.start))
  const end = nextIndex === undefined ? lastEnd : run.commands[nextIndex]!.start
  const inside = run.commands
    .map((c, index) => ({ sub: c.sub, nth: nthOf(index), ms: (c.end ?? end) - c.start, start: c.start }))
    .filter((c) => c.start >= begin && c.start < end)
  return { sub: run.commands[first]!.sub, nth: nthOf(first), ms: Math.max(1, end - begin), inside }
}

/** How many trace2 events the step's git command wrote before it exited, and how many merge drivers it started. */
interface TargetEvents {
  events: number
  drivers: number
}

/** Counts the events of an uncut run's traced command (all but its own exit and atexit events). */
function targetEvents(lines: readonly string[]): TargetEvents {
  const drivers = lines.filter((l) => l.includes('"event":"child_start"') && l.includes('merge-driver')).length
  return { events: Math.max(1, lines.length - 2), drivers }
}

/**
 * Even cycles: a random point of the whole step (its git commands and the work between them, the in-process
 * merge among it), at a random delay. Odd cycles: inside the step's git command itself (`git commit`, `git
 * fetch`, `git merge`, `git push`), at a random one of its trace2 events; in the merge driver campaign, while
 * `git merge` waits for a random one of the `newsdesk merge-driver` processes it starts.
 */
function killPoint(
  step: SyncKillStep,
  span: NonNullable<ReturnType<typeof stepSpan>>,
  target: TargetEvents,
  cycle: number,
  random: () => number,
): KillPoint {
  if (cycle % 2 === 0) return { sub: span.sub, nth: span.nth, delayMs: random() * span.ms }
  const event =
    target.drivers > 0
      ? `driver:${1 + Math.floor(random() * target.drivers)}`
      : String(1 + Math.floor(random() * target.events))
  return { sub: STEP_TARGET[step], nth: 1, delayMs: 0, event }
}

/** Aimed cycles added to a step whose aimed kills all missed (see stepCampaign). */
export const MISSED_AIM_RETRIES = 3

/** Every article as both editors saved it in cycle `i`: A's headline, B's first block. */
function expectedEdits(a: Article, i: number): string[] {
  const problems: string[] = []
  if (a.headline !== `A ${i}`) problems.push(`${a.id}: A's saved headline "A ${i}" lost (holds "${a.headline}")`)
  const first = a.body.content?.[0]
  if (first?.attrs?.id !== 'b1' || first.content?.map((t) => t.text).join('') !== `B ${i}`)
    problems.push(`${a.id}: B's block "B ${i}" lost (holds ${JSON.stringify(first)})`)
  if (a.conflicts && a.conflicts.length > 0) problems.push(`${a.id}: conflicts recorded for edits that merge`)
  return problems
}

/**
 * Makes git's automatic gc (`gc --auto`, started by commit, fetch, merge and the remote's receive-pack) run in
 * the foreground in `repo`. Detached, it leaves the killed process group (it calls setsid) and repacks while the
 * checks run: `git fsck --full` then lists a loose object that `prune-packed` deletes a moment later and reports
 * it "corrupt or missing" although it sits in the new pack. In the foreground it ends before the git command
 * that started it, so a kill lands inside it too.
 */
export async function gcInForeground(repo: string): Promise<void> {
  await runGit(repo, ['config', '--local', 'gc.autoDetach', 'false'])
}

async function fsckProblems(cwd: string, what: string): Promise<string[]> {
  try {
    const r = await runGit(cwd, ['fsck', '--full', '--no-progress', '--no-dangling'])
    return /error|missing|broken|corrupt/i.test(r.stderr + r.stdout) ? [`${what}: git fsck: ${r.stderr.trim()}`] : []
  } catch (error) {
    return [`${what}: git fsck failed: ${(error as Error).message}`]
  }
}

/** One step's campaign: `cycles` syncs killed inside that step, each followed by a recovering sync and checks. */
async function stepCampaign(
  h: Harness,
  step: SyncKillStep,
  cycles: number,
  random: () => number,
  log: (s: string) => void,
  articles: number,
): Promise<Row[]> {
  const url = await h.server.createRepository(`${step}.git`)
  const bare = join(h.dir, 'server', `${step}.git`)
  await gcInForeground(bare)
  const parent = join(h.dir, step)
  await mkdir(parent, { recursive: true })
  const a = await TestEditor.init('A', url, parent, h.driver)
  await gcInForeground(a.root)
  const ids: string[] = []
  for (let n = 0; n < articles; n += 1) {
    const article = makeSyncArticle()
    ids.push(article.id)
    await a.write(article)
  }
  await a.sync()
  const b = await TestEditor.clone('B', url, parent, h.driver)
  await gcInForeground(b.root)
  // The merge campaign alternates the app's in-process merge with git starting `newsdesk merge-driver` per file.
  const variants = step === 'merge' ? [false, true] : [false]
  const rows: Row[] = []
  for (const external of variants) {
    const failures: string[] = []
    const inFlight = new Map<string, number>()
    let killed = 0
    let reported = 0
    let insideGit = 0
    let aimedInside = 0
    let recovered = 0
    let span: ReturnType<typeof stepSpan> = null
    let target: TargetEvents = { events: 1, drivers: 0 }
    let cycle = 0
    // A first uncut cycle measures the step's span; kills then land at a random point of it. An aimed kill
    // misses when git exits between its chosen trace event and the stop (1 in 50 of git push here): a step
    // with no kill inside git yet gets up to MISSED_AIM_RETRIES more aimed cycles, so that a short campaign
    // (CI runs one cycle per step) fails only when git cannot be killed in that step, not on a miss.
    let retries = 0
    const retry = () => insideGit === 0 && aimedInside > 0 && retries < MISSED_AIM_RETRIES
    for (let i = 0; i <= cycles || retry(); i += 1) {
      if (i > cycles) retries += 1
      const tag = `${step}${external ? ' (driver)' : ''} cycle ${i}`
      const label = i + (external ? 10_000 : 0)
      await b.sync()
      for (const id of ids)
        await b.edit(id, (x) => ({
          body: { type: 'doc', content: [para('b1', `B ${label}`), ...(x.body.content ?? []).slice(1)] },
        }))
      const pushed = await b.sync()
      if (pushed.state !== 'synced') failures.push(`${tag}: B could not sync (${pushed.message ?? pushed.state})`)
      for (const id of ids) await a.edit(id, () => ({ headline: `A ${label}` }))
      const measuring = i === 0
      // A retry (past `cycles`) is always an aimed kill (killPoint aims on odd cycles).
      const at = measuring || !span ? null : killPoint(step, span, target, i > cycles ? 1 : i, random)
      if (at?.event) aimedInside += 1
      const run = await runChild(h, a.root, {
        ...(at ? { at } : { trace: STEP_TARGET[step] }),
        external,
        cycle: cycle++,
      })
      if (measuring) {
        span = stepSpan(step, run)
        target = targetEvents(run.events)
        if (run.events.length === 0) failures.push(`${tag}: the uncut sync wrote no trace of git ${STEP_TARGET[step]}`)
        if (!span) failures.push(`${tag}: the uncut sync ran no git ${STEP_COMMANDS[step].join(' or ')}`)
        if (run.killed || run.report?.state !== 'synced')
          failures.push(
            `${tag}: the uncut sync ended ${run.report?.state ?? 'without a report'} ${run.stderr.slice(0, 300)}`,
          )
      } else if (run.killed) {
        killed += 1
        if (run.insideGit !== null) insideGit += 1
        const where = run.inFlight.length > 0 ? `git ${run.inFlight.join('+')}` : 'between git commands'
        inFlight.set(where, (inFlight.get(where) ?? 0) + 1)
      }
      // The next sync: recovers what the kill left, then commits, fetches, merges and pushes.
      const report = await a.sync()
      if (report.recovered.length > 0) recovered += 1
      if (report.state !== 'synced')
        failures.push(
          `${tag}: the sync after the kill ended ${report.state}: ${report.message ?? ''} ${report.detail ?? ''}`,
        )
      for (const id of ids) {
        try {
          failures.push(...expectedEdits(await a.read(id), label).map((p) => `${tag}: ${p}`))
        } catch (error) {
          failures.push(`${tag}: ${(error as Error).message}`)
        }
      }
      failures.push(...(await fsckProblems(a.root, `${tag} A`)), ...(await fsckProblems(bare, `${tag} remote`)))
      const status = await runGit(a.root, ['status', '--porcelain'])
      if (status.stdout.trim() !== '') failures.push(`${tag}: left uncommitted: ${status.stdout.trim().slice(0, 200)}`)
      // A failure is printed when it happens: a run cut short by its time limit still says what went wrong.
      for (const failure of failures.slice(reported, reported + 3)) log(`    FAILED ${failure.slice(0, 500)}`)
      reported = failures.length
      if (i > 0 && i % 10 === 0)
        log(`    ${tag}: ${killed} killed, ${insideGit}/${aimedInside} inside git, ${failures.length} failures so far`)
    }
    // B receives everything A now holds.
    await b.sync()
    for (const id of ids) {
      if (JSON.stringify(await b.read(id)) !== JSON.stringify(await a.read(id)))
        failures.push(`${step}: B and A differ on ${id} after the last syncs`)
    }
    const places = [...inFlight].map(([k, v]) => `${k} ${v}`).join(', ')
    const name = external ? `sync ${step} (merge driver)` : `sync ${step}`
    // Loudly: a campaign that names a step must have killed git itself in it at least once.
    if (cycles >= 1 && insideGit === 0)
      failures.push(`${name}: no kill landed inside git ${STEP_TARGET[step]} (${aimedInside} aimed there)`)
    rows.push(
      row(
        name,
        'kill -9',
        cycles,
        failures,
        `killed ${killed}/${cycles + retries}${retries > 0 ? ` (${retries} aimed again after a miss)` : ''} within a ${(span?.ms ?? 0).toFixed(0)} ms step (in flight: ${places || 'none'}); ` +
          `inside git ${STEP_TARGET[step]}${external ? ' running a merge driver' : ''}, stopped then killed: ` +
          `${insideGit}/${aimedInside} aimed (of ${target.events} trace events${external ? `, ${target.drivers} drivers` : ''}); ` +
          `recovery acted ${recovered} times; ${articles} articles edited on both sides per cycle`,
      ),
    )
    log(
      `  ${name}: ${cycles} cycles, ${killed} killed, ${insideGit} inside git ${STEP_TARGET[step]}, ${failures.length} failures`,
    )
  }
  return rows
}

/** The sync kill-9 campaigns: `cycles` kills in each of commit, fetch, merge (twice: in-process and driver) and push. */
export async function syncKillCampaigns(
  cycles: number,
  random: () => number,
  log: (s: string) => void,
  steps: readonly SyncKillStep[] = SYNC_KILL_STEPS,
  /** Articles both editors change per cycle (the stress run's 20 by default; the unit test's short run fewer). */
  articles = ARTICLES,
): Promise<Row[]> {
  const h = await harness()
  const rows: Row[] = []
  try {
    for (const step of steps) rows.push(...(await stepCampaign(h, step, cycles, random, log, articles)))
  } finally {
    await h.server.stop()
    await rm(h.dir, { recursive: true, force: true })
  }
  return rows
}
