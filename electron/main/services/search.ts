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

/**
 * Full-text search over the library, kept in the main process so the renderer never blocks on it. Before each
 * query it re-indexes any article whose revision changed since it was indexed (a save, a tag rename, an
 * import, a restore), so the index follows every write path without hooks into them.
 */
export class SearchService {
  private index = new ArticleSearchIndex()
  private readonly indexed = new Map<string, string>()
  private root: string | null = null

  constructor(private readonly libraryOf: () => ArticleLibrary) {}

  /** Brings the index up to date with the library (starting afresh when another workspace was opened). */
  async sync(): Promise<void> {
    const library = this.libraryOf()
    if (library.root !== this.root) {
      this.index = new ArticleSearchIndex()
      this.indexed.clear()
      this.root = library.root
    }
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

  /** Ranked ids of the articles matching `text` (prefix, fuzzy, accent-insensitive) and the list filters. */
  async query(text: string, filters: ArticleQuery = {}): Promise<SearchAnswer> {
    await this.sync()
    return searchIndex(this.index, text, filters)
  }
}
