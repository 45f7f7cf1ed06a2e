import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArticleBytes, serializeArticle } from '../library'
import { writeDurable } from '../storage'
import type { Article, TiptapNode } from '../../../../shared/article/schema'
import { articleFixture } from '../../../../shared/article/test-support/article-fixture'
import { cloneWorkspace, initRepository, setRemote, syncWorkspace, type DriverCommand, type SyncReport } from '../sync'

/** A paragraph block with an id (as the editor schema gives blocks ids). */
export function para(id: string | null, text: string): TiptapNode {
  const node: TiptapNode = { type: 'paragraph', content: text === '' ? [] : [{ type: 'text', text }] }
  if (node.content?.length === 0) delete node.content
  if (id !== null) node.attrs = { id }
  return node
}

/** A valid article with sensible defaults (tests only): the article fixture with a story's text and blocks. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  const id = overrides.id ?? randomUUID()
  return articleFixture({
    id,
    slug: `story-${id.slice(0, 8)}`,
    headline: 'Council approves the new bridge budget',
    standfirst: 'The vote was close and the debate long.',
    body: {
      type: 'doc',
      content: [
        para('b1', 'First paragraph of the story.'),
        para('b2', 'Second paragraph here.'),
        para('b3', 'Third and last.'),
      ],
    },
    tags: ['politics', 'city'],
    byline: 'By Ana Ruiz',
    dateline: 'RIVERTON',
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  })
}

/** One editor's workspace, synced against a shared remote (tests only). */
export class TestEditor {
  constructor(
    readonly name: string,
    readonly root: string,
    private readonly driver: DriverCommand,
  ) {}

  /** Clones the remote into a fresh workspace under `parent`. */
  static async clone(name: string, url: string, parent: string, driver: DriverCommand): Promise<TestEditor> {
    const root = join(parent, name)
    const cloned = await cloneWorkspace(url, root, driver)
    if (!cloned.ok) throw new Error(cloned.message)
    return new TestEditor(name, root, driver)
  }

  /** A fresh workspace under `parent` turned into a repository with `url` as its remote. */
  static async init(name: string, url: string | null, parent: string, driver: DriverCommand): Promise<TestEditor> {
    const root = join(parent, name)
    await mkdir(root, { recursive: true })
    await initRepository(root, driver)
    if (url) await setRemote(root, url)
    return new TestEditor(name, root, driver)
  }

  /** Path of an article file. */
  path(id: string): string {
    return join(this.root, 'articles', `${id}.json`)
  }

  /** Saves an article as the library would (durably, one file). */
  async write(article: Article): Promise<void> {
    await mkdir(join(this.root, 'articles'), { recursive: true })
    await writeDurable(this.path(article.id), serializeArticle(article))
  }

  /** Reads and validates an article; throws when the file is not a valid article. */
  async read(id: string): Promise<Article> {
    const read = parseArticleBytes(await readFile(this.path(id)), `${id}.json`)
    if (!read.ok) throw new Error(`${this.name}: ${read.message}`)
    return read.article
  }

  /** Reads, changes and saves an article (revision and updatedAt move as a save moves them). */
  async edit(id: string, change: (a: Article) => Partial<Article>, at = '2026-12-02T10:00:00.000Z'): Promise<Article> {
    const current = await this.read(id)
    const next = { ...current, ...change(current), revision: current.revision + 1, updatedAt: at }
    await this.write(next)
    return next
  }

  /** Deletes an article file. */
  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true })
  }

  /** Ids of the articles in the workspace. */
  async ids(): Promise<string[]> {
    return (await readdir(join(this.root, 'articles')))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .sort()
  }

  /** Syncs as this editor (`externalDriver`: git starts the registered driver per file, as in a terminal). */
  sync(options: { externalDriver?: boolean } = {}): Promise<SyncReport> {
    return syncWorkspace(this.root, {
      ...options,
      driver: this.driver,
      author: { name: this.name, email: `${this.name.toLowerCase()}@example.org` },
      networkTimeoutMs: 20_000,
    })
  }
}
