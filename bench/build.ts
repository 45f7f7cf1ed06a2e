// Builds what the benchmark runs, under the shared build lock (other sessions build in the same tree):
// electron-vite build, a snapshot of out/renderer that later rebuilds cannot change mid-run, the app
// services bundle (vite --ssr, so plain Node can load the app's extensionless TypeScript imports) and the
// bare TipTap peer page. Run by bench/run.ts as `flock /tmp/newsdesk-build.lock node ... bench/build.ts`.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, rmSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'vite'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = resolve(ROOT, 'out/bench')

const started = performance.now()
const evb = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
if (evb.status === 0) {
  rmSync(resolve(OUT, 'renderer'), { recursive: true, force: true })
  cpSync(resolve(ROOT, 'out/renderer'), resolve(OUT, 'renderer'), { recursive: true })
} else if (existsSync(resolve(OUT, 'renderer', 'index.html'))) {
  // The tree is shared with sessions whose work may be half-done; an old snapshot beats no figures.
  const at = statSync(resolve(OUT, 'renderer', 'index.html')).mtime.toISOString()
  console.error(`WARNING: electron-vite build failed; benchmarking the renderer snapshot built at ${at}`)
} else {
  console.error('electron-vite build failed and there is no earlier renderer snapshot')
  process.exit(1)
}

await build({
  configFile: false,
  root: ROOT,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(OUT, 'app'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    rolldownOptions: {
      // The export/import worker threads load their own entry, found beside the bundle at run time.
      input: {
        'app-entry': resolve(ROOT, 'bench/app-entry.ts'),
        'bundle-worker': resolve(ROOT, 'electron/main/services/bundle-worker.ts'),
      },
      output: { entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
})
await build({
  configFile: false,
  root: resolve(ROOT, 'bench/bare'),
  base: './',
  logLevel: 'warn',
  build: { outDir: resolve(OUT, 'bare'), emptyOutDir: true, target: 'es2022' },
})
console.log(
  `built renderer snapshot, app bundle and bare peer in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)
