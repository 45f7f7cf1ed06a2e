import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewsdeskHandlers } from '../../../shared/ipc/contract'
import { createServices, type Services } from '../services'
import { dispatch, IpcValidationError } from './dispatch'
import { createHandlers } from './handlers'
import { tempDirEach } from '../services/test-support'

const dir = tempDirEach('nd-dispatch-')
let handlers: NewsdeskHandlers
let services: Services
beforeEach(async () => {
  services = await createServices({ userData: dir(), sampleDir: null })
  handlers = createHandlers(services)
})
// The search index builds in the background: stop it before the folder goes.
afterEach(async () => {
  await services.dispose()
})

describe('dispatch', () => {
  it('runs a valid call through the handler table', async () => {
    const created = (await dispatch(handlers, 'articles:create', [{ headline: 'Bridge reopens' }])) as { ok: boolean }
    expect(created.ok).toBe(true)
    const list = (await dispatch(handlers, 'articles:list', [{}])) as { headline: string }[]
    expect(list.map((a) => a.headline)).toEqual(['Bridge reopens'])
  })

  it.each([
    ['an unknown channel', 'shell:exec', []],
    ['a prototype channel', '__proto__:toString', []],
    ['a non-string channel', 42, []],
    ['a path-like id', 'articles:load', ['../../etc/passwd']],
    ['a wrong type', 'articles:list', ['not an object']],
    ['an unknown filter key', 'articles:list', [{ status: 'draft', evil: 1 }]],
    ['a bad enum', 'articles:list', [{ status: 'deleted' }]],
    ['a short hash', 'articles:save', [{ id: randomUUID(), baseHash: 'abc', fields: {} }]],
    ['an oversize headline', 'articles:create', [{ headline: 'x'.repeat(1_000_001) }]],
  ])('rejects %s with a specific error', async (_label, channel, args) => {
    await expect(dispatch(handlers, channel, args as unknown[])).rejects.toBeInstanceOf(IpcValidationError)
  })
})
