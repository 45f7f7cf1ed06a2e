import { afterEach, describe, expect, it } from 'vitest'
import type { NewsdeskBridge } from '../../shared/ipc/contract'
import { getBridge, remoteErrorMessage } from './bridge'

// Electron 45's renderer rejects a failed invoke with this text (lib/renderer/api/ipc-renderer.ts).
const electronRejection = (channel: string, inner: string) =>
  new Error(`Error invoking remote method '${channel}': ${inner}`)

describe('remoteErrorMessage', () => {
  it.each([
    ["Error invoking remote method 'articles:save': Error: the disk is full", 'the disk is full'],
    [
      "Error invoking remote method 'articles:list': IpcValidationError: articles:list: invalid argument status",
      'articles:list: invalid argument status',
    ],
    ["Error invoking remote method 'exports:run': TypeError: x is not a function", 'x is not a function'],
    ['the disk is full', 'the disk is full'],
  ])('%j -> %j', (message, expected) => {
    expect(remoteErrorMessage(message)).toBe(expected)
  })
})

describe('getBridge', () => {
  afterEach(() => {
    delete (window as { newsdesk?: NewsdeskBridge }).newsdesk
  })

  it('rejects with the main error message, without the IPC wrapping, and passes results and events through', async () => {
    const unsubscribe = () => undefined
    const fake = {
      articles: {
        save: () => Promise.reject(electronRejection('articles:save', 'Error: ENOSPC: no space left on device')),
        list: () => Promise.resolve([{ id: 'a' }]),
      },
      on: () => unsubscribe,
    }
    ;(window as { newsdesk?: unknown }).newsdesk = fake
    const bridge = getBridge() as unknown as typeof fake
    await expect(bridge.articles.save()).rejects.toThrow(/^ENOSPC: no space left on device$/)
    await expect(bridge.articles.list()).resolves.toEqual([{ id: 'a' }])
    expect(bridge.on()).toBe(unsubscribe)
    expect(getBridge()).toBe(bridge as unknown as NewsdeskBridge)
  })
})
