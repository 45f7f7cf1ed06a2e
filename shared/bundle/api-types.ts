import type { ArticleId } from '../article/schema'
import type { ArticleFilter } from '../listing/filter'
import type { ExportFormat } from './manifest'

/** Which articles an export from the app covers. */
export type ExportScopeRequest =
  { kind: 'all' } | { kind: 'filter'; query: ArticleFilter } | { kind: 'ids'; ids: ArticleId[] }

/** An export asked for by the renderer; the destination is chosen in main with a native dialog. */
export interface ExportRequest {
  format: ExportFormat
  zip: boolean
  scope: ExportScopeRequest
  reproducible?: boolean
  /** Markdown: keep the internal front matter (editorsNote, status, revision) for another Newsdesk. */
  includeInternal?: boolean
}

/** Result of an export from the app; a failed or cancelled export leaves nothing behind. */
export type ExportReport =
  | { ok: true; displayPath: string; articleCount: number; fileCount: number; warnings: string[] }
  | { ok: false; reason: 'cancelled' | 'invalid' | 'exists' | 'io' | 'busy'; message: string }

/** Progress of the running export, pushed to the renderer. */
export interface ExportProgressEvent {
  done: number
  total: number
}

/** One row of an import dry-run report (plain data). */
export interface ImportReportItem {
  index: number
  source: string
  status: 'new' | 'update' | 'unchanged' | 'conflict' | 'invalid'
  headline?: string
  slug?: string
  id?: string
  conflict?: { on: 'id' | 'slug'; id: string; slug: string; headline: string }
  problem?: { message: string; line?: number; field?: string }
  /** Content kept in a simpler form (e.g. a GFM table kept as paragraphs, as the editor has no table node). */
  warnings?: string[]
}

/** What the native open dialog offers: Markdown, JSON or zip files, or one folder. */
export type ImportPick = 'files' | 'folder'

/** Result of an import dry run started from the app (sources chosen with a native dialog in main). */
export type ImportDryRunResult =
  | {
      ok: true
      planId: string
      items: ImportReportItem[]
      counts: Record<ImportReportItem['status'], number>
    }
  | { ok: false; reason: 'cancelled' | 'refused' | 'read-only'; message: string }

/** What to do with conflicting items when applying an import. */
export interface ImportApplyRequest {
  planId: string
  onConflict: 'skip' | 'overwrite' | 'keep-both'
  /** Per-item choices keyed by the item's index (as a string, like every JSON key). */
  decisions?: Record<string, 'skip' | 'overwrite' | 'keep-both'>
}

/** Result of applying an import: everything written, or nothing. */
export type ImportApplyResult =
  | {
      ok: true
      created: number
      updated: number
      skipped: number
      assets: number
      /** The first article written (its file is what "Show in folder" opens at), or null when none was. */
      firstId: string | null
    }
  | { ok: false; reason: 'invalid' | 'stale' | 'io'; message: string }
