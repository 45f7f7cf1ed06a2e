import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SettingsNotice } from '../../../shared/ipc/contract'
import { dispatch } from '../ipc/dispatch'
import { createHandlers } from '../ipc/handlers'
import { createServices, type Services } from '../services'

let userData = ''
let services: Services | null = null
afterEach(async () => {
  await services?.dispose()
  services = null
  await rm(userData, { recursive: true, force: true })
})

describe('settings notices from the store to the renderer (contract settings.notices / settings:notice)', () => {
  it('a damaged settings file at start is listed through the handler table with its new name and reason', async () => {
    userData = await mkdtemp(join(tmpdir(), 'nd-settings-flow-'))
    await writeFile(join(userData, 'ui-settings.json'), '{"uiLanguage": "es", "headl')
    services = await createServices({ userData, sampleDir: null, watch: false })
    const handlers = createHandlers(services)
    const notices = (await dispatch(handlers, 'settings:notices', [])) as SettingsNotice[]
    expect(notices).toHaveLength(1)
    const [notice] = notices
    if (notice?.kind !== 'set-aside') throw new Error(`expected a set-aside notice, got ${JSON.stringify(notice)}`)
    expect(notice.file).toBe('ui-settings.json')
    expect(notice.reason).toBe('not-json')
    expect(notice.displayPath).toBe(join(userData, notice.setAsideAs))
    expect(await readdir(userData)).toContain(notice.setAsideAs)
    // Defaults are in use, and asking again lists the same single notice.
    expect((await dispatch(handlers, 'settings:get', [])) as { uiLanguage: string }).toMatchObject({ uiLanguage: 'en' })
    expect(await dispatch(handlers, 'settings:notices', [])).toEqual(notices)
    await expect(dispatch(handlers, 'settings:notices', ['extra'])).rejects.toThrow()
  })

  it('raises settings:notice as it happens, for main to forward', async () => {
    userData = await mkdtemp(join(tmpdir(), 'nd-settings-flow-'))
    services = await createServices({ userData, sampleDir: null, watch: false })
    const events: unknown[][] = []
    services.events.subscribe((event, ...args) => {
      if (event === 'settings:notice') events.push(args)
    })
    await writeFile(join(userData, 'ui-settings.json'), '')
    await services.settings.get()
    expect(events).toHaveLength(1)
    expect(events[0]?.[0]).toMatchObject({ kind: 'set-aside', file: 'ui-settings.json', reason: 'empty' })
  })
})
