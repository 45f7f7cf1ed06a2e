import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SettingsNotice } from '../../../shared/ipc/contract'
import { DEFAULT_UI_SETTINGS } from '../../../shared/settings/ui-settings'
import { createJsonUiSettingsStore, spellcheckerLanguagesFor, UiSettingsService } from './ui-settings'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdesk-ui-settings-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('UiSettingsService over a JSON file', () => {
  it('starts with defaults, persists an update and reads it back in a new service', async () => {
    const path = join(dir, 'nested', 'ui-settings.json')
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
  it('survives a corrupt file by using defaults, sets it aside with a notice, and refuses an invalid patch', async () => {
    const path = join(dir, 'ui-settings.json')
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
    expect(await readFile(join(dir, aside), 'utf8')).toBe('{not json')
    expect(await readdir(dir)).toEqual([aside])
    // The next start finds no damaged file and reports nothing.
    expect(await new UiSettingsService(createJsonUiSettingsStore(path)).notices()).toEqual([])
  })
  it('reports an empty file as empty, not as "not JSON"', async () => {
    const path = join(dir, 'ui-settings.json')
    await writeFile(path, '')
    expect(await new UiSettingsService(createJsonUiSettingsStore(path)).notices()).toMatchObject([
      { kind: 'set-aside', reason: 'empty' },
    ])
  })
  it('has no notices when the file is missing or good', async () => {
    const path = join(dir, 'ui-settings.json')
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
  it('sets the languages through the injected spellchecker', async () => {
    const set: string[][] = []
    const service = new UiSettingsService(createJsonUiSettingsStore(join(dir, 's.json')), {
      available: () => available,
      setLanguages: (l) => set.push(l),
    })
    expect(await service.spellcheck('es-MX')).toEqual({ languages: ['es-MX'] })
    expect(await service.spellcheck('ja')).toEqual({ languages: [] })
    expect(set).toEqual([['es-MX']])
  })
})
