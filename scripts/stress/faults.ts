// Disk-fault trials and scenario campaigns for every write path. Disk faults go through the fs seam of
// common.ts (ENOSPC / EIO / EPERM / EBUSY on write, fsync and rename) plus a real full disk (a 1 MiB tmpfs,
// root only); the rule is always the same: the files on disk are byte-identical to before, no temp is left
// behind, and the write reports the error. Scenarios: read-only workspace, corrupt files on start, two
// instances, clock moved back an hour and forward a year, 500 files changed at once.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pickFields } from '../../shared/article/schema'
import { ArticleLibrary, serializeArticle } from '../../electron/main/services/library'
import { WorkspaceLock, workspaceLayout } from '../../electron/main/services/storage'
import { createJsonUiSettingsStore, UiSettingsService } from '../../electron/main/settings/ui-settings'
import { FAULT_CODES, row, withFault, type FaultKind, type Row } from './common'
import { KILL_PATHS, layout, onWorkers, setup, writer, type KillPath } from './kill'

/** Every file under `dir` with the sha256 of its bytes (missing folder: empty). */
export async function treeHashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[])
  for (const name of names.sort()) {
    const path = join(dir, name)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile()) continue
    out.set(
      name,
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    )
  }
  return out
}

function diff(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()])
  return [...names]
    .filter((n) => a.get(n) !== b.get(n))
    .map((n) => (b.has(n) ? (a.has(n) ? `changed ${n}` : `added ${n}`) : `removed ${n}`))
}

async function withRoot<T>(task: (root: string) => Promise<T>, parent = tmpdir()): Promise<T> {
  const root = await mkdtemp(join(parent, 'newsdesk-fault-'))
  try {
    return await task(root)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

/** One write of `path` under a fault; returns problems (empty when the original stayed intact and the error showed). */
async function faultTrial(
  path: KillPath,
  root: string,
  code: string,
  inject: (() => () => void) | null,
  bodyKb = 64,
): Promise<string[]> {
  await setup(path, root)
  const w = await writer(path, root)
  await (await w.prepare(2, 16)).run()
  const before = await treeHashes(root)
  const write = await w.prepare(3, bodyKb)
  const restore = inject?.()
  let reported = false
  try {
    await write.run()
  } catch (error) {
    // The error must be the injected one (or the real ENOSPC), surfaced with its code in the message.
    reported = String((error as Error).message).includes(code)
  } finally {
    restore?.()
  }
  const problems = diff(before, await treeHashes(root)).map((d) => `${path}: ${d}`)
  if (!reported) problems.push(`${path}: the write did not report ${code}`)
  return problems
}

/** Injected faults for every path, and a real full disk when running as root. */
export async function diskFaults(trialsPerCell: number, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = []
  for (const path of KILL_PATHS) {
    // Faults are injected into this thread's fs; the worker threads of that campaign have their own.
    if (onWorkers(path)) continue
    for (const kind of ['write', 'sync', 'rename'] as FaultKind[]) {
      // Export writes plain files into a temp folder and renames the folder: no file fsync to fail.
      if (path === 'export' && kind === 'sync') continue
      const failures: string[] = []
      let trials = 0
      for (const code of FAULT_CODES) {
        for (let i = 0; i < trialsPerCell; i++) {
          failures.push(...(await withRoot((root) => faultTrial(path, root, code, () => withFault(kind, code)))))
          trials++
        }
      }
      rows.push(
        row(
          path,
          `${FAULT_CODES.join('/')} on ${kind === 'sync' ? 'fsync' : kind}`,
          trials,
          failures,
          'original intact + error reported',
        ),
      )
    }
  }
  const mountPoint = await mkdtemp(join(tmpdir(), 'newsdesk-tmpfs-'))
  let mounted = false
  try {
    if (process.getuid?.() === 0) {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' })
        mounted = true
      } catch {
        log('  (tmpfs mount refused; full-disk rows use injected faults only)')
      }
    } else log('  (not root: no tmpfs; full-disk rows use injected faults only)')
    if (mounted) {
      for (const path of ['article save', 'journal', 'history snapshot'] as KillPath[]) {
        const failures: string[] = []
        for (let i = 0; i < trialsPerCell; i++) {
          // The first write (64 KiB) fits, the second (1.5 MiB) cannot.
          failures.push(...(await withRoot((root) => faultTrial(path, root, 'ENOSPC', null, 1500), mountPoint)))
        }
        rows.push(row(path, 'real ENOSPC (1 MiB tmpfs)', trialsPerCell, failures, 'original intact + error reported'))
      }
    }
  } finally {
    if (mounted) execFileSync('umount', [mountPoint], { stdio: 'ignore' })
    await rm(mountPoint, { recursive: true, force: true })
  }
  return rows
}

// ---------------------------------------------------------------- scenarios

async function readOnlyWorkspace(): Promise<string[]> {
  return withRoot(async (root) => {
    await setup('article save', root)
    const { workspace } = layout(root)
    // As root, chmod does not stop writes; the app opens an unwritable or locked workspace with readOnly.
    const lib = await ArticleLibrary.open(workspace, {
      readOnly: true,
      readOnlyReason: 'not-writable',
      indexCache: false,
    })
    const before = await treeHashes(root)
    const failures: string[] = []
    const [first] = lib.list()
    if (!first) return ['no article listed read-only']
    const loaded = await lib.load(first.id)
    if (!loaded.ok) return [`load failed read-only: ${loaded.message}`]
    const attempts: [string, () => Promise<{ ok: boolean }>][] = [
      [
        'save',
        () =>
          lib.save({
            id: first.id,
            baseHash: loaded.hash,
            fields: { ...pickFields(loaded.article), headline: 'x' },
            mode: 'explicit',
          }),
      ],
      ['create', () => lib.create({ headline: 'new' })],
      ['delete', () => lib.delete(first.id)],
      ['journal', () => lib.writeJournal(first.id, loaded.hash, pickFields(loaded.article))],
    ]
    for (const [name, attempt] of attempts) {
      const r = await attempt().catch((e: Error) => ({ ok: false, message: e.message }))
      if (r.ok) failures.push(`read-only ${name} succeeded`)
    }
    failures.push(...diff(before, await treeHashes(root)).map((d) => `read-only workspace: ${d}`))
    if (process.getuid?.() !== 0) {
      // Not root: a real chmod'ed folder must open (read-only) and refuse writes without litter.
      const { chmod } = await import('node:fs/promises')
      await chmod(join(workspace, 'articles'), 0o555)
      const lib2 = await ArticleLibrary.open(workspace, { indexCache: false }).catch((e: Error) => e)
      if (lib2 instanceof Error) failures.push(`chmod 555 workspace failed to open: ${lib2.message}`)
      await chmod(join(workspace, 'articles'), 0o755)
    }
    return failures
  })
}

async function corruptOnStart(): Promise<{ trials: number; failures: string[] }> {
  const damage: Record<string, (b: Buffer) => Buffer | string> = {
    empty: () => '',
    truncated: (b) => b.subarray(0, Math.floor(b.length / 2)),
    'NUL-filled': (b) => Buffer.alloc(b.length),
    garbage: () => '{"schemaVersion": 1, "id": ][',
    'invalid UTF-8': (b) => Buffer.concat([b.subarray(0, 20), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), b.subarray(20)]),
  }
  const failures: string[] = []
  let trials = 0
  for (const [how, damageFn] of Object.entries(damage)) {
    for (const target of ['article', 'journal', 'history', 'index', 'lock', 'trash meta', 'settings'] as const) {
      trials++
      await withRoot(async (root) => {
        await setup('article save', root)
        const { workspace, settings } = layout(root)
        const lib = await ArticleLibrary.open(workspace)
        const [a, b] = lib.list()
        if (!a || !b) throw new Error('setup listed no articles')
        const loaded = await lib.load(a.id)
        if (!loaded.ok) throw new Error(loaded.message)
        await lib.writeJournal(a.id, loaded.hash, { ...pickFields(loaded.article), headline: 'unsaved' })
        await lib.delete(b.id)
        await new UiSettingsService(createJsonUiSettingsStore(settings)).update({ headlineBudget: 80 })
        const lock = await WorkspaceLock.acquire(workspace)
        if (lock.kind === 'acquired') await lock.lock.release?.()
        const files: Record<typeof target, string> = {
          article: join(workspace, 'articles', `${a.id}.json`),
          journal: join(workspaceLayout(workspace).journal, `${a.id}.json`),
          history: join(workspaceLayout(workspace).history, a.id, '1.json'),
          index: workspaceLayout(workspace).index,
          lock: workspaceLayout(workspace).lock,
          'trash meta': join(workspaceLayout(workspace).trash, `${b.id}.meta.json`),
          settings,
        }
        const file = files[target]
        const bytes = await readFile(file).catch(() => Buffer.from('{}'))
        await writeFile(file, damageFn(bytes))
        const label = `${how} ${target}`
        try {
          const again = await ArticleLibrary.open(workspace)
          await again.pendingJournal()
          await again.revisions(a.id)
          await again.trashed()
          const listed = again.list().map((s) => s.id)
          if (target === 'article') {
            if (listed.includes(a.id)) failures.push(`${label}: still listed as an article`)
            const kept = (await readdir(workspaceLayout(workspace).store, { recursive: true })).some(
              (n) => n.includes('quarantine') && n.includes(a.id),
            )
            if (!kept) failures.push(`${label}: the damaged file was not kept in quarantine`)
          } else if (!listed.includes(a.id)) failures.push(`${label}: the article is no longer listed`)
          const created = await again.create({ headline: 'after damage' })
          if (!created.ok) failures.push(`${label}: cannot create after start: ${created.message}`)
          const damaged = target === 'settings' ? await readFile(file) : Buffer.alloc(0)
          const uiService = new UiSettingsService(createJsonUiSettingsStore(settings))
          const ui = await uiService.get()
          if (target !== 'settings' && ui.headlineBudget !== 80) failures.push(`${label}: settings lost`)
          if (target === 'settings') {
            // A settings file that no longer parses is set aside (kept byte for byte) and the user is told.
            const parses = (() => {
              try {
                JSON.parse(damaged.toString('utf8'))
                return true
              } catch {
                return false
              }
            })()
            const notice = (await uiService.notices()).find((n) => n.kind === 'set-aside')
            if (!parses && notice?.kind !== 'set-aside')
              failures.push(`${label}: no notice that settings were set aside`)
            if (notice?.kind === 'set-aside' && !(await readFile(notice.displayPath)).equals(damaged))
              failures.push(`${label}: the set-aside settings file is not the damaged one`)
          }
        } catch (error) {
          failures.push(`${label}: start failed: ${(error as Error).message}`)
        }
      })
    }
  }
  return { trials, failures }
}

async function twoInstances(trials: number): Promise<string[]> {
  const failures: string[] = []
  for (let i = 0; i < trials; i++) {
    await withRoot(async (root) => {
      const { workspace } = layout(root)
      await mkdir(workspace, { recursive: true })
      const alive = () => true
      const [x, y] = await Promise.all([
        WorkspaceLock.acquire(workspace, { pid: 1000 + i, isAlive: alive }),
        WorkspaceLock.acquire(workspace, { pid: 2000 + i, isAlive: alive }),
      ])
      const acquired = [x, y].filter((r) => r.kind === 'acquired')
      if (acquired.length !== 1) failures.push(`trial ${i}: ${acquired.length} instances hold the lock`)
      if (![x, y].some((r) => r.kind === 'held'))
        failures.push(`trial ${i}: the second instance was not told who holds it`)
      for (const r of acquired) if (r.kind === 'acquired') await r.lock.release?.()
    })
  }
  return failures
}

async function clockJumps(): Promise<string[]> {
  return withRoot(async (root) => {
    const failures: string[] = []
    const { workspace } = layout(root)
    let clock = Date.parse('2026-11-25T12:00:00Z')
    const now = () => new Date(clock)
    const lib = await ArticleLibrary.open(workspace, { now, autoSnapshotIntervalMs: 60_000 })
    const created = await lib.create({ headline: 'clock' })
    if (!created.ok) return [created.message]
    const id = created.article.id
    const steps: [string, number][] = [
      ['back one hour', -3600_000],
      ['forward one year', 365 * 24 * 3600_000],
      ['back one hour again', -3600_000],
    ]
    for (const [label, delta] of steps) {
      clock += delta
      const loaded = await lib.load(id)
      if (!loaded.ok) return [`${label}: ${loaded.message}`]
      const saved = await lib.save({
        id,
        baseHash: loaded.hash,
        fields: { ...pickFields(loaded.article), headline: label },
        mode: 'auto',
      })
      if (!saved.ok) failures.push(`${label}: save failed: ${saved.message}`)
      const j = await lib.writeJournal(id, saved.ok ? saved.hash : loaded.hash, {
        ...pickFields(loaded.article),
        headline: `${label} unsaved`,
      })
      if (!j.ok) failures.push(`${label}: journal failed`)
    }
    const revisions = (await lib.revisions(id)).map((r) => r.revision)
    const sorted = [...revisions].sort((a, b) => b - a)
    if (revisions.join() !== sorted.join()) failures.push(`history not ordered by revision: ${revisions.join(', ')}`)
    // Auto snapshots every minute: each save after a jump (even backwards) still records one.
    if (revisions.length < 4)
      failures.push(`history holds ${revisions.length} snapshots after 3 saves across clock jumps`)
    const pending = await lib.pendingJournal()
    if (pending.length !== 1) failures.push(`journal offers ${pending.length} entries, expected 1`)
    // Trash: deleted "now", then the clock goes back an hour (kept) and forward a year (purged by the 30-day rule).
    const other = await lib.create({ headline: 'to trash' })
    if (!other.ok) return [...failures, other.message]
    await lib.delete(other.article.id)
    clock -= 3600_000
    const back = await ArticleLibrary.open(workspace, { now })
    if (back.startup.trashPurged !== 0) failures.push('trash purged after the clock moved back an hour')
    clock += 366 * 24 * 3600_000
    const ahead = await ArticleLibrary.open(workspace, { now })
    if (ahead.startup.trashPurged !== 1)
      failures.push(`a year later the trash purged ${ahead.startup.trashPurged}, expected 1`)
    if (!ahead.list().some((s) => s.id === id)) failures.push('article lost across clock jumps')
    return failures
  })
}

async function manyChangesAtOnce(): Promise<string[]> {
  return withRoot(async (root) => {
    const failures: string[] = []
    const { workspace } = layout(root)
    const lib = await ArticleLibrary.open(workspace)
    const ids: string[] = []
    for (let i = 0; i < 100; i++) {
      const c = await lib.create({ headline: `a${i}` })
      if (c.ok) ids.push(c.article.id)
    }
    const first = await lib.load(ids[0]!)
    if (!first.ok) return [first.message]
    // 100 changed and 400 new files in one go, as a git checkout or a sync client would.
    const template = first.article
    const writes: Promise<void>[] = ids.map((id, i) =>
      lib
        .load(id)
        .then((l) =>
          l.ok ? writeFile(lib.pathOf(id), serializeArticle({ ...l.article, headline: `changed ${i}` })) : undefined,
        ),
    )
    for (let i = 0; i < 400; i++) {
      const id = `${(0x10000000 + i).toString(16)}-0000-4000-8000-000000000000`
      writes.push(
        writeFile(lib.pathOf(id), serializeArticle({ ...template, id, slug: `new-${i}`, headline: `new ${i}` })),
      )
    }
    await Promise.all(writes)
    const report = await lib.rescan()
    if (report.changed.length !== 500) failures.push(`rescan saw ${report.changed.length} of 500 changes`)
    if (lib.list().length !== 500) failures.push(`${lib.list().length} articles listed, expected 500`)
    // The editor still holds the old hash of the first article: saving must refuse, not overwrite.
    const stale = await lib.save({
      id: ids[0]!,
      baseHash: first.hash,
      fields: pickFields(first.article),
      mode: 'explicit',
    })
    if (stale.ok) failures.push('a save over an externally changed file succeeded silently')
    const fresh = await lib.load(ids[0]!)
    const saved =
      fresh.ok &&
      (await lib.save({
        id: ids[0]!,
        baseHash: fresh.hash,
        fields: { ...pickFields(fresh.article), headline: 'after' },
        mode: 'explicit',
      }))
    if (!saved || !saved.ok) failures.push('saving after the changes failed')
    return failures
  })
}

/** The scenario campaigns; `trials` repeats the randomised ones. */
export async function scenarios(trials: number, log: (s: string) => void): Promise<Row[]> {
  const rows: Row[] = []
  rows.push(
    row(
      'all',
      'read-only workspace',
      1,
      await readOnlyWorkspace(),
      'save/create/delete/journal refused, tree unchanged',
    ),
  )
  log('  read-only workspace done')
  const corrupt = await corruptOnStart()
  rows.push(
    row('all', 'corrupt files on start', corrupt.trials, corrupt.failures, '5 damages x 7 files; start, list, create'),
  )
  log('  corrupt files done')
  rows.push(
    row('workspace lock', 'two instances', trials, await twoInstances(trials), 'exactly one holder, the other told'),
  )
  rows.push(
    row(
      'article save + journal + history + trash',
      'clock -1 h / +1 y',
      1,
      await clockJumps(),
      'saves, order, journal, purge',
    ),
  )
  rows.push(
    row('library', '500 files changed at once', 1, await manyChangesAtOnce(), 'rescan, list, stale save refused'),
  )
  return rows
}
