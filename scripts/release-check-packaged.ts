// The packaged-app half of `npm run release-check` (scripts/release-check.sh); needs Electron's binary and the
// packages `npm run dist` built, so it never runs on our machines. Two modes:
//   fuses <dist>    reads the fuse wire back from the packaged binary and compares it with electron-builder.yml
//   export <dist>   starts a packaged app, makes 300 articles through the app's own bridge and exports them as
//                   Markdown: 300 files (>= MIN_FILES_FOR_WORKERS) go to the bundle workers, loaded from inside
//                   app.asar; the main process logs "bundle workers could not start" when they cannot, so the
//                   check fails on that line.
// Playwright's _electron needs --inspect, which the shipped fuses turn off, so `export` drives the check build
// (release-check.sh packs it into dist-check/ with only EnableNodeCliInspectArguments left on; same app.asar).
import { _electron } from '@playwright/test'
import { FuseV1Options, getCurrentFuseWire, type FuseConfig } from '@electron/fuses'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

const ROOT = resolve(import.meta.dirname, '..')

/** The packaged executable electron-builder wrote under `dist` for this platform. */
export function packagedBinary(dist: string, platform: NodeJS.Platform = process.platform): string {
  const candidates =
    platform === 'linux'
      ? [join(dist, 'linux-unpacked', 'newsdesk'), join(dist, 'linux-arm64-unpacked', 'newsdesk')]
      : platform === 'darwin'
        ? ['mac-arm64', 'mac', 'mac-universal'].map((d) => join(dist, d, 'Newsdesk.app', 'Contents', 'MacOS', 'Newsdesk'))
        : [join(dist, 'win-unpacked', 'Newsdesk.exe'), join(dist, 'win-arm64-unpacked', 'Newsdesk.exe')]
  const found = candidates.find((c) => existsSync(c))
  if (!found) throw new Error(`no packaged app under ${dist} (looked for ${candidates.join(', ')})`)
  return found
}

/** Compares the packaged binary's fuse wire with what electron-builder.yml asks for; returns the mismatches. */
async function checkFuses(dist: string): Promise<string[]> {
  const binary = packagedBinary(dist)
  const config = parse(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses: object }
  const { PlatformPackager } = createRequire(import.meta.url)('app-builder-lib') as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: object): Promise<FuseConfig> } }
  }
  const wanted = (await PlatformPackager.prototype.generateFuseConfig.call(undefined, config.electronFuses)) as unknown as Record<
    number,
    boolean | undefined
  >
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>
  const problems: string[] = []
  for (const [name, index] of Object.entries(FuseV1Options)) {
    if (typeof index !== 'number' || wanted[index] === undefined) continue
    const on = wire[index] === 0x31
    if (on !== wanted[index]) problems.push(`${name}: packaged ${on ? 'on' : 'off'}, electron-builder.yml ${wanted[index] ? 'on' : 'off'}`)
  }
  console.log(`fuses of ${binary}: ${problems.length === 0 ? 'as configured' : problems.join('; ')}`)
  return problems
}

/** Starts the packaged app, exports 300 articles through its bridge, and checks the workers ran. */
async function checkExport(dist: string): Promise<string[]> {
  const userData = await mkdtemp(join(tmpdir(), 'newsdesk-release-'))
  const exportDir = join(userData, 'exports')
  const app = await _electron.launch({ executablePath: packagedBinary(dist), env: { ...process.env, NEWSDESK_USER_DATA: userData } })
  const log: string[] = []
  app.process().stdout?.on('data', (d: Buffer) => log.push(d.toString()))
  app.process().stderr?.on('data', (d: Buffer) => log.push(d.toString()))
  try {
    // The save dialog answered in main, as the e2e specs stub shell.openExternal.
    await app.evaluate(({ dialog }, dir) => {
      dialog.showSaveDialog = (async (...args: unknown[]) => {
        const options = (args.length > 1 ? args[1] : args[0]) as { defaultPath?: string }
        return { canceled: false, filePath: `${dir}/${options.defaultPath ?? 'export'}` }
      }) as typeof dialog.showSaveDialog
    }, exportDir)
    const page = await app.firstWindow()
    await page.getByTestId('article-list').waitFor()
    const report = await page.evaluate(async () => {
      type Api = {
        articles: { create(input: { headline: string }): Promise<unknown> }
        exports: { run(request: object): Promise<{ ok: boolean; articleCount?: number; message?: string }> }
      }
      const api = (window as unknown as { newsdesk: Api }).newsdesk
      for (let i = 0; i < 300; i++) await api.articles.create({ headline: `Release check ${i}` })
      return api.exports.run({ format: 'markdown', zip: false, scope: { kind: 'all' } })
    })
    const problems: string[] = []
    if (!report.ok || (report.articleCount ?? 0) < 300) problems.push(`export failed: ${JSON.stringify(report)}`)
    const written = await readdir(exportDir, { recursive: true })
    if (written.filter((n) => String(n).endsWith('.md')).length < 300) problems.push(`only ${written.length} files written`)
    const output = log.join('')
    if (output.includes('bundle workers could not start')) problems.push(`the workers did not start: ${output}`)
    console.log(`packaged export: ${JSON.stringify(report)}; ${problems.length === 0 ? 'through the bundle workers' : problems.join('; ')}`)
    return problems
  } finally {
    await app.close()
  }
}

if (import.meta.main) {
  const [mode, dist] = process.argv.slice(2)
  if ((mode !== 'fuses' && mode !== 'export') || !dist) {
    console.error('usage: release-check-packaged.ts fuses|export <dist folder>')
    process.exit(2)
  }
  const problems = mode === 'fuses' ? await checkFuses(resolve(dist)) : await checkExport(resolve(dist))
  process.exit(problems.length === 0 ? 0 : 1)
}
