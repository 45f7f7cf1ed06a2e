import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { cspMetaPlugin } from './electron/main/security/csp-meta'

// Main (with the CLI and the bundle worker as more entries), a sandboxed CommonJS preload, and the renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        // bundle-worker: the worker threads of big exports and imports, found beside the bundle at run time.
        input: {
          index: resolve('electron/main/index.ts'),
          cli: resolve('electron/cli/newsdesk.ts'),
          'bundle-worker': resolve('electron/main/services/bundle-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // The CSP goes into the built index.html only (and is sent as a header by app://); dev keeps HMR working.
    plugins: [react(), cspMetaPlugin()],
    // Minified: electron-vite leaves it off by default; a 2.2 MB bundle cost the first paint ~0.3 s of parsing.
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
})
