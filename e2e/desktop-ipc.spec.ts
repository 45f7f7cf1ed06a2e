import type { Page } from '@playwright/test'
import { expect, test, type NewsdeskApp } from './fixtures'

// The IPC as the real main process registers it (register-handlers.ts): only our window's own page is answered,
// and a refused or failing call reaches the page the way Electron delivers it. Runs under the electron-standin
// launcher and real Electron (the harness has no ipcMain and no second window).

/** Calls `articles.list` through the page's bridge and returns the rejection's message (or 'resolved'). */
function listFrom(page: Page, query: unknown = {}): Promise<string> {
  return page.evaluate(async (q) => {
    const api = (window as unknown as { newsdesk?: { articles: { list(q: unknown): Promise<unknown> } } }).newsdesk
    if (!api) return 'no bridge'
    return api.articles.list(q).then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    )
  }, query)
}

/** Opens a second window on our own page, with our preload, that main did not create. */
async function secondWindow(app: NewsdeskApp): Promise<Page> {
  if (app.standin) {
    const id = await app.standin.openWindow('app://newsdesk/index.html')
    await expect.poll(() => app.standin?.pages.get(id)?.url() ?? '').toContain('app-scheme')
    const page = app.standin.pages.get(id)
    if (!page) throw new Error('no second window')
    await page.waitForFunction(() => 'newsdesk' in window)
    return page
  }
  const electronApp = app.electronApp
  if (!electronApp) throw new Error(`the ${app.launcher} launcher has no main process`)
  const opened = electronApp.waitForEvent('window')
  await electronApp.evaluate(({ BrowserWindow }) => {
    const first = BrowserWindow.getAllWindows()[0]
    const preload = (
      first?.webContents as unknown as { getLastWebPreferences(): { preload?: string } }
    ).getLastWebPreferences().preload
    const extra = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, preload } })
    void extra.loadURL('app://newsdesk/index.html')
  })
  const page = await opened
  await page.waitForFunction(() => 'newsdesk' in window)
  return page
}

test('the main window is answered; a second window with the same page and preload is refused', async ({ app }) => {
  expect(await listFrom(app.page)).toBe('resolved')
  const other = await secondWindow(app)
  expect(await listFrom(other)).toBe(
    "Error invoking remote method 'articles:list': Error: articles:list: refused, unknown sender",
  )
})

test("a refused argument arrives as Electron's rewrapped error; an uncloneable one never leaves the page", async ({
  app,
}) => {
  // Validation runs in main after the sender check: the page sees Electron's prefix and the error's own name.
  expect(await listFrom(app.page, { status: 'deleted' })).toMatch(
    /^Error invoking remote method 'articles:list': IpcValidationError: articles:list: invalid argument/,
  )
  // A function cannot be structured-cloned: the call fails in the page before any IPC.
  const uncloneable = await app.page.evaluate(async () => {
    const api = (window as unknown as { newsdesk: { articles: { list(q: unknown): Promise<unknown> } } }).newsdesk
    return api.articles.list({ status: () => 'draft' }).then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    )
  })
  expect(uncloneable).toContain('could not be cloned')
})

test('Show in folder for a notice’s file goes through main to shell.showItemInFolder, only inside the workspace', async ({
  app,
}) => {
  const electronApp = app.electronApp
  if (electronApp) {
    // Stub shell.showItemInFolder in main so no file manager opens and every call is recorded.
    await electronApp.evaluate(({ shell }) => {
      const calls: string[] = []
      ;(globalThis as unknown as { __shown: string[] }).__shown = calls
      shell.showItemInFolder = (path: string) => void calls.push(`folder:${path}`)
    })
  }
  const answers = await app.page.evaluate(async () => {
    type Api = {
      articles: {
        head(n: number): Promise<{ articles: { id: string }[] }>
        showInFolder(ref: unknown): Promise<unknown>
      }
    }
    const api = (window as unknown as { newsdesk: Api }).newsdesk
    const first = (await api.articles.head(1)).articles[0]?.id ?? ''
    const ask = (ref: unknown) =>
      api.articles.showInFolder(ref).then(
        (r) => r,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      )
    return {
      first,
      article: await ask({ kind: 'article', id: first }),
      pathKey: await ask({ kind: 'attention', key: '../../etc/passwd' }),
      path: await ask({ kind: 'path', path: '/etc/passwd' }),
    }
  })
  expect(answers.article).toMatchObject({ ok: true })
  expect(answers.pathKey).toMatchObject({ ok: false, reason: 'not-found' })
  // A path is not a reference the contract knows: refused before any service sees it.
  expect(answers.path).toMatch(/articles:showInFolder: invalid argument/)
  const shown = electronApp
    ? await electronApp.evaluate(() => (globalThis as unknown as { __shown: string[] }).__shown)
    : app.openedLinks
  expect(shown.filter((l) => l.startsWith('folder:'))).toEqual([
    `folder:${(answers.article as { displayPath: string }).displayPath}`,
  ])
  expect(shown.find((l) => l.startsWith('folder:'))).toContain(`${answers.first}.json`)
})
