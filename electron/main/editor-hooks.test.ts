import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHROMIUM_DICTIONARY_CDN } from '../../shared/settings/ui-settings'

// Electron cannot run here: a recording stand-in of the default session captures what editor-hooks.ts sets.
const recorded = vi.hoisted(() => ({ calls: [] as [string, unknown][] }))

vi.mock('electron', async () => {
  const { fakeElectron } = await import('./settings/test-support/fake-electron')
  const session = {
    defaultSession: {
      availableSpellCheckerLanguages: ['en-US', 'es'],
      setSpellCheckerDictionaryDownloadURL: (url: string) => recorded.calls.push(['downloadURL', url]),
      setSpellCheckerLanguages: (languages: string[]) => recorded.calls.push(['languages', languages]),
    },
  }
  // electron-store (imported by editor-hooks.ts) reads app and ipcMain from the default export.
  return { ...fakeElectron, dialog: {}, Menu: {}, session, default: { ...fakeElectron.default, session } }
})

const folder = join('/opt', 'Newsdesk', 'resources', 'dictionaries')
const localURL = `${pathToFileURL(folder).href}/`

beforeEach(() => {
  recorded.calls.length = 0
})

describe('the spellcheck dictionary source', () => {
  it('is the folder inside the app (a file:// URL, no request) when the setting is off', async () => {
    const { setSpellcheckDownload, spellcheckDictionaryURL } = await import('./editor-hooks')
    expect(spellcheckDictionaryURL(false, folder)).toBe(localURL)
    expect(localURL).toMatch(/^file:\/\/.*\/dictionaries\/$/)
    setSpellcheckDownload(false, folder)
    expect(recorded.calls).toEqual([['downloadURL', localURL]])
  })

  it("is Electron's default CDN, set explicitly, when the setting is on", async () => {
    const { setSpellcheckDownload } = await import('./editor-hooks')
    setSpellcheckDownload(true, folder)
    expect(recorded.calls).toEqual([['downloadURL', 'https://redirector.gvt1.com/edgedl/chrome/dictionaries/']])
    expect(CHROMIUM_DICTIONARY_CDN).toBe('https://redirector.gvt1.com/edgedl/chrome/dictionaries/')
  })

  it('the Electron spellchecker sets the source and the languages on the default session', async () => {
    const { electronSpellchecker } = await import('./editor-hooks')
    const spellchecker = electronSpellchecker(folder)
    expect(spellchecker.available()).toEqual(['en-US', 'es'])
    spellchecker.setDictionaryDownload(false)
    spellchecker.setLanguages(['es'])
    spellchecker.setDictionaryDownload(true)
    expect(recorded.calls).toEqual([
      ['downloadURL', localURL],
      ['languages', ['es']],
      ['downloadURL', CHROMIUM_DICTIONARY_CDN],
    ])
  })
})
