import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestDriver, startGitServer, type GitServer } from '../test-support/git-server'
import { makeArticle, TestEditor } from '../test-support/sync-editors'
import type { DriverCommand } from '.'

let dir: string
let server: GitServer
let driver: DriverCommand

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nd-sync-smoke-'))
  server = await startGitServer(join(dir, 'server'))
  driver = await buildTestDriver(dir)
}, 60_000)
afterAll(async () => {
  await server.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('sync smoke', () => {
  it('two editors edit different fields of one article and converge', async () => {
    const url = await server.createRepository('smoke.git')
    const ana = await TestEditor.init('Ana', url, join(dir, 'e'), driver)
    const article = makeArticle()
    await ana.write(article)
    const first = await ana.sync()
    expect(first.state).toBe('synced')
    const ben = await TestEditor.clone('Ben', url, join(dir, 'e'), driver)
    expect(await ben.ids()).toEqual([article.id])
    await ana.edit(article.id, () => ({ headline: 'Ana headline' }))
    await ben.edit(article.id, () => ({ status: 'review' }))
    expect((await ana.sync()).state).toBe('synced')
    const r = await ben.sync()
    console.log(r)
    expect((await ana.sync()).state).toBe('synced')
    const a = await ana.read(article.id)
    const b = await ben.read(article.id)
    expect(a).toEqual(b)
    expect(a.headline).toBe('Ana headline')
    expect(a.status).toBe('review')
  })
})
