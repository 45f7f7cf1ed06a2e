import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { rawReadArticles } from './raw-read'

describe('rawReadArticles', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads every article file of the workspace and counts them', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-raw-'))
    mkdirSync(join(dir, 'articles'))
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, 'articles', `${i}.json`), '{"schemaVersion":1}')
    writeFileSync(join(dir, 'articles', 'notes.txt'), 'not an article')
    const read = rawReadArticles(dir)
    expect(read.files).toBe(3)
    expect(read.ms).toBeGreaterThan(0)
  })

  it('says why when the articles folder cannot be read', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-raw-'))
    expect(() => rawReadArticles(dir)).toThrow(/ENOENT/)
  })
})
