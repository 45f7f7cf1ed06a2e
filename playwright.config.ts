import { defineConfig } from '@playwright/test'
import { pickLauncher, type LauncherName } from './e2e/fixtures'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/harness/chromium-args'

// Specs that need a main process (quit, sender checks): they run under the electron-standin launcher and under
// real Electron, never in the Chromium harness (which has no main process to quit).
const DESKTOP_ONLY = ['**/desktop-quit.spec.ts', '**/desktop-ipc.spec.ts']
// Start-up failures show a modal error box, which would wait for a person under real Electron: stand-in only.
const STANDIN_ONLY = ['**/desktop-startup.spec.ts']
// Two app instances in one browser, each with its own services (the harness's createServices per context):
// the Chromium harness only (under real Electron, two instances would be two launches; not written yet).
const HARNESS_ONLY = ['**/two-editors.spec.ts']
// The existing specs the stand-in also runs (a representative subset: the full set under a second launcher
// would double the e2e time on our two cores): boot and listing, save and restart, menu events, the sandbox
// and CSP checks, and the library.
const STANDIN_SUBSET = ['**/foundation.spec.ts', '**/security.spec.ts', '**/library.spec.ts']
const mainLauncher = pickLauncher()

// Runs the e2e specs in Debian's Chromium (or Electron, when its binary exists; see e2e/fixtures.ts), then the
// subset above and the desktop specs under the electron-standin launcher (the built main process under Node).
export default defineConfig<object, { launcher: LauncherName }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1400, height: 860 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [
    {
      name: mainLauncher,
      use: { launcher: mainLauncher },
      testIgnore: mainLauncher === 'electron' ? [...STANDIN_ONLY, ...HARNESS_ONLY] : [...DESKTOP_ONLY, ...STANDIN_ONLY],
    },
    ...(mainLauncher === 'electron-standin'
      ? []
      : [
          {
            name: 'electron-standin',
            use: { launcher: 'electron-standin' as const },
            // A Node main process and its windows per test (two per restart) on our two shared cores.
            timeout: 90_000,
            testMatch: [...STANDIN_SUBSET, ...DESKTOP_ONLY, ...STANDIN_ONLY],
          },
        ]),
  ],
})
