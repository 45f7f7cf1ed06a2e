import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SettingsNotice } from '../../../shared/ipc/contract'
import { DEFAULT_UI_SETTINGS } from '../../../shared/settings/ui-settings'
import {
  createJsonUiSettingsStore,
  type Spellchecker,
  spellcheckerLanguagesFor,
  UiSettingsService,
} from './ui-settings'
import { tempDirEach } from '../services/test-support'

const dir = tempDirEach('newsdesk-ui-settings-')

describe('UiSettingsService over a JSON file', () => {
  it('starts with defaults, persists an update and reads it back in a new service', async () => {
    const path = join(dir(), 'nested', 'ui-settings.json')
    const service = new UiSettingsService(createJsonUiSettingsStore(path))
    expect(await service.get()).toEqual(DEFAULT_UI_SETTINGS)
    expect(await service.update({ uiLanguage: 'es', headlineBudget: 70 })).toEqual({
      ...DEFAULT_UI_SETTINGS,
      uiLanguage: 'es',
      headlineBudget: 70,
    })
    const again = new UiSettingsService(createJsonUiSettingsStore(path))
    expect((await again.get()).uiLanguage).toBe('es')
    expect(JSON.parse(await readFile(path, 'utf8')).headlineBudget).toBe(70)
  })
  it('keeps both of two overlapping updates (the name and the email left one after the other)', async () => {
    const path = join(dir(), 'ui-settings.json')
    const service = new UiSettingsService(createJsonUiSettingsStore(path))
    const [first, second] = await Promise.all([
      service.update({ editorName: 'Ana Ruiz' }),
      service.update({ editorEmail: 'ana@example.org' }),
    ])
    expect(first.editorName).toBe('Ana Ruiz')
    expect(second).toMatchObject({ editorName: 'Ana Ruiz', editorEmail: 'ana@example.org' })
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    expect(onDisk).toMatchObject({ editorName: 'Ana Ruiz', editorEmail: 'ana@example.org' })
  })
  it('survives a corrupt file by using defaults, sets it aside with a notice, and refuses an invalid patch', async () => {
    const path = join(dir(), 'ui-settings.json')
    await writeFile(path, '{not json')
    const service = new UiSettingsService(createJsonUiSettingsStore(path))
    const heard: SettingsNotice[] = []
    service.onNotice((n) => heard.push(n))
    expect(await service.get()).toEqual(DEFAULT_UI_SETTINGS)
    await expect(service.update({ headlineBudget: -1 })).rejects.toThrow()
    const [notice] = await service.notices()
    expect(notice).toMatchObject({ kind: 'set-aside', file: 'ui-settings.json', reason: 'not-json' })
    expect(heard).toEqual([notice])
    const aside = notice?.kind === 'set-aside' ? notice.setAsideAs : ''
    expect(aside).toMatch(/^ui-settings\.json\.corrupt-\d{4}-/)
    expect(await readFile(join(dir(), aside), 'utf8')).toBe('{not json')
    expect(await readdir(dir())).toEqual([aside])
    // The next start finds no damaged file and reports nothing.
    expect(await new UiSettingsService(createJsonUiSettingsStore(path)).notices()).toEqual([])
  })
  it('reports an empty file as empty, not as "not JSON"', async () => {
    const path = join(dir(), 'ui-settings.json')
    await writeFile(path, '')
    expect(await new UiSettingsService(createJsonUiSettingsStore(path)).notices()).toMatchObject([
      { kind: 'set-aside', reason: 'empty' },
    ])
  })
  it('has no notices when the file is missing or good', async () => {
    const path = join(dir(), 'ui-settings.json')
    const service = new UiSettingsService(createJsonUiSettingsStore(path))
    expect(await service.notices()).toEqual([])
    await service.update({ headlineBudget: 90 })
    expect(await new UiSettingsService(createJsonUiSettingsStore(path)).notices()).toEqual([])
  })
})

describe('spellchecker languages', () => {
  const available = ['en-US', 'en-GB', 'es', 'es-MX', 'fr-FR']
  it('maps article languages to available dictionaries', () => {
    expect(spellcheckerLanguagesFor('en', available)).toEqual(['en-US'])
    expect(spellcheckerLanguagesFor('en-GB', available)).toEqual(['en-GB'])
    expect(spellcheckerLanguagesFor('es', available)).toEqual(['es'])
    expect(spellcheckerLanguagesFor('es-AR', available)).toEqual(['es'])
    expect(spellcheckerLanguagesFor('fr', available)).toEqual(['fr-FR'])
    expect(spellcheckerLanguagesFor('ja', available)).toEqual([])
  })
  /** A spellchecker that records its calls in order. */
  function recording() {
    const calls: (['languages', string[]] | ['download', boolean])[] = []
    const spellchecker: Spellchecker = {
      available: () => available,
      setLanguages: (l) => void calls.push(['languages', l]),
      setDictionaryDownload: (d) => void calls.push(['download', d]),
    }
    return { calls, spellchecker }
  }
  it('sets the languages through the injected spellchecker, the dictionary source (off) first', async () => {
    const { calls, spellchecker } = recording()
    const service = new UiSettingsService(createJsonUiSettingsStore(join(dir(), 's.json')), spellchecker)
    expect(await service.spellcheck('es-MX')).toEqual({ languages: ['es-MX'] })
    expect(await service.spellcheck('ja')).toEqual({ languages: [] })
    expect(calls).toEqual([
      ['download', false],
      ['languages', ['es-MX']],
    ])
  })
  it('reads a settings file written before the download setting existed as off', async () => {
    const path = join(dir(), 'old.json')
    await writeFile(path, JSON.stringify({ uiLanguage: 'es', headlineBudget: 70, standfirstBudget: 200 }))
    const { calls, spellchecker } = recording()
    const service = new UiSettingsService(createJsonUiSettingsStore(path), spellchecker)
    expect((await service.get()).spellcheckDownload).toBe(false)
    await service.spellcheck('es')
    expect(calls).toEqual([
      ['download', false],
      ['languages', ['es']],
    ])
  })
  it('applies a stored "on" before the first language, and a change at once (languages in use set again)', async () => {
    const path = join(dir(), 's.json')
    const { calls, spellchecker } = recording()
    const service = new UiSettingsService(createJsonUiSettingsStore(path), spellchecker)
    await service.update({ spellcheckDownload: true })
    // Nothing was set yet: only the source changes.
    expect(calls).toEqual([['download', true]])
    calls.length = 0
    await new UiSettingsService(createJsonUiSettingsStore(path), spellchecker).spellcheck('en')
    expect(calls).toEqual([
      ['download', true],
      ['languages', ['en-US']],
    ])
    calls.length = 0
    await service.spellcheck('es')
    await service.update({ spellcheckDownload: false })
    expect(calls).toEqual([
      ['download', true],
      ['languages', ['es']],
      ['download', false],
      ['languages', []],
      ['languages', ['es']],
    ])
    expect(JSON.parse(await readFile(path, 'utf8')).spellcheckDownload).toBe(false)
    calls.length = 0
    // An update that leaves the setting as it is does not touch the spellchecker.
    await service.update({ uiLanguage: 'es' })
    expect(calls).toEqual([])
  })
})
