import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Proves the lint walls of STYLE.md hold: each snippet is linted as if it lived at `filePath`.
const eslint = new ESLint({ cwd: process.cwd() })

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('lint walls', () => {
  it.each([
    ["import { readFile } from 'node:fs/promises'\nexport const x = readFile", 'renderer/features/x.ts', /Node modules/],
    ["import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer", 'renderer/features/x.ts', /never imports electron/],
    ["import { createServices } from '../../electron/main/services'\nexport const x = createServices", 'renderer/features/x.ts', /electron\/ code/],
    ["import { app } from 'electron'\nexport const x = app", 'electron/main/services/x.ts', /never import electron/],
    ["import { ipcMain } from 'electron'\nexport const x = ipcMain", 'electron/main/x.ts', /ipcMain only/],
    ["import { ipcMain } from 'electron'\nexport const x = ipcMain", 'electron/preload/x.ts', /ipcMain only/],
    ["import { join } from 'node:path'\nexport const x = join", 'shared/x.ts', /no Node modules/],
    ["import React from 'react'\nexport const x = React", 'shared/x.ts', /no React/],
    ['const x = 1\nexport default x', 'shared/y.ts', /named exports/],
    ['export const x = window.newsdesk', 'renderer/features/x.ts', /lib\/bridge\.ts/],
    // The capability wings of electron/main/services: another wing only through its door (index.ts).
    ["import { writeDurable } from '../storage/durable-write'\nexport const x = writeDurable", 'electron/main/services/library/x.ts', /through its door/],
    ["import { ArticleLibrary } from './library/library'\nexport const x = ArticleLibrary", 'electron/main/services/x.ts', /through its door/],
    ["import { listPage } from '../services/library/change-log'\nexport const x = listPage", 'electron/main/ipc/x.ts', /through its door/],
    ["import { ExportService } from '../main/services/export/export-service'\nexport const x = ExportService", 'electron/cli/x.ts', /through its door/],
    ["import { ArticleLibrary } from '../../electron/main/services/library/library'\nexport const x = ArticleLibrary", 'scripts/stress/x.ts', /through its door/],
    ["import { makeArticle } from '../test-support'\nexport const x = makeArticle", 'electron/main/services/export/x.ts', /tests only/],
    // Arrows run one way: a low wing never imports a wing above it (tests included).
    ["import { ArticleLibrary } from '../library'\nexport const x = ArticleLibrary", 'electron/main/services/storage/x.ts', /storage\/ never imports a wing above/],
    ["import { PublicationStore } from '../workspace'\nexport const x = PublicationStore", 'electron/main/services/library/x.ts', /library\/ never imports a wing above/],
    ["import { ImportService } from '../import'\nexport const x = ImportService", 'electron/main/services/library/x.test.ts', /library\/ never imports a wing above/],
    ["import { ImportService } from '../import'\nexport const x = ImportService", 'electron/main/services/workspace/x.ts', /workspace\/ never imports a wing above/],
    ["import { summaryFixture } from './test-support/summary-fixture'\nexport const x = summaryFixture", 'shared/listing/x.ts', /tests only/],
  ])('%s in %s is refused', async (code, filePath, expected) => {
    const messages = await messagesFor(code, filePath)
    expect(messages.join('\n')).toMatch(expected)
  })

  it("allows a wing's door, a wing's own files, and test-support in tests", async () => {
    const cases: [string, string][] = [
      ["import { writeDurable } from '../storage'\nexport const x = writeDurable", 'electron/main/services/library/x.ts'],
      ["import { HistoryStore } from './history'\nexport const x = HistoryStore", 'electron/main/services/library/x.ts'],
      ["import { ArticleLibrary } from '../library'\nexport const x = ArticleLibrary", 'electron/main/services/workspace/x.ts'],
      ["import { workspaceLayout } from '../storage'\nexport const x = workspaceLayout", 'electron/main/services/library/x.ts'],
      ["import { makeArticle } from '../test-support'\nexport const x = makeArticle", 'electron/main/services/storage/x.test.ts'],
      ["import { ArticleLibrary } from './library'\nexport const x = ArticleLibrary", 'electron/main/services/x.ts'],
      ["import { listPage } from '../services/library'\nexport const x = listPage", 'electron/main/ipc/x.ts'],
      ["import { makeArticle } from '../test-support'\nexport const x = makeArticle", 'electron/main/services/export/x.test.ts'],
    ]
    for (const [code, filePath] of cases) expect(await messagesFor(code, filePath), filePath).toEqual([])
  })

  it('allows ipcMain in electron/main/ipc and ipcRenderer in the preload', async () => {
    expect(await messagesFor("import { ipcMain } from 'electron'\nexport const x = ipcMain", 'electron/main/ipc/x.ts')).toEqual([])
    expect(await messagesFor("import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer", 'electron/preload/x.ts')).toEqual([])
  })
})
