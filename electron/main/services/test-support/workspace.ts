import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pickFields, type Article, type ArticleFields } from '../../../../shared/article/schema'
import { articleFixture } from '../../../../shared/article/test-support/article-fixture'
import { serializeArticle, type ArticleLibrary } from '../library'
import { workspaceLayout } from '../storage'

/** The sample workspace shipped with the app (ten articles, every kind). */
export const SAMPLE_WORKSPACE = resolve(import.meta.dirname, '../../../../assets/sample-workspace')

/** A fresh temp folder for a test. */
export function tempDir(prefix = 'newsdesk-bundle-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** A 1×1 PNG used as a test image. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** Writes an asset into a workspace by content hash and returns its file name. */
export async function addAsset(root: string, bytes: Uint8Array, ext = 'png'): Promise<string> {
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${ext}`
  const layout = workspaceLayout(root)
  await mkdir(layout.assets, { recursive: true })
  await writeFile(layout.asset(name), bytes)
  return name
}

/** A complete Ready article with sensible defaults (on the shared article fixture), overridable per test. */
export function makeArticle(overrides: Partial<Article> & { id: string }): Article {
  return articleFixture({
    slug: `story-${overrides.id.slice(0, 8)}`,
    headline: 'Bridge reopens after repairs',
    standfirst: 'The crossing was closed for six weeks.',
    status: 'ready',
    tags: ['transport'],
    byline: 'Ana Reyes',
    dateline: 'RIVERTON',
    publishAt: '2026-11-20T09:00:00.000Z',
    createdAt: '2026-11-18T08:00:00.000Z',
    updatedAt: '2026-11-19T08:00:00.000Z',
    revision: 2,
    body: {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Traffic flowed again at noon.' }] }],
    },
    ...overrides,
  })
}

/** Loads an article, changes some of its fields and saves it through the library (as the editor would). */
export async function saveEdit(library: ArticleLibrary, id: string, change: Partial<ArticleFields>): Promise<void> {
  const loaded = await library.load(id)
  if (!loaded.ok) throw new Error(loaded.message)
  const saved = await library.save({ id, baseHash: loaded.hash, fields: { ...pickFields(loaded.article), ...change } })
  if (!saved.ok) throw new Error(`save of ${id} failed: ${JSON.stringify(saved)}`)
}

/** Writes articles into `<root>/articles/<id>.json` the way the library stores them. */
export async function writeArticles(root: string, articles: readonly Article[]): Promise<void> {
  const layout = workspaceLayout(root)
  await mkdir(layout.articles, { recursive: true })
  await mkdir(layout.assets, { recursive: true })
  for (const a of articles) await writeFile(layout.article(a.id), serializeArticle(a))
}

/** A temp workspace holding a copy of the sample workspace plus one article with images (featured and in the body). */
export async function richWorkspace(): Promise<string> {
  const root = await tempDir('newsdesk-ws-')
  await cp(SAMPLE_WORKSPACE, root, { recursive: true })
  const image = await addAsset(root, PNG_1X1)
  await writeArticles(root, [
    makeArticle({
      id: '0f0e0d0c-0b0a-4908-8706-050403020100',
      slug: 'river-photo-essay',
      headline: 'The river at dawn: a photo essay',
      kind: 'article',
      tags: ['photos', 'river', 'weather'],
      featuredImage: { asset: image, alt: 'Mist over the river', caption: 'Dawn, 6am' },
      editorsNote: 'Check the caption spelling.',
      extraFrontMatter: { series: ['River Week'], weight: 3 },
      body: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Morning' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Fog lifts ' },
              { type: 'text', marks: [{ type: 'bold' }], text: 'slowly' },
              { type: 'text', text: ' — see ' },
              {
                type: 'text',
                marks: [{ type: 'link', attrs: { href: 'https://example.org/river' } }],
                text: 'the map',
              },
              { type: 'text', text: '.' },
            ],
          },
          { type: 'image', attrs: { src: `assets/${image}`, alt: 'The quay', title: null } },
          {
            type: 'bulletList',
            content: [
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Herons' }] }] },
              { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rowers' }] }] },
            ],
          },
        ],
      },
    }),
  ])
  return root
}

/** Every file under `root` as sorted POSIX relative paths. */
export async function listTree(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...(await listTree(root, rel)))
    else out.push(rel)
  }
  return out.sort()
}

/** Every file under `root` with its bytes (base64), for byte-for-byte comparisons. */
export async function treeBytes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const rel of await listTree(root)) out[rel] = (await readFile(join(root, rel))).toString('base64')
  return out
}
