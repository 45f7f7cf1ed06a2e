import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The Electron executable installed under `root`, or why there is none. Since Electron 42 installing the
 * `electron` package downloads nothing: `npx install-electron` fetches the binary into dist/ and writes path.txt,
 * which names the executable inside it. Read by the e2e fixture (to pick or plainly skip the real-Electron
 * launcher), `npm start`'s sandbox check and release-check.
 */
export function findElectronBinary(root: string): { ok: true; path: string } | { ok: false; reason: string } {
  const dir = join(root, 'node_modules', 'electron')
  const pathTxt = join(dir, 'path.txt')
  // Sync: read once at start-up by command-line tools and the test fixture.
  if (!existsSync(pathTxt)) return { ok: false, reason: `no Electron binary (${pathTxt} is missing; run \`npx install-electron\`)` }
  const executable = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  if (!existsSync(executable))
    return { ok: false, reason: `no Electron binary (${executable} is missing; run \`npx install-electron\`)` }
  return { ok: true, path: executable }
}

if (import.meta.main) {
  const found = findElectronBinary(join(import.meta.dirname, '..'))
  console.log(found.ok ? found.path : found.reason)
  process.exit(found.ok ? 0 : 1)
}
