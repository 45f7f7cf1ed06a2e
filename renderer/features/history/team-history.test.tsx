import i18next from 'i18next'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { NewsdeskBridge, NewsdeskEvents } from '../../../shared/ipc/contract'
import { formatInZone } from '../../../shared/publication/clock'
import type { FieldHistory, FieldHistoryCommit, SyncView } from '../../../shared/sync/api-types'
import { formatSyncMessage, SYNC_MESSAGES_EN, syncMessage } from '../../../shared/sync/sync-messages'
import { initI18n } from '../../i18n'
import { TeamHistory } from './team-history'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const ID = '7c392812-0b37-4ba7-a2ad-974d78d6413c'
const ZONE = 'Europe/Madrid'
const commit = (n: number, name: string, at: string, rest: Partial<FieldHistoryCommit>): FieldHistoryCommit => ({
  commit: String(n).repeat(40),
  name,
  email: `${name.split(' ')[0]?.toLowerCase()}@example.org`,
  at,
  merge: false,
  change: 'edited',
  fields: [],
  ...rest,
})
const commits = [
  commit(4, 'Bea Lima', '2026-12-05T09:40:00Z', { merge: true, fields: ['standfirst'] }),
  commit(3, 'Ana Ruiz', '2026-12-05T09:32:00Z', { fields: ['headline', 'tags'] }),
  commit(2, 'Bea Lima', '2026-12-04T16:05:00Z', { fields: ['standfirst', 'body'] }),
  commit(1, 'Ana Ruiz', '2026-12-04T08:00:00Z', { change: 'created' }),
]
const full: FieldHistory = {
  commits,
  lastChanges: [
    { field: 'headline', name: 'Ana Ruiz', email: 'ana@example.org', at: commits[1]!.at, commit: commits[1]!.commit },
    { field: 'standfirst', name: 'Bea Lima', email: 'bea@example.org', at: commits[2]!.at, commit: commits[2]!.commit },
    { field: 'tags', name: 'Ana Ruiz', email: 'ana@example.org', at: commits[1]!.at, commit: commits[1]!.commit },
    { field: 'body', name: 'Bea Lima', email: 'bea@example.org', at: commits[2]!.at, commit: commits[2]!.commit },
  ],
  reason: null,
  message: null,
  problem: null,
  detail: null,
}

/** An empty answer with its reason, as main sends it (code, the code's English words, git's text). */
function empty(
  reason: NonNullable<FieldHistory['reason']>,
  problem: NonNullable<FieldHistory['problem']>,
  detail: string | null = null,
): FieldHistory {
  return { commits: [], lastChanges: [], reason, message: formatSyncMessage(problem), problem, detail }
}

let root: Root | null = null
let host: HTMLElement
afterEach(async () => {
  act(() => root?.unmount())
  root = null
  await act(() => i18next.changeLanguage('en'))
})
beforeAll(async () => {
  await initI18n('en')
})

/** Renders the section over a bridge answering `answers` in turn; `emit` raises 'sync:changed'. */
async function render(answers: FieldHistory[], now = '2026-12-08T12:00:00Z') {
  const asked: string[] = []
  const listeners: Array<(view: Pick<SyncView, 'head'>) => void> = []
  const bridge = {
    sync: {
      fieldHistory: async (id: string) => {
        asked.push(id)
        return answers[Math.min(asked.length, answers.length) - 1]
      },
    },
    on: (event: keyof NewsdeskEvents, listener: (view: Pick<SyncView, 'head'>) => void) => {
      if (event === 'sync:changed') listeners.push(listener)
      return () => listeners.splice(listeners.indexOf(listener), 1)
    },
  } as unknown as NewsdeskBridge
  host = document.createElement('div')
  root = createRoot(host)
  await act(async () => root!.render(<TeamHistory bridge={bridge} articleId={ID} timeZone={ZONE} now={now} />))
  return {
    asked,
    /** Raises 'sync:changed' with a view naming `head` as the HEAD commit. */
    emit: (head: string | null = 'c1') => act(async () => listeners.forEach((l) => l({ head }))),
  }
}

const section = () => host.querySelector('[data-testid="team-history"]')
const lines = () => [...host.querySelectorAll('[data-testid="team-commits"] li')].map((li) => li.textContent)
const lastBy = () => [...host.querySelectorAll('[data-testid="team-last"] > div')].map((d) => d.textContent)
const medium = (iso: string, lang: string) => formatInZone(iso, lang, ZONE, 'medium')

describe('TeamHistory', () => {
  it('lists each commit as who, when on the publication clock, and which fields, newest first', async () => {
    const { asked } = await render([full])
    expect(asked).toEqual([ID])
    expect(section()?.getAttribute('aria-labelledby')).toBe('team-history-title')
    expect(host.querySelector('#team-history-title')?.textContent).toBe('Team history')
    expect(lines()).toEqual([
      `Bea Lima · ${medium(commits[0]!.at, 'en')} · merge: Standfirst`,
      `Ana Ruiz · ${medium(commits[1]!.at, 'en')} · Headline, Tags`,
      `Bea Lima · ${medium(commits[2]!.at, 'en')} · Standfirst, Body`,
      `Ana Ruiz · ${medium(commits[3]!.at, 'en')} · created the article`,
    ])
    // 09:32Z is 10:32 in Madrid; the machine's zone plays no part.
    expect(lines()[1]).toContain('10:32')
    expect(host.querySelector('[data-testid="team-commits"] time')?.getAttribute('dateTime')).toBe(commits[0]!.at)
    expect(host.querySelector('.team-author')?.getAttribute('title')).toBe('bea@example.org')
  })

  it('says at the top who changed each field last', async () => {
    await render([full])
    expect(lastBy()).toEqual([
      `Headline: Ana Ruiz, ${medium(commits[1]!.at, 'en')}`,
      `Standfirst: Bea Lima, ${medium(commits[2]!.at, 'en')}`,
      `Tags: Ana Ruiz, ${medium(commits[1]!.at, 'en')}`,
      `Body: Bea Lima, ${medium(commits[2]!.at, 'en')}`,
    ])
    expect(host.querySelector('[data-testid="team-last"]')?.previousElementSibling?.textContent).toBe('Last changed by')
  })

  it('shows the time alone for a change made today on the publication clock', async () => {
    // 23:30Z on the 4th is already the 5th in Madrid: Ana's change of the 5th is today, Bea's of the 4th is not
    // (on UTC's clock it would be the other way round).
    await render([full], '2026-12-04T23:30:00Z')
    expect(lastBy()[0]).toBe(`Headline: Ana Ruiz, ${formatInZone(commits[1]!.at, 'en', ZONE, 'time')}`)
    expect(lastBy()[1]).toBe(`Standfirst: Bea Lima, ${medium(commits[2]!.at, 'en')}`)
    expect(lastBy()[0]).toContain('10:32')
  })

  it('speaks Spanish with Spanish dates', async () => {
    await act(() => i18next.changeLanguage('es'))
    await render([full])
    expect(host.querySelector('#team-history-title')?.textContent).toBe('Historial del equipo')
    expect(lines()[0]).toBe(`Bea Lima · ${medium(commits[0]!.at, 'es')} · fusión: Entradilla`)
    expect(lastBy()[0]).toBe(`Titular: Ana Ruiz, ${medium(commits[1]!.at, 'es')}`)
  })

  it('is left out when the workspace is not a repository or git is missing', async () => {
    await render([empty('not-repository', syncMessage('history-not-repository', {}))])
    expect(section()).toBeNull()
    act(() => root?.unmount())
    await render([empty('git-missing', syncMessage('git-missing', {}))])
    expect(section()).toBeNull()
  })

  it('says so when the article has no commit yet, and reads again after a sync', async () => {
    const { asked, emit } = await render([
      { commits: [], lastChanges: [], reason: null, message: null, problem: null, detail: null },
      full,
    ])
    expect(section()?.textContent).toContain('No commit has this article yet')
    await emit()
    expect(asked).toEqual([ID, ID])
    expect(lines()).toHaveLength(4)
  })

  it('reads again only when a sync names another HEAD commit (a claim or a fetch alone adds none)', async () => {
    const { asked, emit } = await render([
      { commits: [], lastChanges: [], reason: null, message: null, problem: null, detail: null },
      full,
    ])
    // Outside a SyncProvider the HEAD the first read saw is unknown: the first sync:changed reads again.
    await emit('c1')
    expect(asked).toEqual([ID, ID])
    await emit('c1')
    await emit('c1')
    expect(asked).toHaveLength(2)
    await emit('c2')
    expect(asked).toHaveLength(3)
    expect(lines()).toHaveLength(4)
  })

  it("says why when git failed, in the UI language, with git's own text verbatim", async () => {
    const gitSaid = 'git log failed (exit 128): bad object'
    await render([empty('git', syncMessage('history-failed', {}), gitSaid)])
    const failed = () => host.querySelector('[data-testid="team-history-failed"]')?.textContent
    expect(failed()).toBe(`${SYNC_MESSAGES_EN['history-failed']} git said: ${gitSaid}`)
    await act(() => i18next.changeLanguage('es'))
    expect(failed()).toBe(
      `no se pudo leer el historial del equipo; git dice por qué en los detalles git dijo: ${gitSaid}`,
    )
  })
})
