import type { FieldConflict, TiptapDoc } from '../../../shared/article/schema'
import type { ConflictChoiceKind } from '../../../shared/sync/resolve-conflicts'

/** What the editor picked for one record so far (the edited text is kept while another choice is tried). */
export interface FieldPick {
  choice: ConflictChoiceKind | null
  /** The edited text; null until the editor types (the box then shows the viewer's version). */
  text: string | null
  /** The edited body block, as the blocks that take its place; null until the editor types. */
  doc: TiptapDoc | null
}

/** No choice yet. */
export const NO_PICK: FieldPick = { choice: null, text: null, doc: null }

/**
 * A conflict record's identity: the record itself (field, the three versions, who wrote which, when). The same
 * record read again gives the same identity; a record a later sync wrote (another version, another time) does
 * not, so it never inherits choices made for an earlier one.
 */
export function conflictRecordKey(record: FieldConflict): string {
  return JSON.stringify(record)
}

/**
 * The choices made in the conflict view and not saved yet, per article and per conflict record, for this session
 * only (renderer memory: nothing is written to disk until Resolve). "Resolve later" leaves them here, so coming
 * back to the article shows them again.
 */
export class ConflictDrafts {
  private readonly byArticle = new Map<string, Map<string, FieldPick>>()

  /**
   * The picks kept for `records` of an article, in their order (none: NO_PICK). Kept picks of records the file no
   * longer holds (settled elsewhere, or replaced by a later sync's) are dropped.
   */
  restore(articleId: string, records: readonly FieldConflict[]): FieldPick[] {
    const kept = this.byArticle.get(articleId)
    if (!kept) return records.map(() => NO_PICK)
    const keys = records.map(conflictRecordKey)
    const live = new Set(keys)
    for (const key of [...kept.keys()]) if (!live.has(key)) kept.delete(key)
    if (kept.size === 0) this.byArticle.delete(articleId)
    return keys.map((key) => kept.get(key) ?? NO_PICK)
  }

  /** Keeps the pick made for one record of an article. */
  keep(articleId: string, record: FieldConflict, pick: FieldPick): void {
    let kept = this.byArticle.get(articleId)
    if (!kept) {
      kept = new Map()
      this.byArticle.set(articleId, kept)
    }
    kept.set(conflictRecordKey(record), pick)
  }

  /** Drops every pick of an article (its resolution was saved). */
  forget(articleId: string): void {
    this.byArticle.delete(articleId)
  }
}

/** The choices of this window's session (the conflict view's default). */
export const sessionConflictDrafts = new ConflictDrafts()
