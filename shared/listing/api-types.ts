import type { ArticleId, ArticleSummary } from '../article/schema'
import type { PublicationSettings } from '../publication/publication'

/** Ranked ids matching a search (best first, capped), how many matched in all, and the folded terms that matched. */
export interface SearchAnswer {
  ids: ArticleId[]
  total: number
  terms: string[]
  /** Present while the index is still being built: the answer covers every headline, standfirst, tag and
   * byline but only `done` of `total` article bodies. */
  indexing?: { done: number; total: number }
}

/**
 * What changed in the library since a cursor (from an earlier answer; null for the first call): the changed
 * summaries and removed ids, or every summary when the cursor is from another workspace or too old.
 */
/** The first screen of the library: the newest summaries and the total count. */
export interface ArticleHead {
  total: number
  articles: ArticleSummary[]
  /**
   * Present while a large workspace with no index cache (a fresh clone) is still being read: `total` counts
   * only what is read so far, and `articles:list-changed` follows when the rest is listed.
   */
  pending?: true
  /** While `pending`: how many article files the folder holds, so the screen can say "N of M". */
  expected?: number
}

/** One page of the whole list, newest first, and the change cursor it was read at. */
export interface ArticlePage {
  cursor: string
  total: number
  articles: ArticleSummary[]
}

export type ArticleChanges =
  | { full: true; cursor: string; articles: ArticleSummary[] }
  | { full: false; cursor: string; changed: ArticleSummary[]; removed: ArticleId[] }

/** A tag and how many articles carry it. */
export interface TagCount {
  tag: string
  count: number
}

/** Tags that look like one another (case, accents, singular/plural); proposed to the user, never merged. */
export interface TagSuggestion {
  tags: string[]
  /** The member most articles use: the natural merge target. */
  suggested: string
}

/** Outcome of a tag rename, merge or delete across the library; `changed` lists the articles saved. */
export type TagChangeResult =
  | { ok: true; changed: ArticleId[] }
  | { ok: false; reason: 'invalid' | 'not-found' | 'partial'; message: string; changed: ArticleId[] }

/** Result of saving publication settings; a refused save changes nothing. */
export type PublicationSetResult =
  { ok: true; settings: PublicationSettings } | { ok: false; reason: 'invalid' | 'io'; message: string }

/** Colour scheme of a preview. */
export type PreviewTheme = 'light' | 'dark'

/** Options of a preview request. */
export interface PreviewOptions {
  theme?: PreviewTheme
  page?: number
  /** Publication settings to preview instead of the saved ones (the settings form, before saving). */
  settings?: PublicationSettings
}

/** A rendered preview page (a complete HTML document), or why there is none. */
export type PreviewResult = { ok: true; html: string } | { ok: false; reason: 'not-found' | 'invalid'; message: string }

/** What to print to PDF. */
export type PdfTarget = { kind: 'listing' } | { kind: 'article'; id: ArticleId }

/** Result of printing to PDF: the name of the file written (where the user chose, else the workspace's exports/). */
export type PdfResult =
  | { ok: true; fileName: string; bytes: number }
  | { ok: false; reason: 'unavailable' | 'cancelled' | 'not-found' | 'invalid' | 'io'; message: string }
