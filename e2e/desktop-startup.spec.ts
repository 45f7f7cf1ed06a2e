import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, standinDialogs, test } from './fixtures'
import { launchStandin, type StandinApp } from './standin/launch'

// Start-up of the real main process (issue 18, faults 7, 8, 9, 12, 14) under the electron-standin launcher, each
// launch over its own folders. Under real Electron a failed start shows a modal error box a person must dismiss,
// so these run under the stand-in only (release-check covers a normal start of the packaged app).
const ROOT = resolve(import.meta.dirname, '..')

test.describe('start-up under the stand-in', () => {
  let base: string
  const running: StandinApp[] = []
  test.beforeEach(async ({ launcher }) => {
    expect(launcher, 'this spec needs the stand-in (a modal error box would block real Electron)').toBe(
      'electron-standin',
    )
    base = await mkdtemp(join(tmpdir(), 'newsdesk-startup-'))
  })
  test.afterEach(async () => {
    await Promise.all(running.splice(0).map((a) => a.close()))
    await rm(base, { recursive: true, force: true, maxRetries: 5 })
  })

  const launch = async (harnessBrowser: Parameters<typeof launchStandin>[0]['browser'], userData: string, env: Record<string, string> = {}) => {
    const app = await launchStandin({
      browser: harnessBrowser,
      root: ROOT,
      env: { ...process.env, NEWSDESK_USER_DATA: userData, NEWSDESK_STANDIN_HOME: join(base, 'home'), ...env } as Record<string, string>,
      dialogs: standinDialogs(userData),
      viewport: { width: 1280, height: 680 },
    })
    running.push(app)
    return app
  }

  test('a start that throws says why, gives the single-instance lock back and ends; the next launch starts', async ({
    harnessBrowser,
  }) => {
    if (!harnessBrowser) throw new Error('no Chromium')
    const userData = join(base, 'user-data')
    // The settings file cannot be read (a folder in its place): electron-store throws before the window exists.
    await mkdir(join(userData, 'settings.json'), { recursive: true })
    const failed = await launch(harnessBrowser, userData)
    const exit = await Promise.race([
      failed.exited,
      new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000)),
    ])
    expect(exit).toEqual({ code: 1, signal: null })
    expect(failed.errorBoxes).toHaveLength(1)
    expect(failed.errorBoxes[0]?.title).toBe('Newsdesk could not start')
    expect(failed.errorBoxes[0]?.content).toContain('EISDIR')
    expect(existsSync(join(userData, 'SingletonLock'))).toBe(false)

    await rm(join(userData, 'settings.json'), { recursive: true })
    const next = await launch(harnessBrowser, userData)
    const page = await next.firstWindow()
    await expect(page.getByTestId('article-item').first()).toBeVisible()
  })

  test('a user-data folder that does not exist yet is created before app.setPath', async ({ harnessBrowser }) => {
    if (!harnessBrowser) throw new Error('no Chromium')
    const userData = join(base, 'not', 'there', 'yet')
    const app = await launch(harnessBrowser, userData)
    await expect((await app.firstWindow()).getByTestId('article-item').first()).toBeVisible()
    expect(existsSync(join(userData, 'workspace'))).toBe(true)
  })

  test('on a 1280×680 work area the window fits; app:// keeps its code cache; spellcheck never downloads', async ({
    harnessBrowser,
  }) => {
    if (!harnessBrowser) throw new Error('no Chromium')
    const display = { bounds: { x: 0, y: 0, width: 1280, height: 720 }, workArea: { x: 0, y: 0, width: 1280, height: 680 } }
    const app = await launch(harnessBrowser, join(base, 'user-data'), { NEWSDESK_STANDIN_DISPLAYS: JSON.stringify([display]) })
    await expect((await app.firstWindow()).getByTestId('article-item').first()).toBeVisible()
    const window = app.windowOptions.get(1)
    expect(window?.width).toBeLessThanOrEqual(1280)
    expect(window?.height).toBeLessThanOrEqual(680)
    expect(window?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    const schemes = app.records.find((r) => r.key === 'privilegedSchemes')?.value
    expect(schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ])
    // The dictionary download base is set to a folder inside the app before any language is chosen.
    const keys = app.records.map((r) => r.key)
    const download = app.records.find((r) => r.key === 'spellCheckerDictionaryDownloadURL')?.value
    expect(String(download)).toMatch(/^file:\/\/.*\/dictionaries\/$/)
    const firstLanguage = keys.indexOf('spellCheckerLanguages')
    if (firstLanguage !== -1) expect(keys.indexOf('spellCheckerDictionaryDownloadURL')).toBeLessThan(firstLanguage)
  })

  test('dictionary downloads are an explicit setting, off by default; on, the CDN is set at start before any language', async ({
    harnessBrowser,
  }) => {
    if (!harnessBrowser) throw new Error('no Chromium')
    const userData = join(base, 'user-data')
    const downloads = (app: StandinApp) =>
      app.records.filter((r) => r.key === 'spellCheckerDictionaryDownloadURL').map((r) => String(r.value))
    const cdn = 'https://redirector.gvt1.com/edgedl/chrome/dictionaries/'
    const first = await launch(harnessBrowser, userData)
    const page = await first.firstWindow()
    await expect(page.getByTestId('article-item').first()).toBeVisible()
    await page.getByTestId('open-settings').first().click()
    const box = page.getByTestId('spellcheck-download')
    await expect(box).not.toBeChecked()
    await expect(page.getByTestId('settings-dialog')).toContainText(cdn)
    expect(downloads(first).every((url) => url.startsWith('file://'))).toBe(true)
    // The box shows the saved state: it turns checked once main has stored the change (not on the click itself).
    await box.click()
    await expect(box).toBeChecked()
    await expect.poll(() => downloads(first).at(-1)).toBe(cdn)
    await first.close()
    running.splice(running.indexOf(first), 1)

    const second = await launch(harnessBrowser, userData)
    const again = await second.firstWindow()
    await again.getByTestId('article-item').first().click()
    // Opening an article sets its spellcheck language.
    await expect.poll(() => second.records.some((r) => r.key === 'spellCheckerLanguages')).toBe(true)
    // Offline first (before the setting is read), then the stored "on", before the window and any language.
    expect(downloads(second).slice(0, 2)).toEqual([expect.stringMatching(/^file:\/\/.*\/dictionaries\/$/), cdn])
    const firstLanguage = second.records.findIndex((r) => r.key === 'spellCheckerLanguages')
    const cdnAt = second.records.findIndex((r) => r.key === 'spellCheckerDictionaryDownloadURL' && r.value === cdn)
    expect(cdnAt).toBeLessThan(firstLanguage)
    expect(downloads(second).every((url) => url === cdn || url.startsWith('file://'))).toBe(true)
    expect(downloads(second).at(-1)).toBe(cdn)
  })
})
