import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AtomicOutput } from './atomic-output'

describe('AtomicOutput', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('a write failing part-way leaves nothing beside the destination', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-atomic-'))
    const destination = join(dir, 'bundle')
    const output = new AtomicOutput(destination, false)
    for (let i = 0; i < 40; i += 1) await output.add(`articles/a-${i}.md`, `article ${i}\n`)
    // The same path twice: the exclusive create of the second write fails while others are in flight.
    await output.add('articles/a-3.md', 'again\n')
    const failed = await (async () => {
      for (let i = 40; i < 80; i += 1) await output.add(`articles/a-${i}.md`, `article ${i}\n`)
      await output.commit(false)
    })().then(
      () => null,
      (error: unknown) => error as NodeJS.ErrnoException,
    )
    expect(failed?.code).toBe('EEXIST')
    await output.discard()
    expect(await readdir(dir)).toEqual([])
  })

  it('commits complete, durable output into place and lists every file with its sha256', async () => {
    dir = await mkdtemp(join(tmpdir(), 'nd-atomic-'))
    const destination = join(dir, 'bundle')
    const output = new AtomicOutput(destination, false)
    for (let i = 0; i < 100; i += 1) await output.add(`articles/deep/a-${i}.md`, `article ${i}\n`)
    await output.add('index.txt', 'root file\n')
    await output.commit(false)
    expect(await readdir(dir)).toEqual(['bundle'])
    expect((await readdir(join(destination, 'articles', 'deep'))).length).toBe(100)
    expect(await readFile(join(destination, 'articles', 'deep', 'a-42.md'), 'utf8')).toBe('article 42\n')
    expect(output.files).toHaveLength(101)
    expect(output.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})
