import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Two projects: Node for shared/ and electron/ (services run on real temp folders), happy-dom for renderer/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 30_000,
          // Inlined so a test's vi.mock('electron') also reaches electron-store's own import of electron.
          server: { deps: { inline: ['electron-store', 'conf'] } },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
    ],
  },
})
