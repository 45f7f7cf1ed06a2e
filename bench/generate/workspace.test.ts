import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { articleSchema, type TiptapNode } from '../../shared/article/schema'
import { ArticleLibrary, readArticleFile, serializeArticle } from '../../electron/main/services/library'
import { createRng, uuidFrom, zipfSampler } from './prng'
import { generateWorkspace, LONG_READ_WORDS, MANIFEST_NAME, TAG_VOCABULARY_SIZE, createContext } from './workspace'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-bench-gen-'))
  dirs.push(dir)
  return dir
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const sub of ['articles', 'assets', '']) {
    for (const entry of await readdir(join(root, sub), { withFileTypes: true })) {
      if (!entry.isFile()) continue
      const bytes = await readFile(join(root, sub, entry.name))
      files.set(join(sub, entry.name), createHash('sha256').update(bytes).digest('hex'))
    }
  }
  return files
}

function words(node: TiptapNode): number {
  const own = node.text ? node.text.split(/\s+/).filter(Boolean).length : 0
  return own + (node.content ?? []).reduce((sum, child) => sum + words(child), 0)
}

function types(node: TiptapNode, into = new Set<string>()): Set<string> {
  into.add(node.type)
  for (const mark of node.marks ?? []) into.add(`mark:${mark.type}`)
  for (const child of node.content ?? []) types(child, into)
  return into
}

describe('benchmark workspace generator', () => {
  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()]
    generateWorkspace({ articles: 40, seed: 'same', out: a })
    generateWorkspace({ articles: 40, seed: 'same', out: b })
    generateWorkspace({ articles: 40, seed: 'other', out: c })
    const [sa, sb, sc] = [await snapshot(a), await snapshot(b), await snapshot(c)]
    expect(sa.size).toBe(40 + 8 + 1)
    expect([...sb.entries()]).toEqual([...sa.entries()])
    const articleNames = (m: Map<string, string>) => [...m.keys()].filter((k) => k.startsWith('articles'))
    expect(articleNames(sc)).not.toEqual(articleNames(sa))
  })

  it('writes articles the app reads back unchanged: valid schema, library serialization, listed by the library', async () => {
    const root = await tempDir()
    const manifest = generateWorkspace({ articles: 120, seed: 'valid', out: root })
    const names = await readdir(join(root, 'articles'))
    expect(names).toHaveLength(120)
    const seen = { kinds: new Set<string>(), languages: new Set<string>(), nodes: new Set<string>(), images: 0 }
    const slugs = new Set<string>()
    for (const name of names) {
      const bytes = await readFile(join(root, 'articles', name), 'utf8')
      const parsed = articleSchema.safeParse(JSON.parse(bytes))
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true)
      const article = parsed.data!
      // Same bytes as the library writes the same object, and nothing lost or changed by validation.
      expect(serializeArticle(JSON.parse(bytes))).toBe(bytes)
      expect(article).toEqual(JSON.parse(bytes))
      expect(name).toBe(`${article.id}.json`)
      expect(article.headline.length).toBeGreaterThanOrEqual(30)
      expect(article.headline.length).toBeLessThanOrEqual(110)
      expect(article.standfirst.length).toBeGreaterThanOrEqual(80)
      expect(article.standfirst.length).toBeLessThanOrEqual(800)
      expect(article.tags.length).toBeGreaterThanOrEqual(1)
      expect(article.tags.length).toBeLessThanOrEqual(6)
      const count = words(article.body as TiptapNode)
      expect(count).toBeGreaterThanOrEqual(150)
      if (!manifest.longReads.some((l) => l.id === article.id)) expect(count).toBeLessThan(5100)
      slugs.add(article.slug)
      seen.kinds.add(article.kind)
      seen.languages.add(article.language)
      types(article.body as TiptapNode, seen.nodes)
      if (article.featuredImage) {
        seen.images++
        const asset = await readFile(join(root, 'assets', article.featuredImage.asset))
        expect(`${createHash('sha256').update(asset).digest('hex')}.${article.featuredImage.asset.split('.')[1]}`).toBe(
          article.featuredImage.asset,
        )
      }
    }
    expect(slugs.size).toBe(120)
    expect(seen.kinds).toEqual(new Set(['article', 'audio', 'video', 'livestream']))
    expect(seen.languages).toEqual(new Set(['en', 'es']))
    for (const t of ['heading', 'paragraph', 'blockquote', 'listItem', 'mark:link', 'mark:bold', 'mark:italic']) {
      expect(seen.nodes.has(t), t).toBe(true)
    }
    expect(seen.images).toBeGreaterThan(5)

    expect(manifest.longReads.length).toBe(2)
    expect(manifest.longReads[0]?.language).toBe('en')
    const long = await readArticleFile(join(root, 'articles', `${manifest.longReads[0]!.id}.json`))
    expect(long.ok && words(long.article.body as TiptapNode)).toBeGreaterThanOrEqual(LONG_READ_WORDS)
    expect(JSON.parse(await readFile(join(root, MANIFEST_NAME), 'utf8'))).toEqual(manifest)

    const library = await ArticleLibrary.open(root, { readOnly: true })
    expect(library.list()).toHaveLength(120)
  })

  it('draws tags from a 2,000-word vocabulary with a long tail', () => {
    const ctx = createContext('tags', 10)
    expect(new Set(ctx.tags).size).toBe(TAG_VOCABULARY_SIZE)
    const rng = createRng('zipf')
    const counts = new Map<number, number>()
    for (let i = 0; i < 20_000; i++) {
      const rank = ctx.sampleTag(rng)
      counts.set(rank, (counts.get(rank) ?? 0) + 1)
    }
    expect(counts.get(0)!).toBeGreaterThan(10 * (counts.get(99) ?? 0))
    expect(counts.size).toBeGreaterThan(1000)
  })

  it('derives valid v4 UUIDs and a Zipf sampler that stays in range', () => {
    const rng = createRng('ids')
    const ids = new Set(Array.from({ length: 500 }, () => uuidFrom(rng)))
    expect(ids.size).toBe(500)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const sample = zipfSampler(3, 1)
    for (let i = 0; i < 100; i++) expect([0, 1, 2]).toContain(sample(rng))
  })

  it('refuses a non-positive article count', async () => {
    expect(() => generateWorkspace({ articles: 0, seed: 'x', out: join(tmpdir(), 'never-written') })).toThrow(
      /positive/,
    )
  })
})
