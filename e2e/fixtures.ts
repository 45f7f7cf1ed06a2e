import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { defaultWorkspace } from '../electron/main/services'
import { HARNESS_ORIGIN, startContext, type EmitEvent } from './harness/chromium-bridge'
import { CHROMIUM_PATH } from './harness/chromium-args'

const ROOT = resolve(import.meta.dirname, '..')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const SAMPLE_DIR = join(ROOT, 'assets', 'sample-workspace')

/** Which way the app is launched: a real Electron when its binary exists, else the Chromium harness. */
export type LauncherName = 'electron' | 'chromium'

/** True when node_modules/electron has its downloaded binary (never on our build machines). */
function electronBinaryPresent(): boolean {
  const dir = join(ROOT, 'node_modules', 'electron')
  return existsSync(join(dir, 'path.txt')) && existsSync(join(dir, 'dist'))
}

/** Picks the launcher: NEWSDESK_E2E_LAUNCHER forces one, otherwise electron when its binary is present. */
export function pickLauncher(): LauncherName {
  const forced = process.env.NEWSDESK_E2E_LAUNCHER
  if (forced === 'electron' || forced === 'chromium') return forced
  return electronBinaryPresent() ? 'electron' : 'chromium'
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
  /** URLs the harness's stand-in for shell.openExternal received after the link policy (chromium launcher only). */
  openedLinks: string[]
}

interface Fixtures {
  app: NewsdeskApp
}
interface WorkerFixtures {
  launcher: LauncherName
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  launcher: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const name = pickLauncher()
      console.log(
        `[e2e] launcher: ${name}${name === 'chromium' ? ` (${CHROMIUM_PATH}, built renderer + exposeBinding bridge)` : ' (_electron.launch)'}`,
      )
      await use(name)
    },
    { scope: 'worker', auto: true },
  ],
  app: async ({ launcher, browser }, use) => {
    const userData = await mkdtemp(join(tmpdir(), 'newsdesk-e2e-'))
    let close: () => Promise<void> = async () => undefined
    let emitImpl: EmitEvent = async () => undefined
    let electronApp: ElectronApplication | null = null
    let openedLinks: string[] = []

    const start = async (): Promise<Page> => {
      if (launcher === 'electron') {
        const launched = await _electron.launch({
          args: [ROOT],
          env: { ...process.env, NEWSDESK_USER_DATA: userData } as Record<string, string>,
        })
        electronApp = launched
        close = () => launched.close()
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
      const context = await browser.newContext()
      // As Electron's main does: the page loads while the services open (early calls wait for them).
      const wired = await startContext(context, RENDERER_DIR, {
        userData,
        sampleDir: SAMPLE_DIR,
        // Stand-in for main's native save dialog: exports land in <userData>/exports/<suggested name>.
        pickDestination: async (name) => {
          await mkdir(join(userData, 'exports'), { recursive: true })
          return join(userData, 'exports', name)
        },
        // Stand-in for main's native open dialog for imports: the paths a spec puts in NEWSDESK_E2E_PICK_SOURCES
        // (a JSON array; unset = cancelled), whichever of files or folder the dialog asked for.
        pickSources: async () => JSON.parse(process.env.NEWSDESK_E2E_PICK_SOURCES ?? '[]') as string[],
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
      get openedLinks() {
        return openedLinks
      },
    }
    await use(app)
    await close()
    await rm(userData, { recursive: true, force: true, maxRetries: 10 }) // a background index save may still be finishing
  },
})

export { expect } from '@playwright/test'
