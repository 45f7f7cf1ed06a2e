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
  ])('%s in %s is refused', async (code, filePath, expected) => {
    const messages = await messagesFor(code, filePath)
    expect(messages.join('\n')).toMatch(expected)
  })

  it('allows ipcMain in electron/main/ipc and ipcRenderer in the preload', async () => {
    expect(await messagesFor("import { ipcMain } from 'electron'\nexport const x = ipcMain", 'electron/main/ipc/x.ts')).toEqual([])
    expect(await messagesFor("import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer", 'electron/preload/x.ts')).toEqual([])
  })
})
