import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test, type NewsdeskApp } from './fixtures'
import { workspaceLayout } from '../electron/main/services/storage'

interface OnDisk {
  id: string
  headline: string
  [key: string]: unknown
}

async function firstArticle(app: NewsdeskApp): Promise<{ path: string; article: OnDisk }> {
  const dir = join(app.workspace, 'articles')
  const name = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()[0]!
  const path = join(dir, name)
  return { path, article: JSON.parse(await readFile(path, 'utf8')) as OnDisk }
}

async function open(app: NewsdeskApp, headline: string) {
  await app.page.getByTestId('article-item').filter({ hasText: headline }).first().click()
  await expect(app.page.getByRole('textbox', { name: 'Headline' })).toHaveValue(headline)
}

test('an external edit of a clean open article reloads it with a notice', async ({ app }) => {
  const { path, article } = await firstArticle(app)
  await open(app, article.headline)
  await writeFile(path, `${JSON.stringify({ ...article, headline: 'Edited in another program' }, null, 2)}\n`)
  await expect(app.page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Edited in another program', {
    timeout: 10_000,
  })
  await expect(app.page.getByTestId('notice-reloaded')).toBeVisible()
  await app.page.screenshot({ path: 'test-results/screens/library-reloaded.png' })
})

test('an external edit of a dirty open article shows the conflict view, and keep mine wins', async ({ app }) => {
  const { path, article } = await firstArticle(app)
  await open(app, article.headline)
  await app.page.getByRole('textbox', { name: 'Headline' }).fill('My unsaved headline')
  await writeFile(path, `${JSON.stringify({ ...article, headline: 'Their headline' }, null, 2)}\n`)
  const view = app.page.getByTestId('conflict-view')
  await expect(view).toBeVisible({ timeout: 10_000 })
  // Nothing was overwritten in either direction.
  expect(JSON.parse(await readFile(path, 'utf8')).headline).toBe('Their headline')
  await expect(app.page.getByRole('textbox', { name: 'Headline' })).toHaveValue('My unsaved headline')
  await view.getByRole('button', { name: 'See both' }).click()
  await expect(app.page.getByTestId('conflict-compare')).toContainText('Their headline')
  await app.page.screenshot({ path: 'test-results/screens/library-conflict.png' })
  await view.getByRole('button', { name: 'Keep mine' }).click()
  await expect(view).toBeHidden()
  await expect
    .poll(async () => JSON.parse(await readFile(path, 'utf8')).headline, { timeout: 10_000 })
    .toBe('My unsaved headline')
  // Nothing is lost either way: the disk version that "keep mine" overwrote is in history.
  const historyDir = join(workspaceLayout(app.workspace).history, article.id)
  const snapshots = await Promise.all(
    (await readdir(historyDir)).map(async (n) => JSON.parse(await readFile(join(historyDir, n), 'utf8'))),
  )
  expect(snapshots.some((s) => s.reason === 'disk-version' && s.article.headline === 'Their headline')).toBe(true)
})

test('a page closed mid-typing offers the journaled text on reopen', async ({ app }) => {
  const { article } = await firstArticle(app)
  await open(app, article.headline)
  await app.page.getByRole('textbox', { name: 'Headline' }).fill('Typed just before the crash')
  // The journal is written within a second of typing; wait for it, then close before anything else.
  await expect
    .poll(async () => (await readdir(workspaceLayout(app.workspace).journal).catch(() => [])).length, {
      timeout: 5_000,
      intervals: [50],
    })
    .toBe(1)
  // Crash the renderer like a power cut would: no unload handlers, no last-moment save (the harness and the
  // stand-in have a Chromium page to crash; under Electron the restart's own quit is what this spec sees).
  if (app.launcher !== 'electron') {
    const crashed = app.page.waitForEvent('crash')
    const cdp = await app.page.context().newCDPSession(app.page)
    void cdp.send('Page.crash').catch(() => undefined)
    await crashed
  }
  const page = await app.restart()
  const notice = page.getByTestId('journal-notice')
  await expect(notice).toBeVisible()
  await expect(notice).toContainText('Typed just before the crash')
  await page.screenshot({ path: 'test-results/screens/library-journal.png' })
  await notice.getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByRole('textbox', { name: 'Headline' })).toHaveValue('Typed just before the crash')
  // The restored text is an unsaved edit that autosaves like any other.
  await expect
    .poll(
      async () => JSON.parse(await readFile(join(app.workspace, 'articles', `${article.id}.json`), 'utf8')).headline,
      {
        timeout: 10_000,
      },
    )
    .toBe('Typed just before the crash')
  await expect(page.getByTestId('save-status')).toContainText('Saved', { timeout: 10_000 })
})

test('a corrupt article file shows under Needs attention and the app still lists the rest', async ({ app }) => {
  const name = '0b8e4a52-5f0e-4c8e-9d3c-1f2a3b4c5d6e.json'
  await writeFile(join(app.workspace, 'articles', name), '{"schemaVersion": 1, "headline": "cut sh')
  const page = await app.restart()
  await expect(page.getByTestId('article-item')).toHaveCount(10)
  const attention = page.getByTestId('needs-attention')
  await expect(attention).toBeVisible()
  await expect(attention).toContainText(name)
  await expect(attention).toContainText('truncated')
  await page.screenshot({ path: 'test-results/screens/library-attention.png' })
  expect(await readdir(join(app.workspace, 'articles'))).not.toContain(name)
})

test('a damaged settings file at start is set aside and the user is told, with defaults in use', async ({ app }) => {
  const damaged = '{"uiLanguage": "es", "headlineBud'
  // Closed first, so the running app cannot be the one that finds the damaged file.
  await app.page.close()
  await writeFile(join(app.userData, 'ui-settings.json'), damaged)
  const page = await app.restart()
  const notice = page.getByTestId('settings-notice')
  await expect(notice).toBeVisible()
  await expect(notice).toContainText(
    'Your settings file was damaged and has been set aside as ui-settings.json.corrupt-',
  )
  await expect(notice).toContainText('defaults are in use')
  const kept = (await readdir(app.userData)).filter((n) => n.startsWith('ui-settings.json.corrupt-'))
  expect(kept).toHaveLength(1)
  await expect(notice).toContainText(join(app.userData, kept[0]!))
  expect(await readFile(join(app.userData, kept[0]!), 'utf8')).toBe(damaged)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.screenshot({ path: 'test-results/screens/settings-set-aside.png' })
  // In Spanish too (the new settings file is written; the notice stays for this run).
  await page.getByTestId('open-settings').first().click()
  await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Interface language').selectOption('es')
  await page.getByRole('button', { name: 'Hecho' }).click()
  await expect(notice).toContainText(
    'Tu archivo de ajustes estaba dañado y se ha apartado como ui-settings.json.corrupt-',
  )
  await page.screenshot({ path: 'test-results/screens/settings-set-aside-es.png' })
  await notice.getByRole('button', { name: 'Descartar aviso de ajustes' }).click()
  await expect(notice).toHaveCount(0)
  // The next start finds a good (or no) settings file and says nothing.
  const again = await app.restart()
  await expect(again.getByTestId('article-item').first()).toBeVisible()
  await expect(again.getByTestId('settings-notice')).toHaveCount(0)
})

test('a workspace locked by another Newsdesk opens read-only with a banner', async ({ app }) => {
  const lock = { pid: 4242, hostname: 'other-desk', timestamp: new Date().toISOString(), token: 'theirs' }
  await writeFile(workspaceLayout(app.workspace).lock, JSON.stringify(lock))
  const page = await app.restart()
  const banner = page.getByTestId('read-only-banner')
  await expect(banner).toBeVisible()
  await expect(banner).toContainText('other-desk')
  await page.screenshot({ path: 'test-results/screens/library-read-only.png' })
  // The other instance's lock is left alone.
  expect(JSON.parse(await readFile(workspaceLayout(app.workspace).lock, 'utf8')).token).toBe('theirs')
})

test('new workspace, its empty library, and back through Recent workspaces', async ({ app }) => {
  const page = app.page
  await expect(page.getByTestId('article-item')).toHaveCount(10)
  const second = join(app.userData, 'second-desk')
  const menu = page.getByTestId('workspace-menu')
  const toggle = menu.getByRole('button', { name: /^Workspace workspace/ })
  await toggle.click()
  process.env.NEWSDESK_E2E_PICK_FOLDER = second
  try {
    await menu.getByRole('button', { name: 'New workspace…' }).click()
    await expect(menu.getByRole('button', { name: /^Workspace second-desk/ })).toBeVisible()
    await expect(page.getByTestId('article-item')).toHaveCount(0)
    expect(await readdir(join(second, 'articles'))).toEqual([])
    // The lock moved with the workspace.
    expect((await readdir(workspaceLayout(app.workspace).store)).includes('lock')).toBe(false)
    expect((await readdir(workspaceLayout(second).store)).includes('lock')).toBe(true)
    await menu.getByRole('button', { name: /^Workspace second-desk/ }).click()
    await expect(menu.getByRole('button', { name: /^Open workspace workspace/ })).toBeVisible()
    await page.screenshot({ path: 'test-results/screens/workspace-menu.png' })
    await menu.getByRole('button', { name: /^Open workspace workspace/ }).click()
    await expect(page.getByTestId('article-item')).toHaveCount(10)
    await expect(toggle).toBeVisible()
    // The native menu's "Open workspace…" goes through the same dialog.
    await app.emit('menu:command', 'open-workspace')
    await expect(page.getByTestId('article-item')).toHaveCount(0)
    await expect(menu.getByRole('button', { name: /^Workspace second-desk/ })).toBeVisible()
  } finally {
    delete process.env.NEWSDESK_E2E_PICK_FOLDER
  }
})

test('Save As copies a read-only workspace; the open article is editable there and saves into the copy', async ({
  app,
}) => {
  const { article } = await firstArticle(app)
  const lock = { pid: 4242, hostname: 'other-desk', timestamp: new Date().toISOString(), token: 'theirs' }
  await writeFile(workspaceLayout(app.workspace).lock, JSON.stringify(lock))
  const page = await app.restart()
  const banner = page.getByTestId('read-only-banner')
  await expect(banner).toBeVisible()
  await open(app, article.headline)
  // Read-only: every field is disabled, so nothing can be typed that could not be saved.
  await expect(page.getByRole('textbox', { name: 'Headline' })).toBeDisabled()
  const copy = join(app.userData, 'my-copy')
  process.env.NEWSDESK_E2E_PICK_FOLDER = copy
  try {
    await page.screenshot({ path: 'test-results/screens/workspace-save-as.png' })
    await banner.getByRole('button', { name: 'Save As…' }).click()
    await expect(banner).toBeHidden()
    await expect(page.getByTestId('workspace-menu').getByRole('button', { name: /^Workspace my-copy/ })).toBeVisible()
    // The copy is writable: the open article can be edited there and saves into the copy.
    await expect(page.getByRole('textbox', { name: 'Headline' })).toBeEnabled()
    await page.getByRole('textbox', { name: 'Headline' }).fill('Written while read-only')
    await expect
      .poll(
        async () =>
          JSON.parse(await readFile(join(copy, 'articles', `${article.id}.json`), 'utf8').catch(() => '{}')).headline,
        { timeout: 10_000 },
      )
      .toBe('Written while read-only')
    await expect(page.getByTestId('article-item')).toHaveCount(10)
    // The original is untouched and still the other instance's.
    const original = JSON.parse(await readFile(join(app.workspace, 'articles', `${article.id}.json`), 'utf8'))
    expect(original.headline).toBe(article.headline)
    expect(JSON.parse(await readFile(workspaceLayout(app.workspace).lock, 'utf8')).token).toBe('theirs')
    await page.screenshot({ path: 'test-results/screens/workspace-after-save-as.png' })
  } finally {
    delete process.env.NEWSDESK_E2E_PICK_FOLDER
  }
})
