import { readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { articleSchema } from '../../../../shared/article/schema'
import { ArticleLibrary } from '../library'
import { seedWorkspace } from './seed'
import { SAMPLE_WORKSPACE as SAMPLE, tempDirEach } from '../test-support'

const dir = tempDirEach('nd-seed-')

describe('seedWorkspace', () => {
  it('copies the sample articles once, and they are valid, varied and bilingual', async () => {
    expect(await seedWorkspace(dir(), SAMPLE)).toBeGreaterThanOrEqual(8)
    const library = await ArticleLibrary.open(dir())
    const list = library.list({})
    expect(list.length).toBeGreaterThanOrEqual(8)
    expect(list.length).toBeLessThanOrEqual(12)
    expect(new Set(list.map((a) => a.kind))).toEqual(new Set(['article', 'audio', 'video', 'livestream']))
    expect(new Set(list.map((a) => a.language))).toEqual(new Set(['en', 'es']))
    expect(new Set(list.flatMap((a) => a.tags)).size).toBeGreaterThanOrEqual(4)
    for (const summary of list) {
      const loaded = await library.load(summary.id)
      expect(loaded.ok && articleSchema.safeParse(loaded.article).success).toBe(true)
    }
  })

  it('shows the media cards and a captioned image: audio, video and livestream items carry their media', async () => {
    await seedWorkspace(dir(), SAMPLE)
    const library = await ArticleLibrary.open(dir())
    const assets = await readdir(join(dir(), 'assets'))
    let captioned = 0
    for (const summary of library.list({})) {
      const loaded = await library.load(summary.id)
      if (!loaded.ok) throw new Error(loaded.message)
      const blocks = loaded.article.body.content ?? []
      if (summary.kind !== 'article') {
        const card = blocks.find((n) => n.type === 'mediaEmbed')
        expect(card?.attrs?.kind, summary.headline).toBe(summary.kind)
        expect(String(card?.attrs?.url)).toMatch(/^https:\/\//)
      }
      for (const image of blocks.filter((n) => n.type === 'image')) {
        expect(assets).toContain(String(image.attrs?.src).replace('assets/', ''))
        if (String(image.attrs?.caption ?? '') !== '' && String(image.attrs?.alt ?? '') !== '') captioned += 1
      }
    }
    expect(captioned).toBeGreaterThanOrEqual(1)
  })

  it('never seeds again once initialised, even when every article was deleted', async () => {
    await seedWorkspace(dir(), SAMPLE)
    for (const name of await readdir(join(dir(), 'articles'))) await unlink(join(dir(), 'articles', name))
    expect(await seedWorkspace(dir(), SAMPLE)).toBe(0)
    expect(await readdir(join(dir(), 'articles'))).toEqual([])
  })
})
