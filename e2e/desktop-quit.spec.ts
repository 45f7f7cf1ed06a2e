import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { NewsdeskApi, NewsdeskEvents } from '../shared/ipc/contract'
import { expect, test, type NewsdeskApp } from './fixtures'

// The quit sequence of the real main process (issue 18, fault 10): quitting, closing the window and a Windows
// log-off all save the open article; a quit during an export cancels it and the process still ends. These run
// under the electron-standin launcher (the built main process) and under real Electron, never in the harness.

/** Opens the first article and changes its headline; nothing waits for the autosave. */
async function editHeadline(app: NewsdeskApp, text: string): Promise<void> {
  await app.page.getByTestId('article-item').first().click()
  await app.page.getByLabel('Headline').fill(text)
}

/** Every headline in the workspace's article files. */
async function headlinesOnDisk(workspace: string): Promise<string[]> {
  const names = (await readdir(join(workspace, 'articles'))).filter((n) => n.endsWith('.json'))
  return Promise.all(
    names.map(
      async (n) =>
        (JSON.parse(await readFile(join(workspace, 'articles', n), 'utf8')) as { headline: string }).headline,
    ),
  )
}

/** Asserts `events` appear in this order in the stand-in's lifecycle log (Electron records none). */
function expectOrder(app: NewsdeskApp, events: string[]): void {
  if (app.launcher !== 'electron-standin') return
  const log = app.desktop?.lifecycle ?? []
  const positions = events.map((e) => log.indexOf(e))
  expect(positions, `lifecycle: ${log.join(' ')}`).not.toContain(-1)
  expect([...positions].sort((a, b) => a - b)).toEqual(positions)
}

function desktopOf(app: NewsdeskApp) {
  if (!app.desktop) throw new Error(`the ${app.launcher} launcher has no main process to quit`)
  return app.desktop
}

test('quitting saves the article being edited, then ends the process', async ({ app }) => {
  const desktop = desktopOf(app)
  await editHeadline(app, 'Saved by the quit')
  await desktop.quit()
  expect((await desktop.waitForExit(15_000)).code).toBe(0)
  expect(await headlinesOnDisk(app.workspace)).toContain('Saved by the quit')
  expectOrder(app, ['app:before-quit', 'window:close', 'window:closed', 'app:will-quit', 'app:quit'])
})

test('closing the window saves the article being edited and quits', async ({ app }) => {
  const desktop = desktopOf(app)
  await editHeadline(app, 'Saved by closing the window')
  await desktop.closeWindow()
  expect((await desktop.waitForExit(15_000)).code).toBe(0)
  expect(await headlinesOnDisk(app.workspace)).toContain('Saved by closing the window')
  // The first close is held for the save; the quit it then asks for closes the window for good.
  expectOrder(app, ['window:close', 'app:before-quit', 'window:closed', 'app:will-quit', 'app:quit'])
})

test('a Windows log-off (no before-quit) saves the article being edited', async ({ app }) => {
  const desktop = desktopOf(app)
  await editHeadline(app, 'Saved at log-off')
  await desktop.sessionEnd()
  await desktop.waitForExit(15_000)
  expect(await headlinesOnDisk(app.workspace)).toContain('Saved at log-off')
  // query-session-end was held until the save landed; the app then quit by itself, before the stand-in's
  // "Shut down anyway" would have ended it.
  expectOrder(app, ['window:query-session-end', 'app:before-quit', 'app:will-quit', 'app:quit'])
  if (app.launcher === 'electron-standin') expect(app.desktop?.lifecycle).not.toContain('standin:session-ended')
})

test('quitting during an export cancels it, leaves no output and ends the process', async ({ app }) => {
  test.setTimeout(90_000)
  const desktop = desktopOf(app)
  // 800 more articles: enough for the export to run on the bundle workers (200 files or more), and for it to
  // be still running when the quit arrives. With 300 an idle machine once finished the export between its first
  // progress event and the quit (the quit first asks the page to flush its open article), and the folder stayed.
  await app.page.evaluate(async () => {
    const api = (window as unknown as { newsdesk: NewsdeskApi }).newsdesk
    for (let i = 0; i < 800; i++) await api.articles.create({ headline: `Bulk article ${i}` })
  })
  await app.page.evaluate(() => {
    const w = window as unknown as {
      newsdesk: NewsdeskApi & {
        on<E extends keyof NewsdeskEvents>(e: E, l: (...a: NewsdeskEvents[E]) => void): () => void
      }
      __progress: number
    }
    w.__progress = 0
    w.newsdesk.on('exports:progress', (p) => (w.__progress = Math.max(w.__progress, p.done)))
    void w.newsdesk.exports.run({ format: 'markdown', zip: false, scope: { kind: 'all' } })
  })
  await app.page.waitForFunction(() => (window as unknown as { __progress: number }).__progress > 0)
  await desktop.quit()
  expect((await desktop.waitForExit(20_000)).code).toBe(0)
  // A cancelled export leaves nothing behind: no folder under the chosen name, no temp beside it.
  const left = await readdir(join(app.userData, 'exports')).catch(() => [])
  expect(left).toEqual([])
  if (app.standin) expect(app.standin.output.join('\n')).not.toContain('quit: services or settings not closed')
  expectOrder(app, ['app:before-quit', 'app:will-quit', 'app:quit'])
})
