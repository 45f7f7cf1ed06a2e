import { describe, expect, it } from 'vitest'
import { createBeforeQuitHandler, QuitFlush, settleWithin, type FlushResult } from './quit-flush'

/** A QuitFlush whose sender records the request ids it was asked to send. */
function recordingFlush(timeoutMs: number) {
  const sent: string[] = []
  const flush = new QuitFlush((id) => sent.push(id) > 0, timeoutMs)
  return { flush, sent }
}

describe('QuitFlush', () => {
  it('resolves flushed when the renderer answers ok, with the id it was sent', async () => {
    const { flush, sent } = recordingFlush(1000)
    const result = flush.request()
    expect(sent).toHaveLength(1)
    await flush.settle(sent[0]!, { ok: true })
    expect(await result).toEqual({ kind: 'flushed' })
  })

  it('reports a failed save with its message', async () => {
    const { flush, sent } = recordingFlush(1000)
    const result = flush.request()
    await flush.settle(sent[0]!, { ok: false, reason: 'save-failed', message: 'disk full' })
    expect(await result).toEqual({ kind: 'save-failed', message: 'disk full' })
  })

  it('gives up after the timeout when the renderer never answers, and ignores a late answer', async () => {
    const { flush, sent } = recordingFlush(30)
    const started = Date.now()
    expect(await flush.request()).toEqual({ kind: 'timeout' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    await expect(flush.settle(sent[0]!, { ok: true })).resolves.toBeUndefined()
  })

  it('does not wait when there is no window to ask (or sending throws)', async () => {
    expect(await new QuitFlush(() => false, 10_000).request()).toEqual({ kind: 'no-window' })
    const throwing = new QuitFlush(() => {
      throw new Error('destroyed')
    }, 10_000)
    expect(await throwing.request()).toEqual({ kind: 'no-window' })
  })

  it('keeps concurrent requests apart by id', async () => {
    const { flush, sent: ids } = recordingFlush(1000)
    const first = flush.request()
    const second = flush.request()
    await flush.settle(ids[1]!, { ok: false, reason: 'save-failed', message: 'conflict' })
    await flush.settle(ids[0]!, { ok: true })
    expect(await first).toEqual({ kind: 'flushed' })
    expect(await second).toEqual({ kind: 'save-failed', message: 'conflict' })
  })
})

describe('createBeforeQuitHandler', () => {
  const quitEvent = () => {
    const event = { prevented: 0, preventDefault: () => void event.prevented++ }
    return event
  }

  it('holds the first quit until the flush settles, then quits once and lets the second quit through', async () => {
    let finish: (r: FlushResult) => void = () => undefined
    let quits = 0
    const results: FlushResult[] = []
    const handler = createBeforeQuitHandler(
      () => new Promise<FlushResult>((r) => (finish = r)),
      () => quits++,
      (r) => results.push(r),
    )
    const first = quitEvent()
    handler(first)
    expect(first.prevented).toBe(1)
    // A second quit (Cmd-Q twice) while saving is also held, and does not start a second flush.
    const again = quitEvent()
    handler(again)
    expect(again.prevented).toBe(1)
    expect(quits).toBe(0)
    finish({ kind: 'flushed' })
    await new Promise((r) => setTimeout(r, 0))
    expect(quits).toBe(1)
    expect(results).toEqual([{ kind: 'flushed' }])
    const final = quitEvent()
    handler(final)
    expect(final.prevented).toBe(0)
  })

  it('still quits when the flush rejects or times out', async () => {
    let quits = 0
    const results: FlushResult[] = []
    const handler = createBeforeQuitHandler(
      () => Promise.reject(new Error('bridge gone')),
      () => quits++,
      (r) => results.push(r),
    )
    handler(quitEvent())
    await new Promise((r) => setTimeout(r, 0))
    expect(quits).toBe(1)
    expect(results[0]?.kind).toBe('save-failed')

    const flush = new QuitFlush(() => true, 20)
    let timedOut: FlushResult | null = null
    const handler2 = createBeforeQuitHandler(
      () => flush.request(),
      () => quits++,
      (r) => (timedOut = r),
    )
    handler2(quitEvent())
    await new Promise((r) => setTimeout(r, 60))
    expect(quits).toBe(2)
    expect(timedOut).toEqual({ kind: 'timeout' })
  })
})

describe('settleWithin', () => {
  it('is flushed when the work lands, save-failed with the message when it rejects, timeout when it hangs', async () => {
    expect(await settleWithin(Promise.resolve(), 50)).toEqual({ kind: 'flushed' })
    expect(await settleWithin(Promise.reject(new Error('disk full')), 50)).toEqual({
      kind: 'save-failed',
      message: 'disk full',
    })
    expect(await settleWithin(new Promise(() => undefined), 20)).toEqual({ kind: 'timeout' })
  })
})
