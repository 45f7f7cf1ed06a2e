import type { Browser, Page } from '@playwright/test'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { promisify } from 'node:util'
import { articleSchema, type Article } from '../shared/article/schema'
import { runGit } from '../electron/main/services/sync'
import { startGitServer, type GitServer } from '../electron/main/services/test-support'
import { expect, test } from './fixtures'
import { HARNESS_ORIGIN, startContext } from './harness/chromium-bridge'

// Two editors, two app instances (each its own services, user data and workspace) on one remote served by a
// git daemon on loopback. Ana shares her workspace from Settings; Ben clones it with the built CLI and opens
// the clone from the workspace menu. The daemon stops (both indicators say Offline), both edit the same
// article: Ana the headline, Ben the standfirst, both the last paragraph. The daemon comes back on the same
// port; Ana syncs, then Ben: the headline and standfirst merge by themselves, the paragraph conflicts (the
// record names Ben and Ana as its sides). Ana syncs before it is settled and her conflict view names her text
// as hers; Ben settles it in his; Ana's next sync brings her the merged article.

const ROOT = resolve(import.meta.dirname, '..')
const CLI = join(ROOT, 'out', 'main', 'cli.js')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const SAMPLE_DIR = join(ROOT, 'assets', 'sample-workspace')
const driver = { argv: [process.execPath, CLI] }
const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

/** The sample article both edit: five plain paragraphs. */
const ID = 'ac60efe9-09fb-4707-8f3e-884e0d2b908c'
const HEADLINE = 'First frost of the season hits the Riverton valley tonight'
const STANDFIRST = 'Gritters are out on main routes from 8 p.m.; side streets are left untreated.'
const LAST = 'Daytime temperatures are expected to recover to around 5°C by the weekend, with rain returning on Sunday.'
const ANA_ADDS = ' Ana heard the bus company will run a reduced timetable.'
const BEN_ADDS = ' Ben heard schools will open as normal.'

interface Editor {
  name: string
  page: Page
  userData: string
  close(): Promise<void>
}

/** One app instance in the Chromium harness, as the fixture starts one: its own services over its own user data. */
async function launchEditor(browser: Browser, name: string, userData: string): Promise<Editor> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const wired = await startContext(context, RENDERER_DIR, {
    userData,
    sampleDir: SAMPLE_DIR,
    syncDriver: driver,
    // Only the editors' own actions sync (Sync now, an explicit save), so the order of the two syncs is the
    // spec's: no background poll, and typing's batch window is longer than the spec.
    syncTimings: { pollMs: 0, batchMs: 10 * 60_000 },
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name} page error] ${error.message}`))
  await page.goto(`${HARNESS_ORIGIN}/index.html`)
  await wired.ready
  await expect(page.getByTestId('article-item').first()).toBeVisible({ timeout: 15_000 })
  return { name, page, userData, close: () => context.close() }
}

async function setIdentity(page: Page, name: string, email: string) {
  const settings = page.getByTestId('settings-dialog')
  await settings.getByTestId('editor-name').fill(name)
  await settings.getByTestId('editor-email').fill(email)
  await settings.getByTestId('editor-email').blur()
}

const syncState = (page: Page) => page.getByTestId('sync-state')
const form = (page: Page) => page.locator('main.editor-pane')
const body = (page: Page) => page.getByRole('textbox', { name: 'Article body' })
const row = (page: Page) => page.locator(`[data-testid="article-item"][data-id="${ID}"]`)

async function syncNow(page: Page, expected: string | RegExp) {
  await page.getByTestId('sync-now').click()
  await expect(syncState(page)).toHaveText(expected, { timeout: 30_000 })
}

/**
 * Every file in a workspace (shared or local, outside .git) is valid JSON where it is JSON and holds no
 * conflict marker; git has nothing unmerged and nothing uncommitted in the shared files.
 */
async function checkFiles(root: string): Promise<void> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.startsWith(`.git${sep}`))
  expect(files.filter((f) => f.startsWith(`articles${sep}`)).length).toBe(10)
  for (const file of files) {
    const text = await readFile(join(root, file), 'utf8')
    expect(text, file).not.toMatch(/^(<{7}|={7}|>{7})( |$)/m)
    if (file.endsWith('.json')) expect(() => JSON.parse(text) as unknown, file).not.toThrow()
  }
  expect((await runGit(root, ['status', '--porcelain', '--untracked-files=no'])).stdout).toBe('')
  expect((await runGit(root, ['ls-files', '--unmerged'])).stdout).toBe('')
}

async function readArticle(root: string): Promise<Article> {
  return articleSchema.parse(JSON.parse(await readFile(join(root, 'articles', `${ID}.json`), 'utf8')))
}

const bodyTexts = (article: Article) =>
  (article.body.content ?? []).map((block) => (block.content ?? []).map((c) => c.text ?? '').join(''))

test('two editors offline on one remote: headline and standfirst merge by themselves, the paragraph is resolved in the conflict view', async ({
  harnessBrowser,
}) => {
  test.setTimeout(240_000)
  if (!harnessBrowser) throw new Error('this spec runs in the Chromium harness (two app instances in one browser)')
  const base = await mkdtemp(join(tmpdir(), 'newsdesk-e2e-two-'))
  const shots = (name: string) => `test-results/screens/two-editors-${name}.png`
  let server: GitServer | null = null
  const editors: Editor[] = []
  try {
    server = await startGitServer(join(base, 'server'))
    const url = await server.createRepository('newsroom.git')
    const remoteDir = join(base, 'server', 'newsroom.git')

    // Ana shares her workspace from Settings: name, team sync on, the remote; Sync now sends it.
    await mkdir(join(base, 'ana'), { recursive: true })
    const ana = await launchEditor(harnessBrowser, 'Ana', join(base, 'ana'))
    editors.push(ana)
    const anaRoot = join(ana.userData, 'workspace')
    await ana.page.getByTestId('open-settings').first().click()
    await setIdentity(ana.page, 'Ana Ruiz', 'ana@example.org')
    const anaSettings = ana.page.getByTestId('settings-dialog')
    await anaSettings.getByTestId('enable-sync').click()
    await anaSettings.getByTestId('sync-remote').fill(url)
    await anaSettings.getByTestId('set-remote').click()
    await expect(anaSettings.getByTestId('team-sync-state')).toHaveText(/^\d+ to send$/)
    await anaSettings.getByRole('button', { name: 'Done' }).click()
    await syncNow(ana.page, 'Synced')

    // Ben clones the remote with the CLI and opens the clone from the workspace menu.
    const benRoot = join(base, 'ben-desk')
    const cloned = await promisify(execFile)(process.execPath, [CLI, 'clone', url, benRoot])
    expect(cloned.stdout).toContain('cloned into')
    await mkdir(join(base, 'ben'), { recursive: true })
    const ben = await launchEditor(harnessBrowser, 'Ben', join(base, 'ben'))
    editors.push(ben)
    const menu = ben.page.getByTestId('workspace-menu')
    await menu.getByRole('button', { name: /^Workspace workspace/ }).click()
    process.env.NEWSDESK_E2E_PICK_FOLDER = benRoot
    try {
      await menu.getByRole('button', { name: 'Open workspace…' }).click()
      await expect(menu.getByRole('button', { name: /^Workspace ben-desk/ })).toBeVisible()
    } finally {
      delete process.env.NEWSDESK_E2E_PICK_FOLDER
    }
    await ben.page.getByTestId('open-settings').first().click()
    await setIdentity(ben.page, 'Ben Ortiz', 'ben@example.org')
    await ben.page.getByTestId('settings-dialog').getByRole('button', { name: 'Done' }).click()
    await syncNow(ben.page, 'Synced')
    await expect(row(ben.page)).toContainText('First hard frost of the season')

    // The remote goes away: both indicators say so in words.
    await server.stop()
    for (const { page } of [ana, ben]) await syncNow(page, 'Offline')
    // What went wrong, in words, with git's own message behind Details.
    await ana.page.getByTestId('sync-details-toggle').click()
    await expect(ana.page.getByTestId('sync-details')).toContainText('the remote cannot be reached')
    await expect(ana.page.getByTestId('sync-git-message')).toContainText(/unable to connect|Connection refused/)
    await ana.page.screenshot({ path: shots('1-ana-offline') })
    await ana.page.getByTestId('sync-details-toggle').click()

    // Offline, both edit the same article: Ana the headline, Ben the standfirst, both the last paragraph.
    const edit = async (page: Page, change: () => Promise<void>, adds: string) => {
      await row(page).click()
      await expect(form(page).getByLabel('Headline')).toHaveValue(/First hard frost/)
      await change()
      await body(page).click()
      await page.keyboard.press(`${mod}+End`)
      await page.keyboard.type(adds)
      await page.keyboard.press(`${mod}+s`)
      await expect(page.getByTestId('save-status')).toContainText('Saved', { timeout: 10_000 })
      await expect(syncState(page)).toHaveText('Offline · 1 waits to be sent', { timeout: 30_000 })
    }
    await edit(ana.page, () => form(ana.page).getByLabel('Headline').fill(HEADLINE), ANA_ADDS)
    await edit(ben.page, () => form(ben.page).getByLabel('Standfirst').fill(STANDFIRST), BEN_ADDS)
    await ben.page.screenshot({ path: shots('2-ben-offline-edit') })

    // The remote is back (same address). Ana syncs first: her edit goes out as it is.
    server = await startGitServer(join(base, 'server'), { port: server.port })
    await syncNow(ana.page, 'Synced')
    // Then Ben: the headline and standfirst merge, the paragraph conflicts and is marked so in the library
    // and in the indicator.
    await syncNow(ben.page, 'Synced · 1 conflicted')
    await expect(row(ben.page).getByTestId('conflict-badge')).toHaveText('Conflicted', { timeout: 15_000 })
    await ben.page.screenshot({ path: shots('3-ben-conflicted') })
    const conflicted = await readArticle(benRoot)
    expect(conflicted.headline).toBe(HEADLINE)
    expect(conflicted.standfirst).toBe(STANDFIRST)
    expect(conflicted.conflicts?.map((c) => c.field)).toEqual(['body'])
    // What Ben's sync sent is the same still-valid article, its conflict record inside.
    // It names who wrote each side: ours is Ben (his computer merged), theirs is Ana.
    const shared = await runGit(remoteDir, ['show', `main:articles/${ID}.json`])
    expect(articleSchema.parse(JSON.parse(shared.stdout)).conflicts).toEqual([
      expect.objectContaining({ oursBy: 'Ben Ortiz <ben@example.org>', theirsBy: 'Ana Ruiz <ana@example.org>' }),
    ])

    // Ana syncs before Ben resolves it: her conflict view calls her own text hers, not the merging computer's.
    await syncNow(ana.page, 'Synced · 1 conflicted')
    await expect(row(ana.page).getByTestId('conflict-badge')).toHaveText('Conflicted', { timeout: 15_000 })
    await row(ana.page).click()
    const anaView = ana.page.getByTestId('conflict-view')
    await expect(anaView.getByRole('heading', { name: 'Resolve conflicts' })).toBeVisible({ timeout: 15_000 })
    const anaBlock = anaView.getByTestId('conflict-item').first()
    await expect(anaBlock.getByRole('group', { name: /^Ana Ruiz's version \(you\)/ })).toContainText(LAST + ANA_ADDS)
    await expect(anaBlock.getByRole('group', { name: /^Ben Ortiz's version:/ })).toContainText(LAST + BEN_ADDS)
    await expect(anaBlock.getByRole('radio', { name: "Keep Ben's" })).toBeVisible()
    await expect(anaBlock.getByRole('radio', { name: 'Keep mine' })).toBeVisible()
    await ana.page.screenshot({ path: shots('3b-ana-sees-the-conflict') })

    // Ben opens it: the conflict view shows the paragraph as it was, as he wrote it, as Ana wrote it.
    await row(ben.page).click()
    const view = ben.page.getByTestId('conflict-view')
    await expect(view.getByRole('heading', { name: 'Resolve conflicts' })).toBeVisible({ timeout: 15_000 })
    const items = view.getByTestId('conflict-item')
    await expect(items).toHaveCount(1)
    const block = items.first()
    await expect(block.getByRole('group', { name: /^Original/ })).toContainText(LAST)
    await expect(block.getByRole('group', { name: /^Ben Ortiz's version \(you\)/ })).toContainText(LAST + BEN_ADDS)
    await expect(block.getByRole('group', { name: /^Ana Ruiz's version:/ })).toContainText(LAST + ANA_ADDS)
    await expect(block.getByRole('radio', { name: "Keep Ana's" })).toBeVisible()
    await block.getByRole('radio', { name: 'Keep mine' }).check()
    await expect(view.getByRole('status')).toHaveText('1 of 1 resolved')
    await ben.page.screenshot({ path: shots('4-ben-conflict-view') })
    await view.getByTestId('conflict-save').click()
    await expect(form(ben.page).getByLabel('Headline')).toHaveValue(HEADLINE, { timeout: 10_000 })
    await expect(form(ben.page).getByLabel('Standfirst')).toHaveValue(STANDFIRST)
    await expect(row(ben.page).getByTestId('conflict-badge')).toHaveCount(0)
    await syncNow(ben.page, 'Synced')
    await ben.page.screenshot({ path: shots('5-ben-resolved') })

    // Ana's next sync brings her the merged article: her headline, Ben's standfirst, Ben's paragraph.
    await syncNow(ana.page, 'Synced')
    await expect(form(ana.page).getByLabel('Standfirst')).toHaveValue(STANDFIRST, { timeout: 15_000 })
    await expect(form(ana.page).getByLabel('Headline')).toHaveValue(HEADLINE)
    await expect(body(ana.page)).toContainText(LAST + BEN_ADDS)
    await expect(body(ana.page)).not.toContainText(ANA_ADDS.trim())
    await ana.page.screenshot({ path: shots('6-ana-merged') })

    for (const root of [anaRoot, benRoot]) {
      const article = await readArticle(root)
      expect(article.headline).toBe(HEADLINE)
      expect(article.standfirst).toBe(STANDFIRST)
      expect(article.conflicts).toBeUndefined()
      expect(bodyTexts(article).at(-1)).toBe(LAST + BEN_ADDS)
      expect(bodyTexts(article)).toHaveLength(5)
      await checkFiles(root)
    }
    for (const { page } of [ana, ben]) await expect(syncState(page)).toHaveText('Synced')
    const heads = await Promise.all([anaRoot, benRoot, remoteDir].map((r) => runGit(r, ['rev-parse', 'main'])))
    expect(new Set(heads.map((h) => h.stdout.trim())).size).toBe(1)
    const fsck = await runGit(remoteDir, ['fsck', '--strict', '--no-dangling'])
    expect(fsck.stdout + fsck.stderr).toBe('')
    const authors = (await runGit(remoteDir, ['log', '--format=%an', 'main'])).stdout.split('\n')
    expect(authors).toEqual(expect.arrayContaining(['Ana Ruiz', 'Ben Ortiz']))
  } finally {
    for (const editor of editors) await editor.close().catch(() => undefined)
    await server?.stop()
    await rm(base, { recursive: true, force: true, maxRetries: 10 })
  }
})
