import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Article } from '../../../shared/article/schema'
import type { ArticleDraft, FlushOutcome, NewsdeskBridge, SaveResult } from '../../../shared/ipc/contract'
import { articleFixture } from '../../../shared/article/test-support/article-fixture'
import { domSuite } from '../../test-support/dom'
import { AUTOSAVE_DELAY_MS, useArticleDraft } from './use-article-draft'

const ID = '7c392812-0b37-4ba7-a2ad-974d78d6413c'
const HASH = 'a'.repeat(64)
const article: Article = articleFixture({ id: ID })

type Handle = ReturnType<typeof useArticleDraft>
let handle: Handle
let saves: ArticleDraft[]
let answers: SaveResult[]
let journaled: { id: string; headline: string; body: string }[]
let flushed: { requestId: string; outcome: FlushOutcome }[]
let listeners: Map<string, (...args: unknown[]) => void>

/** The event and quit-flush parts of the bridge, as main and the preload provide them. */
const eventBridge = () => ({
  on: (event: string, listener: (...args: unknown[]) => void) => {
    listeners.set(event, listener)
    return () => listeners.delete(event)
  },
  app: {
    flushed: async (requestId: string, outcome: FlushOutcome) => void flushed.push({ requestId, outcome }),
  },
  journal: {
    write: async (id: string, _hash: string, fields: { headline: string; body: unknown }) => {
      journaled.push({ id, headline: fields.headline, body: JSON.stringify(fields.body) })
      return { ok: true, journaledAt: '' }
    },
    discard: async () => undefined,
  },
})

function Probe({ bridge }: { bridge: NewsdeskBridge }) {
  handle = useArticleDraft(bridge, ID, () => undefined)
  return null
}

const ok = (n: number): SaveResult => ({
  ok: true,
  article: { ...article, revision: n },
  hash: String(n).repeat(64).slice(0, 64),
  savedAt: `2026-11-25T12:03:4${n}.000Z`,
})

beforeEach(async () => {
  vi.useFakeTimers()
  saves = []
  answers = []
  journaled = []
  flushed = []
  listeners = new Map()
  const bridge = {
    ...eventBridge(),
    articles: {
      load: async () => ({ ok: true, article, hash: HASH }),
      save: async (draft: ArticleDraft) => {
        saves.push(draft)
        return answers.shift() ?? ok(9)
      },
    },
  } as unknown as NewsdeskBridge
  await dom.render(<Probe bridge={bridge} />)
})
afterEach(() => {
  vi.useRealTimers()
})
// After the file's own hooks, so that its unmount (after each) comes before the real timers are back.
const dom = domSuite()

const wait = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)))

describe('useArticleDraft', () => {
  it('autosaves one second after the last change and reports the time', async () => {
    expect(handle.fields?.headline).toBe('Bridge')
    await act(async () => handle.update({ headline: 'Bridge reopens' }))
    expect(handle.saveState.kind).toBe('dirty')
    await wait(AUTOSAVE_DELAY_MS - 100)
    await act(async () => handle.update({ headline: 'Bridge reopens Monday' }))
    await wait(AUTOSAVE_DELAY_MS - 100)
    expect(saves).toHaveLength(0)
    answers.push(ok(2))
    await wait(200)
    expect(saves).toHaveLength(1)
    expect(saves[0]).toMatchObject({
      id: ID,
      baseHash: HASH,
      mode: 'auto',
      fields: { headline: 'Bridge reopens Monday' },
    })
    expect(handle.saveState).toEqual({ kind: 'clean', savedAt: '2026-11-25T12:03:42.000Z' })
  })

  it('keeps the edits after a conflict and saves them on retry', async () => {
    answers.push({ ok: false, reason: 'conflict', message: 'the article changed on disk' })
    await act(async () => handle.update({ standfirst: 'Crews worked overnight.' }))
    await wait(AUTOSAVE_DELAY_MS)
    expect(handle.saveState).toEqual({
      kind: 'failed',
      reason: 'the article changed on disk',
      conflict: true,
      code: 'conflict',
    })
    expect(handle.fields?.standfirst).toBe('Crews worked overnight.')
    // No automatic retry loop; the user retries.
    await wait(AUTOSAVE_DELAY_MS * 3)
    expect(saves).toHaveLength(1)
    answers.push(ok(3))
    await act(async () => handle.saveNow('explicit'))
    expect(saves).toHaveLength(2)
    expect(saves[1]).toMatchObject({ mode: 'explicit', fields: { standfirst: 'Crews worked overnight.' } })
    expect(handle.saveState.kind).toBe('clean')
  })

  it('reads the body from the editor only when saving', async () => {
    const source = vi.fn(() => ({
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'typed' }] }],
    }))
    handle.bodySource.current = source
    for (let i = 0; i < 50; i++) await act(async () => handle.markBodyDirty())
    expect(source).not.toHaveBeenCalled()
    await wait(AUTOSAVE_DELAY_MS)
    // Once for the crash journal after the pause, once for the save: never per keystroke.
    expect(source.mock.calls.length).toBeLessThanOrEqual(2)
    expect(JSON.stringify(saves[0]?.fields.body)).toContain('typed')
  })

  it('paced typing (a key every 30 ms) journals and saves once each, after the pause, not during it', async () => {
    handle.bodySource.current = () => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'paced' }] }],
    })
    for (let i = 0; i < 100; i++) {
      await act(async () => handle.markBodyDirty())
      await wait(30)
    }
    // 3 s of typing: nothing written yet, although every timer delay has passed many times over.
    expect(saves).toHaveLength(0)
    expect(journaled).toHaveLength(0)
    await wait(300)
    expect(journaled).toHaveLength(1)
    expect(journaled[0]?.body).toContain('paced')
    expect(saves).toHaveLength(0)
    // The last key was 330 ms ago: the autosave comes at 1 s after it.
    await wait(AUTOSAVE_DELAY_MS - 340)
    expect(saves).toHaveLength(0)
    await wait(20)
    expect(saves).toHaveLength(1)
    expect(JSON.stringify(saves[0]?.fields.body)).toContain('paced')
  })

  it('a save of other fields sends the body as the editor holds it (the block ids it gave on load)', async () => {
    const withIds = {
      type: 'doc' as const,
      content: [{ type: 'paragraph', attrs: { id: 'a1b2c3d4e5f6' }, content: [{ type: 'text', text: 'loaded' }] }],
    }
    handle.bodySource.current = () => withIds
    await act(async () => handle.update({ byline: 'Ana Ruiz' }))
    await act(async () => handle.saveNow('explicit'))
    expect(saves).toHaveLength(1)
    expect(saves[0]?.fields.byline).toBe('Ana Ruiz')
    expect(saves[0]?.fields.body).toEqual(withIds)
  })

  it('does not save when nothing changed', async () => {
    await act(async () => handle.saveNow('explicit'))
    await wait(AUTOSAVE_DELAY_MS * 2)
    expect(saves).toHaveLength(0)
  })

  it('keeps edits and says why when the bridge throws', async () => {
    const failing = {
      ...eventBridge(),
      articles: {
        load: async () => ({ ok: true, article, hash: HASH }),
        save: async () => {
          throw new Error('main process not responding')
        },
      },
    } as unknown as NewsdeskBridge
    await dom.update(<Probe bridge={failing} />)
    await act(async () => handle.update({ byline: 'Ana Ruiz' }))
    await act(async () => handle.saveNow('explicit'))
    expect(handle.saveState).toEqual({
      kind: 'failed',
      reason: 'main process not responding',
      conflict: false,
      code: 'error',
    })
    expect(handle.fields?.byline).toBe('Ana Ruiz')
  })

  it('saves on the quit flush request and answers main with the request id', async () => {
    const source = vi.fn(() => ({
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'typed before quit' }] }],
    }))
    handle.bodySource.current = source
    await act(async () => handle.markBodyDirty())
    answers.push(ok(4))
    await act(async () => listeners.get('app:flush-request')?.('flush-1'))
    await wait(0)
    // Saved at once, without waiting for the autosave delay.
    expect(saves).toHaveLength(1)
    expect(saves[0]).toMatchObject({ mode: 'explicit' })
    expect(JSON.stringify(saves[0]?.fields.body)).toContain('typed before quit')
    expect(flushed).toEqual([{ requestId: 'flush-1', outcome: { ok: true } }])
  })

  it('on a failed quit save, journals the text before answering, and says why', async () => {
    answers.push({ ok: false, reason: 'io', message: 'disk full' })
    await act(async () => handle.update({ headline: 'Typed just before quitting' }))
    await act(async () => listeners.get('app:flush-request')?.('flush-2'))
    await wait(0)
    expect(saves).toHaveLength(1)
    expect(journaled.at(-1)).toMatchObject({ id: ID, headline: 'Typed just before quitting' })
    expect(flushed).toEqual([
      { requestId: 'flush-2', outcome: { ok: false, reason: 'save-failed', message: 'disk full' } },
    ])
    // Still dirty: nothing typed was dropped.
    expect(handle.fields?.headline).toBe('Typed just before quitting')
    expect(handle.saveState.kind).toBe('failed')
  })

  it('answers ok at once when nothing is open or dirty', async () => {
    await act(async () => listeners.get('app:flush-request')?.('flush-3'))
    await wait(0)
    expect(saves).toHaveLength(0)
    expect(flushed).toEqual([{ requestId: 'flush-3', outcome: { ok: true } }])
  })
})
