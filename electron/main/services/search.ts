import MiniSearch, { type SearchResult as MiniResult } from 'minisearch'
import type { Article, ArticleSummary } from '../../../shared/article/schema'
import type { ArticleQuery } from '../../../shared/ipc/contract'
import type { SearchAnswer } from '../../../shared/listing/api-types'
import { foldText } from '../../../shared/listing/search-text'
import { bodyText } from '../../../shared/render/body'
import type { ArticleLibrary } from './library'

/** What the search index holds for one article. */
export interface SearchDoc {
  id: string
  headline: string
  standfirst: string
  body: string
  tags: string[]
  byline: string
  status: ArticleSummary['status']
  kind: ArticleSummary['kind']
  language: string
}

/** The index type: minisearch over headline, standfirst, body, tags and byline. */
export type ArticleSearchIndex = MiniSearch<SearchDoc>

/** Splits on whitespace and punctuation (Unicode-aware), like minisearch's default tokenizer. */
const SPLIT = /[\n\r\p{Z}\p{P}]+/u

/** Creates an empty index; terms are folded (accent- and case-insensitive) both when indexed and when queried. */
export function createSearchIndex(): ArticleSearchIndex {
  return new MiniSearch<SearchDoc>({
    fields: ['headline', 'standfirst', 'body', 'tags', 'byline'],
    storeFields: ['status', 'kind', 'language', 'tags'],
    tokenize: (text) => text.split(SPLIT),
    processTerm: (term) => {
      const folded = foldText(term)
      return folded.length > 0 ? folded : null
    },
    extractField: (doc, field) => {
      const value = (doc as unknown as Record<string, unknown>)[field]
      return Array.isArray(value) ? value.join(' ') : (value as string)
    },
    searchOptions: {
      boost: { headline: 3, tags: 2, standfirst: 1.5 },
      prefix: true,
      fuzzy: (term) => (term.length > 3 ? 0.2 : false),
      combineWith: 'AND',
    },
  })
}

/** Builds an index over many documents at once (startup, the benchmark). */
export function buildSearchIndex(docs: readonly SearchDoc[]): ArticleSearchIndex {
  const index = createSearchIndex()
  index.addAll(docs as SearchDoc[])
  return index
}

/** True when a stored search hit passes the list filters. */
function passes(hit: MiniResult, filters: ArticleQuery): boolean {
  return (
    (filters.status === undefined || hit.status === filters.status) &&
    (filters.kind === undefined || hit.kind === filters.kind) &&
    (filters.language === undefined || hit.language === filters.language) &&
    (filters.tag === undefined || (hit.tags as string[]).includes(filters.tag))
  )
}

/** Runs one query against an index: ranked ids (best first) and the matched terms. */
export function searchIndex(index: ArticleSearchIndex, text: string, filters: ArticleQuery = {}): SearchAnswer {
  if (text.trim() === '') return { ids: [], terms: [] }
  const hits = index.search(text, { filter: (hit) => passes(hit, filters) })
  const terms = new Set<string>()
  for (const hit of hits) for (const term of hit.terms) terms.add(term)
  // The query's own folded words highlight too (a prefix typed so far is a match of its own).
  for (const word of text.split(SPLIT)) if (word) terms.add(foldText(word))
  return { ids: hits.map((h) => String(h.id)), terms: [...terms] }
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
 * import), so the index follows every write path without hooks into them.
 */
export class SearchService {
  private index = createSearchIndex()
  private readonly indexed = new Map<string, string>()
  private root: string | null = null

  constructor(private readonly libraryOf: () => ArticleLibrary) {}

  /** Brings the index up to date with the library (starting afresh when another workspace was opened). */
  async sync(): Promise<void> {
    const library = this.libraryOf()
    if (library.root !== this.root) {
      this.index = createSearchIndex()
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
      if (this.index.has(summary.id)) this.index.discard(summary.id)
      this.index.add(toSearchDoc(loaded.article))
      this.indexed.set(summary.id, version)
    }
    for (const id of [...this.indexed.keys()]) {
      if (seen.has(id)) continue
      this.index.discard(id)
      this.indexed.delete(id)
    }
  }

  /** Ranked ids of the articles matching `text` (prefix, fuzzy, accent-insensitive) and the list filters. */
  async query(text: string, filters: ArticleQuery = {}): Promise<SearchAnswer> {
    await this.sync()
    return searchIndex(this.index, text, filters)
  }
}
