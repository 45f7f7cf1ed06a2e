import type { Article } from '../../../shared/article/schema'
import type { ArticleQuery } from '../../../shared/ipc/contract'
import type { SearchAnswer } from '../../../shared/listing/api-types'
import { bodyText } from '../../../shared/render/body'
import type { ArticleLibrary } from './library'
import { ArticleSearchIndex, type SearchDoc } from './search-index'

export { ArticleSearchIndex, type SearchDoc } from './search-index'

/** Most ids one search returns (best first); `total` still counts every match. */
export const SEARCH_RESULT_LIMIT = 500

/** Builds an index over many documents at once (startup, the benchmark). */
export function buildSearchIndex(docs: readonly SearchDoc[]): ArticleSearchIndex {
  const index = new ArticleSearchIndex()
  for (const doc of docs) index.add(doc)
  return index
}

/** Runs one query against an index: ranked ids (best first), the total and the matched terms. */
export function searchIndex(index: ArticleSearchIndex, text: string, filters: ArticleQuery = {}): SearchAnswer {
  return index.search(text, filters, SEARCH_RESULT_LIMIT)
}

/** The search document of an article. */
export function toSearchDoc(article: Article): SearchDoc {
  return {
    id: article.id,
    headline: article.headline,
    standfirst: article.standfirst,
    body: bodyText(article.body),
    tags: [...article.tags],
    byline: article.byline,
    status: article.status,
    kind: article.kind,
    language: article.language,
  }
}

/** Up to this many articles, every query first checks every article's revision (a few milliseconds). */
export const FULL_CHECK_LIMIT = 5000
/** Above it, the check runs at most this often (listing 50,000 summaries costs 50–100 ms); events force it. */
export const CHECK_INTERVAL_MS = 1000

/**
 * Full-text search over the library, kept in the main process so the renderer never blocks on it. Before a
 * query it re-indexes any article whose revision changed since it was indexed (a save, a tag rename, an
 * import, a restore), so the index follows every write path without hooks into them. In a very large
 * library (over FULL_CHECK_LIMIT) the check runs at most once per CHECK_INTERVAL_MS, or when the library
 * reports a change on disk, so an in-app save there can take up to a second to show up in search. A change
 * counter on the library would make the check free at any size.
 */
export class SearchService {
  private index = new ArticleSearchIndex()
  private readonly indexed = new Map<string, string>()
  private root: string | null = null
  private lastCheck = 0
  private dirty = true
  private unsubscribe: (() => void) | null = null

  constructor(
    private readonly libraryOf: () => ArticleLibrary,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Brings the index up to date with the library (starting afresh when another workspace was opened). */
  async sync(): Promise<void> {
    const library = this.libraryOf()
    if (library.root !== this.root) {
      this.index = new ArticleSearchIndex()
      this.indexed.clear()
      this.root = library.root
      this.unsubscribe?.()
      this.unsubscribe = library.events.subscribe((event, ..._args) => {
        if (event.startsWith('articles:')) this.dirty = true
      })
    }
    this.dirty = false
    this.lastCheck = this.now()
    const seen = new Set<string>()
    for (const summary of library.list({})) {
      seen.add(summary.id)
      const version = `${summary.revision}@${summary.updatedAt}`
      if (this.indexed.get(summary.id) === version) continue
      const loaded = await library.load(summary.id)
      if (!loaded.ok) continue
      this.index.add(toSearchDoc(loaded.article))
      this.indexed.set(summary.id, version)
    }
    for (const id of [...this.indexed.keys()]) {
      if (seen.has(id)) continue
      this.index.remove(id)
      this.indexed.delete(id)
    }
  }

  /** True when the next query must check the library first. */
  private mustCheck(): boolean {
    const library = this.libraryOf()
    return (
      library.root !== this.root ||
      this.dirty ||
      library.info().articleCount <= FULL_CHECK_LIMIT ||
      this.now() - this.lastCheck >= CHECK_INTERVAL_MS
    )
  }

  /** Ranked ids of the articles matching `text` (prefix, fuzzy, accent-insensitive) and the list filters. */
  async query(text: string, filters: ArticleQuery = {}): Promise<SearchAnswer> {
    if (this.mustCheck()) await this.sync()
    return searchIndex(this.index, text, filters)
  }
}
