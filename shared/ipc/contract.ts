import type { Article, ArticleFields, ArticleId, ArticleKind, ArticleStatus, ArticleSummary } from '../article/schema'

/** Filters the library list understands; every field is optional. */
export interface ArticleQuery {
  status?: ArticleStatus
  kind?: ArticleKind
  tag?: string
  language?: string
}

/** What the renderer knows about the open workspace. */
export interface WorkspaceInfo {
  name: string
  /** Shown to the user (title bar, settings); never sent back as an argument. */
  displayPath: string
  articleCount: number
  readOnly: boolean
}

/** An article together with the content hash of the file it was read from (the base of the next save). */
export interface LoadedArticle {
  article: Article
  hash: string
}

/** Result of loading one article. */
export type LoadResult =
  ({ ok: true } & LoadedArticle) | { ok: false; reason: 'not-found' | 'invalid'; message: string }

/** Fields the user may give when creating an article; the rest get defaults. */
export interface NewArticleInput {
  headline?: string
  kind?: ArticleKind
  language?: string
}

/** A save request: the fields as edited plus the hash of the file they were loaded from. */
export interface ArticleDraft {
  id: ArticleId
  baseHash: string
  fields: ArticleFields
}

/** Result of a save; a refused save changes nothing on disk. */
export type SaveResult =
  | ({ ok: true; savedAt: string } & LoadedArticle)
  | { ok: false; reason: 'conflict' | 'invalid' | 'read-only' | 'io' | 'not-found'; message: string }

/** Commands the native menu sends to the renderer. */
export type MenuCommand = 'new-article' | 'open-workspace' | 'export' | 'save' | 'preview'

/**
 * The one hand-written description of the bridge (renderer -> main, request/response).
 * Channel names, the handler table and the preload bridge type are all derived from it.
 */
export interface NewsdeskApi {
  workspace: {
    info(): Promise<WorkspaceInfo>
  }
  articles: {
    list(query: ArticleQuery): Promise<ArticleSummary[]>
    load(id: ArticleId): Promise<LoadResult>
    create(input: NewArticleInput): Promise<LoadResult>
    save(draft: ArticleDraft): Promise<SaveResult>
  }
}

/** Main -> renderer pushes, with their argument tuples. */
export interface NewsdeskEvents {
  'menu:command': [command: MenuCommand]
  'articles:changed-on-disk': [id: ArticleId]
}

type Group = keyof NewsdeskApi & string
type MethodOf<G extends Group> = keyof NewsdeskApi[G] & string

/** Every request channel name, e.g. "articles:save". */
export type NewsdeskChannel = { [G in Group]: `${G}:${MethodOf<G>}` }[Group]

/** What the main process must implement: the same shape as the API (a missing handler fails to compile). */
export type NewsdeskHandlers = {
  [G in Group]: {
    [M in MethodOf<G>]: NewsdeskApi[G][M] extends (...args: infer A) => Promise<infer R>
      ? (...args: A) => Promise<R> | R
      : never
  }
}

/** Subscribes to one main -> renderer event; returns the unsubscribe function. */
export type EventSubscriber = <E extends keyof NewsdeskEvents>(
  event: E,
  listener: (...args: NewsdeskEvents[E]) => void,
) => () => void

/** What the preload exposes as `window.newsdesk`. */
export type NewsdeskBridge = NewsdeskApi & { on: EventSubscriber }
