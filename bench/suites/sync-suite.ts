// Sync at scale (issue #19, item 8): the bench workspace made into a repository, cloned through Newsdesk and
// with plain git, synced with 100 changed articles, and the first listing of a fresh clone (in Node, and
// painted in Chromium).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as AppBundle from '../app-entry.ts'
import { cloneWorkspace as linkClone, removeClone, type CachedWorkspace } from '../lib/workspaces.ts'
import { rawReadArticles } from '../lib/raw-read.ts'
import { judge, summarize, type Row } from '../lib/report.ts'
import { freshPaint, judgeFreshPaint, launchChromium, paintOnce } from './browser-suite.ts'
import { HEAD_LIMIT, type NodeSuiteContext } from './node-suite.ts'

type Bundle = typeof AppBundle

// Targets are same-run ratios against a peer (bench/README.md says why each factor).
/** Clone + first open (every file listed) may take this many times a plain `git clone` of the same remote. */
export const CLONE_VS_GIT = 1.5
/** A sync of 100 changed articles may take this many times `git add -A && git commit && git pull && git push`. */
export const SYNC_VS_GIT = 2
/** The first listing of a fresh clone (the head answer) must come sooner than reading every article file. */
export const FIRST_HEAD_VS_RAW = 1

/** Articles changed in each sync run (and as many changed by the other editor meanwhile). */
const CHANGED = 100

/** The bench never starts a merge driver (no file is changed on both sides); the config still names one. */
const DRIVER = { argv: [process.execPath, 'newsdesk-bench-no-driver'] }
const AUTHOR = { name: 'Bench', email: 'bench@example.org' }

function git(cwd: string, args: string[]): void {
  const run = spawnSync('git', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
  if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.stderr.toString().slice(0, 300)}`)
}

function sh(cwd: string, script: string): number {
  const started = performance.now()
  const run = spawnSync('sh', ['-c', script], { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr.toString().slice(0, 300)}`)
  return performance.now() - started
}

/** Gives `ids` a new headline in the workspace at `root` (the same bytes wherever it is called with the same arguments). */
function editArticles(bundle: Bundle, root: string, ids: string[], tag: string): void {
  for (const id of ids) {
    const path = join(root, 'articles', `${id}.json`)
    const article = bundle.articleSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
    writeFileSync(path, bundle.serializeArticle({ ...article, headline: `${article.headline.slice(0, 60)} ${tag}` }))
  }
}

/**
 * `small`: the small workspace whose fresh first paint is the peer of the first paint after a clone (the same
 * peer as `open.paint.fresh-vs-small`).
 */
export async function benchSync(ctx: NodeSuiteContext, small: CachedWorkspace): Promise<Row[]> {
  const { bundle, log } = ctx
  const n = ctx.ws.manifest.articles
  const nf = n.toLocaleString('en')
  const runs = 3
  const base = mkdtempSync(join(tmpdir(), 'newsdesk-bench-sync-'))
  try {
    // The workspace as a repository (Newsdesk's own .gitignore and .gitattributes), served as two bare
    // remotes with the same history: one synced through Newsdesk, one through plain git.
    log(`sync: making a repository of the ${nf}-article workspace (not timed)`)
    const seed = linkClone(ctx.ws.dir)
    try {
      await bundle.initRepository(seed, DRIVER)
      await bundle.commitShared(seed, { driver: DRIVER, author: AUTHOR })
      git(base, ['clone', '--quiet', '--bare', seed, 'newsdesk.git'])
      git(base, ['clone', '--quiet', '--bare', seed, 'git.git'])
    } finally {
      removeClone(seed)
    }
    const url = (name: string) => `file://${join(base, name)}`

    // ---- clone + first open, against git clone; the first head answer against cat of the fresh clone ----
    log(`sync: clone + first open vs git clone (${runs} runs each)`)
    const cloneMs: number[] = []
    const gitCloneMs: number[] = []
    const headMs: number[] = []
    const rawMs: number[] = []
    const parts: { clone: number; open: number }[] = []
    let pendingHeads = 0
    for (let i = 0; i < runs; i += 1) {
      const plain = join(base, `plain-${i}`)
      gitCloneMs.push(sh(base, `git clone --quiet ${url('git.git')} ${plain}`))
      rmSync(plain, { recursive: true, force: true })
      const dir = join(base, `clone-${i}`)
      const started = performance.now()
      const cloned = await bundle.cloneWorkspace(url('newsdesk.git'), dir, DRIVER)
      if (!cloned.ok) throw new Error(cloned.message)
      const opening = performance.now()
      // As the app opens a workspace (workspaces.ts), then the renderer's first question.
      const library = await bundle.ArticleLibrary.open(dir, { deferValidation: true, backgroundAfterListingMs: 2000 })
      const head = library.head(HEAD_LIMIT)
      const headAt = performance.now()
      if (head.pending) pendingHeads += 1
      await library.validated
      const done = performance.now()
      const listed = library.list({}).length
      if (listed !== n) throw new Error(`a fresh clone listed ${listed} of ${n} articles`)
      cloneMs.push(done - started)
      headMs.push(headAt - opening)
      parts.push({ clone: opening - started, open: done - opening })
      await library.housekeeping
      await library.close()
      rawMs.push(rawReadArticles(dir).ms)
      rmSync(dir, { recursive: true, force: true })
    }
    const clone = summarize(cloneMs)
    const gitClone = summarize(gitCloneMs)
    const firstHead = summarize(headMs)
    const raw = summarize(rawMs)
    const median = (xs: number[]) => summarize(xs).median
    const gitLabel = 'git clone of the same remote'
    const rawLabel = 'cat of every article file of the fresh clone'

    // ---- first listing paint after a fresh clone, against the same page painting a fresh small workspace ----
    log(
      `sync: first listing paint in Chromium of a workspace just cloned through Newsdesk, against a fresh ${small.manifest.articles}-article one`,
    )
    const paintDir = join(base, 'paint')
    const browser = await launchChromium()
    let clonePaintMs: number
    let clonedForPaintMs: number
    const smallPaints: number[] = []
    try {
      smallPaints.push(await freshPaint(browser, bundle, small))
      const started = performance.now()
      const forPaint = await bundle.cloneWorkspace(url('newsdesk.git'), paintDir, DRIVER)
      if (!forPaint.ok) throw new Error(forPaint.message)
      clonedForPaintMs = performance.now() - started
      clonePaintMs = await paintOnce(browser, bundle, paintDir)
      smallPaints.push(await freshPaint(browser, bundle, small))
    } finally {
      await browser.close()
    }
    rmSync(paintDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 })

    // ---- a sync of 100 changed articles, against git add/commit/pull/push of the same change ----
    log(`sync: ${CHANGED} changed articles, Newsdesk sync vs git pull && git push (${runs} runs each, after a warm-up)`)
    const mine = join(base, 'mine')
    const plain = join(base, 'plain')
    const otherN = join(base, 'other-newsdesk')
    const otherG = join(base, 'other-git')
    const cloned = await bundle.cloneWorkspace(url('newsdesk.git'), mine, DRIVER)
    if (!cloned.ok) throw new Error(cloned.message)
    git(base, ['clone', '--quiet', url('git.git'), plain])
    git(base, ['clone', '--quiet', url('newsdesk.git'), otherN])
    git(base, ['clone', '--quiet', url('git.git'), otherG])
    for (const repo of [plain, otherN, otherG]) {
      git(repo, ['config', 'user.name', AUTHOR.name])
      git(repo, ['config', 'user.email', AUTHOR.email])
      git(repo, ['config', 'pull.rebase', 'false'])
    }
    const ids = (await bundle.ArticleLibrary.open(mine, { indexCache: false, readOnly: true }))
      .list({})
      .map((s) => s.id)
      .sort()
    // Every run's articles are fresh ones (no file changed on both sides); a tiny workspace changes fewer.
    const changed = Math.min(CHANGED, Math.floor(ids.length / (2 * (runs + 1))))
    const syncMs: number[] = []
    const peerMs: number[] = []
    for (let i = 0; i <= runs; i += 1) {
      // This editor's 100 articles, and 100 others another editor changed and pushed meanwhile (not timed).
      const own = ids.slice(i * 2 * changed, i * 2 * changed + changed)
      const theirs = ids.slice(i * 2 * changed + changed, (i + 1) * 2 * changed)
      for (const other of [otherN, otherG]) {
        git(other, ['pull', '--quiet'])
        editArticles(bundle, other, theirs, `other ${i}`)
        sh(other, `git commit --quiet -am "other ${i}" && git push --quiet`)
      }
      editArticles(bundle, mine, own, `mine ${i}`)
      editArticles(bundle, plain, own, `mine ${i}`)
      const started = performance.now()
      const report = await bundle.syncWorkspace(mine, { driver: DRIVER, author: AUTHOR })
      const ms = performance.now() - started
      if (report.state !== 'synced' || report.sent === 0 || report.received === 0)
        throw new Error(
          `the sync ended ${report.state} (sent ${report.sent}, received ${report.received}): ${report.message ?? ''}`,
        )
      const peer = sh(plain, `git add -A && git commit --quiet -m "mine ${i}" && git pull --quiet && git push --quiet`)
      // The first run warms git's and the page cache for both.
      if (i > 0) {
        syncMs.push(ms)
        peerMs.push(peer)
      }
    }
    const sync = summarize(syncMs)
    const peerSync = summarize(peerMs)
    const pullLabel = `git add -A && git commit && git pull && git push of the same ${changed} files`

    return [
      judge({
        group: 'sync',
        id: 'sync.clone',
        label: `clone through Newsdesk + first open until every article is listed (${nf})`,
        unit: 'ms',
        stats: clone,
        target: { stat: 'median', peer: { label: gitLabel, value: gitClone.median }, max: CLONE_VS_GIT },
        peers: [{ label: gitLabel, median: gitClone.median, unit: 'ms', ratio: clone.median / gitClone.median }],
        note: `cloneWorkspace ${median(parts.map((p) => p.clone)).toFixed(0)} ms + open ${median(parts.map((p) => p.open)).toFixed(0)} ms (medians)`,
      }),
      judge({
        group: 'sync',
        id: 'sync.first-head',
        label: `first listing of a fresh clone: open → head(${HEAD_LIMIT}) answered (${nf})`,
        unit: 'ms',
        stats: firstHead,
        target: { stat: 'median', peer: { label: rawLabel, value: raw.median }, max: FIRST_HEAD_VS_RAW },
        peers: [{ label: rawLabel, median: raw.median, unit: 'ms', ratio: firstHead.median / raw.median }],
        note:
          `${pendingHeads}/${runs} heads answered with the list pending (a folder of more than 1,024 files is ` +
          'listed as it is read, the head from its first 256; a smaller one is read whole first)',
      }),
      judgeFreshPaint({
        group: 'sync',
        id: 'sync.clone.paint',
        label: `open → first listing paint of a workspace just cloned through Newsdesk (${nf}, listed progressively) against a fresh ${small.manifest.articles}-article one`,
        paintMs: clonePaintMs,
        smallPaints,
        smallArticles: small.manifest.articles,
        note: `cloneWorkspace took ${clonedForPaintMs.toFixed(0)} ms before the open (not counted)`,
      }),
      judge({
        group: 'sync',
        id: 'sync.100',
        label: `sync of ${changed} changed articles, ${changed} others received (${nf})`,
        unit: 'ms',
        stats: sync,
        target: { stat: 'median', peer: { label: pullLabel, value: peerSync.median }, max: SYNC_VS_GIT },
        peers: [{ label: pullLabel, median: peerSync.median, unit: 'ms', ratio: sync.median / peerSync.median }],
        note: 'commit, fetch, merge and push through syncWorkspace, as the app syncs',
      }),
    ]
  } finally {
    // git may still be packing in the background (auto gc after a push) while the folder goes: retry, and
    // never lose the run's rows to a cleanup (a full run once ended here with ENOTEMPTY after 30 minutes).
    try {
      rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 })
    } catch (error) {
      log(`sync: could not remove ${base} (${(error as Error).message}); left for the system's temp cleanup`)
    }
  }
}
