import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pickFields, type Article, type ArticleFields } from '../../../shared/article/schema'
import type { NewsdeskBridge, RevisionInfo, SaveResult } from '../../../shared/ipc/contract'
import { articleFixture } from '../../../shared/article/test-support/article-fixture'
import { initI18n } from '../../i18n'
import { formatSizeChange, HistoryPanel } from './history-panel'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const ID = '7c392812-0b37-4ba7-a2ad-974d78d6413c'
const doc = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})
const revisionOf = (revision: number, headline: string, tags: string[]): Article =>
  articleFixture({
    id: ID,
    headline,
    tags,
    revision,
    standfirst: 'Six weeks of repairs.',
    body: doc('Traffic flowed again at noon.'),
  })
const stored = new Map([
  [3, revisionOf(3, 'Bridge reopens at noon', ['transport'])],
  [2, revisionOf(2, 'Bridge reopens', ['transport'])],
  [1, revisionOf(1, 'Bridge', [])],
])
const info = (revision: number, size: number, reason: RevisionInfo['reason']): RevisionInfo =>
  ({ revision, savedAt: '2026-11-25T10:00:00.000Z', size, reason }) as RevisionInfo

let root: Root | null = null
let host: HTMLElement
afterEach(() => {
  act(() => root?.unmount())
  root = null
})
beforeAll(async () => {
  await initI18n('en')
})

/** Renders the panel over a bridge that records every call in order. */
async function renderPanel(restoreAnswer: SaveResult = { ok: true } as SaveResult, now: Partial<ArticleFields> = {}) {
  const calls: string[] = []
  let listed: RevisionInfo[] = [info(3, 1200, 'explicit'), info(2, 1000, 'auto'), info(1, 900, 'create')]
  const bridge = {
    history: {
      list: async (id: string) => (calls.push(`list ${id}`), listed),
      load: async (id: string, revision: number) => {
        calls.push(`load ${id} ${revision}`)
        const article = stored.get(revision)
        return article ? { ok: true, article } : { ok: false, reason: 'not-found', message: 'gone' }
      },
      restore: async (id: string, revision: number) => {
        calls.push(`restore ${id} ${revision}`)
        if (restoreAnswer.ok) listed = [info(4, 1000, 'restore'), ...listed]
        return restoreAnswer
      },
    },
    sync: {
      fieldHistory: async () => ({
        commits: [],
        lastChanges: [],
        reason: 'not-repository',
        message: 'not a repository',
      }),
    },
    on: () => () => undefined,
  } as unknown as NewsdeskBridge
  // The editor's text now: revision 3 with a new headline and one tag more.
  const current: ArticleFields = {
    ...pickFields(stored.get(3)!),
    headline: 'Bridge reopens tonight',
    tags: ['transport', 'city'],
    ...now,
  }
  host = document.createElement('div')
  root = createRoot(host)
  await act(async () =>
    root!.render(
      <HistoryPanel
        bridge={bridge}
        articleId={ID}
        current={() => current}
        saveFirst={async () => void calls.push('save first')}
        onRestored={async () => void calls.push('restored')}
        onClose={() => calls.push('close')}
        timeZone="Europe/Madrid"
      />,
    ),
  )
  return { calls }
}

const items = () => [...host.querySelectorAll('[data-testid="revision-item"]')].map((b) => b.textContent ?? '')
const click = (el: Element | null | undefined) =>
  act(async () => (el as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true })))

describe('formatSizeChange', () => {
  it('signs and scales byte differences per locale', () => {
    expect(formatSizeChange(80, 'en')).toBe('+80 B')
    expect(formatSizeChange(-80, 'en')).toBe('\u221280 B')
    expect(formatSizeChange(1536, 'en')).toBe('+1.5 kB')
    expect(formatSizeChange(1536, 'es')).toBe('+1,5 kB')
    expect(formatSizeChange(0, 'en')).toBe('±0 B')
  })
})

describe('HistoryPanel', () => {
  it('saves pending edits first, then lists revisions newest first with why and how much each changed', async () => {
    const { calls } = await renderPanel()
    expect(calls).toEqual(['save first', `list ${ID}`])
    // Not a repository: no team history section.
    expect(host.querySelector('[data-testid="team-history"]')).toBeNull()
    const rows = items()
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('Revision 3')
    expect(rows[0]).toContain('saved')
    expect(rows[0]).toContain('+200 B')
    expect(rows[1]).toContain('autosaved')
    expect(rows[1]).toContain('+100 B')
    // The oldest has nothing older: its whole size.
    expect(rows[2]).toContain('created')
    expect(rows[2]).toContain('+900 B')
  })

  it('shows a revision beside the current text: changed fields marked, unchanged ones on request', async () => {
    await renderPanel()
    await click(host.querySelectorAll('[data-testid="revision-item"]')[1])
    const detail = host.querySelector('[data-testid="revision-detail"]')!
    expect(detail.querySelector('h3')?.textContent).toBe('Revision 2 compared with the current text')
    const header = [...detail.querySelectorAll('thead th')].map((th) => th.textContent)
    expect(header).toEqual(['Field', 'Revision 2', 'Current text'])
    // Headline "Bridge reopens" -> "Bridge reopens tonight" and one tag more: two fields changed, nothing else.
    expect(detail.querySelector('[data-testid="changed-count"]')?.textContent).toBe('2 fields changed')
    const rows = () => [...detail.querySelectorAll('tr[data-field]')]
    expect(rows().map((r) => r.getAttribute('data-field'))).toEqual(['headline', 'tags'])
    const [headline, tags] = rows()
    expect(headline?.className).toBe('changed')
    expect(headline?.querySelector('th')?.textContent).toBe('Headlinechanged')
    const [older, newer] = [...headline!.querySelectorAll('td')]
    expect(older?.textContent).toBe('Bridge reopens')
    expect(older?.querySelector('del')).toBeNull()
    expect(newer?.textContent).toBe('Bridge reopens tonight')
    expect(newer?.querySelector('ins')?.textContent).toBe(' tonight')
    expect(tags?.querySelectorAll('td')[1]?.querySelector('ins')?.textContent).toContain('city')
    // The body did not change: no block rows until unchanged ones are asked for, then one, kept.
    expect(detail.querySelectorAll('[data-testid="body-block"]')).toHaveLength(0)
    await click(detail.querySelector('[data-testid="show-unchanged"]'))
    expect(rows().length).toBe(13)
    expect(rows().find((r) => r.getAttribute('data-field') === 'standfirst')?.className).toBe('unchanged')
    const blocks = [...detail.querySelectorAll('[data-testid="body-block"]')]
    expect(blocks.map((b) => b.className)).toEqual(['block block-equal'])
    expect(blocks[0]?.querySelectorAll('td')[0]?.textContent).toBe('Traffic flowed again at noon.')
    expect(detail.querySelector('.revision-preview h3')?.textContent).toBe('Bridge reopens')
  })

  it('compares the body block by block and word by word, and shows times on the publication clock', async () => {
    await renderPanel(undefined, {
      publishAt: '2026-03-29T01:30:00.000Z',
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Traffic flowed again at one.' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Buses return on Monday.' }] },
        ],
      },
    })
    await click(host.querySelectorAll('[data-testid="revision-item"]')[0])
    const detail = host.querySelector('[data-testid="revision-detail"]')!
    const blocks = [...detail.querySelectorAll('[data-testid="body-block"]')]
    expect(blocks.map((b) => b.className)).toEqual(['block block-changed', 'block block-insert'])
    const [was, now] = [...blocks[0]!.querySelectorAll('td')]
    expect(was?.querySelector('del')?.textContent).toBe('noon')
    expect(now?.querySelector('ins')?.textContent).toBe('one')
    expect(blocks[1]?.querySelectorAll('td')[0]?.textContent).toBe('')
    expect(blocks[1]?.querySelectorAll('td')[1]?.textContent).toBe('Buses return on Monday.')
    // 01:30Z on 29 March is 03:30 in Madrid (clocks went forward at 02:00), whatever the machine's zone.
    const publish = detail.querySelector('tr[data-field="publishAt"]')!
    expect(publish.querySelectorAll('td')[0]?.textContent).toBe('(empty)')
    expect(publish.querySelectorAll('td')[1]?.textContent).toMatch(/^Mar 29, 2026, 3:30\sAM$/)
  })

  it('restores after saving, tells the editor to reload, and lists the new revision', async () => {
    const { calls } = await renderPanel()
    await click(host.querySelectorAll('[data-testid="revision-item"]')[2])
    calls.length = 0
    await click(host.querySelector('[data-testid="revision-detail"] button.primary'))
    expect(calls).toEqual(['save first', `restore ${ID} 1`, 'restored', `list ${ID}`])
    expect(host.querySelector('[data-testid="revision-detail"]')).toBeNull()
    expect(host.querySelector('.history-message')?.textContent).toBe('Revision 1 restored as a new revision.')
    expect(items()[0]).toContain('Revision 4')
  })

  it('keeps the revision open and says why when a restore is refused', async () => {
    const { calls } = await renderPanel({ ok: false, reason: 'conflict', message: 'the file changed on disk' })
    await click(host.querySelectorAll('[data-testid="revision-item"]')[0])
    calls.length = 0
    await click(host.querySelector('[data-testid="revision-detail"] button.primary'))
    expect(calls).toEqual(['save first', `restore ${ID} 3`])
    expect(host.querySelector('.history-message')?.textContent).toBe('Not restored: the file changed on disk')
    expect(host.querySelector('[data-testid="revision-detail"]')).not.toBeNull()
    expect(items()).toHaveLength(3)
  })
})
