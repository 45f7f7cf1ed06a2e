import { _electron, test as base, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { defaultWorkspace } from '../electron/main/services'
import { HARNESS_ORIGIN, startContext, type EmitEvent } from './harness/chromium-bridge'
import { findElectronBinary } from '../scripts/electron-binary'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './harness/chromium-args'
import { launchStandin, type DialogScript, type StandinApp } from './standin/launch'

const ROOT = resolve(import.meta.dirname, '..')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const SAMPLE_DIR = join(ROOT, 'assets', 'sample-workspace')

/**
 * Which way the app is launched: a real Electron when its binary exists, else the Chromium harness; the
 * electron-standin launcher runs the BUILT main process under Node with `electron` mapped to e2e/standin/.
 */
export type LauncherName = 'electron' | 'chromium' | 'electron-standin'

/** Why the real Electron launcher cannot run here, or null when its binary is present. */
export function electronBinaryMissing(): string | null {
  const found = findElectronBinary(ROOT)
  return found.ok ? null : found.reason
}

/** Picks the launcher: NEWSDESK_E2E_LAUNCHER forces one, otherwise electron when its binary is present. */
export function pickLauncher(): LauncherName {
  const forced = process.env.NEWSDESK_E2E_LAUNCHER
  if (forced === 'electron' || forced === 'chromium' || forced === 'electron-standin') return forced
  return electronBinaryMissing() === null ? 'electron' : 'chromium'
}

/** Drives the desktop half of the app (quit, close, log-off) under the launchers that have one. */
export interface DesktopControl {
  /** app.quit(), as File > Quit would. */
  quit(): Promise<void>
  /** The user closing the main window. */
  closeWindow(): Promise<void>
  /** A Windows log-off (query-session-end, then session-end). */
  sessionEnd(): Promise<void>
  /** Resolves when the main process has exited; rejects after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: string | null }>
  /** App and window events in the order they were emitted (stand-in only; empty under Electron). */
  lifecycle: string[]
}

/** A running Newsdesk under test. */
export interface NewsdeskApp {
  launcher: LauncherName
  page: Page
  /** The user-data folder of this run (fresh per test). */
  userData: string
  /** The open workspace folder. */
  workspace: string
  /** Quits and starts the app again over the same user data, as a user restarting it would. */
  restart(): Promise<Page>
  /** Sends a main -> renderer event (a menu command, a change on disk). */
  emit: EmitEvent
  /** The Electron main process under Playwright's control (electron launcher only; null in the harness). */
  electronApp: ElectronApplication | null
  /** The stand-in's main process (electron-standin launcher only). */
  standin: StandinApp | null
  /** Quit, close and log-off (electron and electron-standin launchers; null in the Chromium harness). */
  desktop: DesktopControl | null
  /** URLs that reached the stand-in for shell.openExternal after the link policy (chromium and electron-standin). */
  openedLinks: string[]
}

/** The stand-in's native dialogs, scripted as the harness's pickers are (the same environment variables). */
export function standinDialogs(userData: string): DialogScript {
  return async (kind, options) => {
    if (kind === 'save') {
      const forced = process.env.NEWSDESK_E2E_PICK_DESTINATION
      if (forced) return { canceled: false, filePath: forced }
      await mkdir(join(userData, 'exports'), { recursive: true })
      return { canceled: false, filePath: join(userData, 'exports', basename(String(options.defaultPath ?? 'export'))) }
    }
    if (kind === 'message') return { response: 0, checkboxChecked: false }
    const filters = (options.filters ?? []) as { name: string }[]
    const properties = (options.properties ?? []) as string[]
    const picked = (paths: string[]) => ({ canceled: paths.length === 0, filePaths: paths })
    if (filters[0]?.name === 'Images')
      return picked(process.env.NEWSDESK_E2E_PICK_IMAGE ? [process.env.NEWSDESK_E2E_PICK_IMAGE] : [])
    if (properties.includes('openFile') || process.env.NEWSDESK_E2E_PICK_SOURCES)
      return picked(JSON.parse(process.env.NEWSDESK_E2E_PICK_SOURCES ?? '[]') as string[])
    return picked(process.env.NEWSDESK_E2E_PICK_FOLDER ? [process.env.NEWSDESK_E2E_PICK_FOLDER] : [])
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    )
  })
}

interface Fixtures {
  app: NewsdeskApp
}
interface WorkerFixtures {
  launcher: LauncherName
  /** Debian's Chromium for the harness and the stand-in; never launched for the electron launcher. */
  harnessBrowser: Browser | null
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // A project may set `launcher` (playwright.config.ts's electron-standin project does); otherwise pickLauncher().
  launcher: [pickLauncher(), { scope: 'worker', option: true }],
  harnessBrowser: [
    async ({ launcher, playwright }, use) => {
      const missing = electronBinaryMissing()
      if (launcher === 'electron' && missing) throw new Error(`NEWSDESK_E2E_LAUNCHER=electron but ${missing}`)
      const how: Record<LauncherName, string> = {
        electron: '_electron.launch',
        chromium: `${CHROMIUM_PATH}, built renderer + exposeBinding bridge`,
        'electron-standin': `built out/main/index.js under Node with electron -> e2e/standin; windows in ${CHROMIUM_PATH}`,
      }
      console.log(`[e2e] launcher: ${launcher} (${how[launcher]})`)
      if (missing && launcher !== 'electron')
        console.log(`[e2e] the real-Electron launcher is SKIPPED in this run: ${missing}`)
      if (launcher === 'electron') {
        await use(null)
        return
      }
      const browser = await playwright.chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] })
      await use(browser)
      await browser.close()
    },
    { scope: 'worker', auto: true },
  ],
  app: async ({ launcher, harnessBrowser }, use) => {
    const base = await mkdtemp(join(tmpdir(), 'newsdesk-e2e-'))
    // The stand-in's user-data folder does not exist yet: main must create it before app.setPath (fault 9).
    const userData = launcher === 'electron-standin' ? join(base, 'user-data') : base
    let close: () => Promise<void> = async () => undefined
    let emitImpl: EmitEvent = async () => undefined
    let electronApp: ElectronApplication | null = null
    let standin: StandinApp | null = null
    let openedLinks: string[] = []

    const start = async (): Promise<Page> => {
      if (launcher === 'electron') {
        const launched = await _electron.launch({
          args: [ROOT],
          env: { ...process.env, NEWSDESK_USER_DATA: userData } as Record<string, string>,
        })
        electronApp = launched
        close = () => launched.close().catch(() => undefined) // a desktop spec may have quit it already
        emitImpl = async (event, ...args) => {
          await launched.evaluate(
            ({ BrowserWindow }, payload) => {
              BrowserWindow.getAllWindows()[0]?.webContents.send(payload.event, ...payload.args)
            },
            { event, args: args as unknown[] },
          )
        }
        return await launched.firstWindow()
      }
      if (!harnessBrowser) throw new Error('no Chromium for the harness')
      if (launcher === 'electron-standin') {
        const launched = await launchStandin({
          browser: harnessBrowser,
          root: ROOT,
          env: { ...process.env, NEWSDESK_USER_DATA: userData, NEWSDESK_STANDIN_HOME: join(base, 'home') } as Record<
            string,
            string
          >,
          dialogs: standinDialogs(userData),
          viewport: { width: 1400, height: 860 },
        })
        standin = launched
        openedLinks = launched.openedLinks
        close = async () => {
          // A graceful quit (the quit sequence saves and closes the services), then the process is ended.
          launched.quit()
          await withTimeout(launched.exited, 10_000, 'stand-in quit').catch(() => undefined)
          await launched.close()
        }
        emitImpl = async (event, ...args) => launched.send(event, args as unknown[])
        const page = await launched.firstWindow()
        await page.getByTestId('article-list').waitFor()
        return page
      }
      const context = await harnessBrowser.newContext()
      // As Electron's main does: the page loads while the services open (early calls wait for them).
      const wired = await startContext(context, RENDERER_DIR, {
        userData,
        sampleDir: SAMPLE_DIR,
        // Stand-in for main's native save dialog: exports land in <userData>/exports/<suggested name>, or where
        // a spec puts NEWSDESK_E2E_PICK_DESTINATION (the path a user would pick).
        pickDestination: async (name) => {
          const forced = process.env.NEWSDESK_E2E_PICK_DESTINATION
          if (forced) return forced
          await mkdir(join(userData, 'exports'), { recursive: true })
          return join(userData, 'exports', name)
        },
        // Stand-in for main's native open dialog for imports: the paths a spec puts in NEWSDESK_E2E_PICK_SOURCES
        // (a JSON array; unset = cancelled), whichever of files or folder the dialog asked for.
        pickSources: async () => JSON.parse(process.env.NEWSDESK_E2E_PICK_SOURCES ?? '[]') as string[],
        // git sync registers the built CLI as its merge driver, as main registers its own (run as Node here).
        syncDriver: { argv: [process.execPath, join(ROOT, 'out', 'main', 'cli.js')] },
      })
      openedLinks = wired.openedLinks
      const page = await context.newPage()
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
      close = () => context.close()
      emitImpl = async (event, ...args) => {
        await page.evaluate(
          ({ e, a }) =>
            (window as unknown as { __newsdeskEmit: (e: string, a: unknown[]) => void }).__newsdeskEmit(e, a),
          { e: event, a: args as unknown[] },
        )
      }
      await page.goto(`${HARNESS_ORIGIN}/index.html`)
      await wired.ready
      return page
    }

    const desktop = (): DesktopControl | null => {
      const e = electronApp
      const s = standin
      if (s)
        return {
          quit: async () => s.quit(),
          closeWindow: async () => s.closeWindow(),
          sessionEnd: async () => s.sessionEnd(['logoff']),
          waitForExit: (ms) => withTimeout(s.exited, ms, 'main process exit'),
          lifecycle: s.lifecycle,
        }
      if (e) {
        const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
          e.process().once('exit', (code, signal) => resolve({ code, signal })),
        )
        return {
          quit: () => e.evaluate(({ app }) => app.quit()),
          closeWindow: () => e.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close()),
          // Off Windows the OS never sends these; emitted by hand they run main's own listeners.
          sessionEnd: () =>
            e.evaluate(({ BrowserWindow }) => {
              const window = BrowserWindow.getAllWindows()[0]
              const event = { reasons: ['logoff'], defaultPrevented: false, preventDefault: () => undefined }
              window?.emit('query-session-end', event)
              window?.emit('session-end', event)
            }),
          waitForExit: (ms) => withTimeout(exited, ms, 'main process exit'),
          lifecycle: [],
        }
      }
      return null
    }

    const app: NewsdeskApp = {
      launcher,
      page: await start(),
      userData,
      workspace: defaultWorkspace(userData),
      restart: async () => {
        await close()
        app.page = await start()
        return app.page
      },
      emit: (event, ...args) => emitImpl(event, ...args),
      get electronApp() {
        return electronApp
      },
      get standin() {
        return standin
      },
      get desktop() {
        return desktop()
      },
      get openedLinks() {
        return openedLinks
      },
    }
    await use(app)
    await close()
    await rm(base, { recursive: true, force: true, maxRetries: 10 }) // a background index save may still be finishing
  },
})

export { expect } from '@playwright/test'
