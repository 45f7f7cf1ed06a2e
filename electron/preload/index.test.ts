import { beforeEach, describe, expect, it, vi } from 'vitest'
import { channels } from '../../shared/ipc/schemas'
import { eventNames } from '../../shared/ipc/events'

const invoke = vi.fn(async (..._args: unknown[]) => 'result')
const on = vi.fn()
const removeListener = vi.fn()
const exposeInMainWorld = vi.fn()
vi.mock('electron', () => ({
  ipcRenderer: { invoke, on, removeListener },
  contextBridge: { exposeInMainWorld },
}))

describe('preload bridge', () => {
  beforeEach(() => invoke.mockClear())

  it('exposes the bridge as window.newsdesk and nothing else', async () => {
    const { bridge } = await import('./index')
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect(exposeInMainWorld).toHaveBeenCalledWith('newsdesk', bridge)
  })

  it('has exactly one method per contract channel', async () => {
    const { bridge } = await import('./index')
    const methods = Object.entries(bridge)
      .filter(([key]) => key !== 'on')
      .flatMap(([group, value]) => Object.keys(value as object).map((m) => `${group}:${m}`))
    expect(methods.sort()).toEqual([...channels].sort())
  })

  it.each([...channels])('%s invokes the channel named after it, passing its arguments', async (channel) => {
    const { bridge } = await import('./index')
    const [group, method] = channel.split(':') as [string, string]
    const fn = (bridge as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[group]?.[method]
    expect(fn).toBeTypeOf('function')
    const sentinel = { marker: channel }
    await expect(fn?.(sentinel, 2)).resolves.toBe('result')
    expect(invoke).toHaveBeenCalledTimes(1)
    expect(invoke.mock.calls[0]?.[0]).toBe(channel)
    // Methods with arguments forward them unchanged (methods without take none).
    const forwarded = invoke.mock.calls[0]?.slice(1) ?? []
    if (forwarded.length > 0) expect(forwarded[0]).toBe(sentinel)
  })

  it('subscribes to known events and unsubscribes', async () => {
    const { bridge } = await import('./index')
    for (const event of eventNames) {
      const off = bridge.on(event, () => undefined)
      expect(on).toHaveBeenLastCalledWith(event, expect.any(Function))
      off()
      expect(removeListener).toHaveBeenLastCalledWith(event, on.mock.lastCall?.[1])
    }
    expect(() => bridge.on('evil:event' as never, () => undefined)).toThrow(/unknown event/)
  })
})
