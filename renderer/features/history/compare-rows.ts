import {
  bodyBlocks,
  comparedFields,
  diffBlocks,
  diffText,
  fieldChanged,
  type BlockRow,
  type ComparedField,
  type DiffPart,
} from '../../../shared/article/diff'
import type { ArticleFields } from '../../../shared/article/schema'

export { comparedFields, type ComparedField } from '../../../shared/article/diff'

/** One row: the field, whether its value differs, and the word diff of the two values as people read them. */
export interface FieldRow {
  field: ComparedField
  changed: boolean
  parts: DiffPart[]
}

/** A revision against the current text: every compared field, and the body block by block. */
export interface RevisionComparison {
  fields: FieldRow[]
  body: BlockRow[]
  /** How many fields differ, the body counted as one. */
  changedCount: number
}

/**
 * Compares an older revision's fields with the newer ones. `show` writes a field's value as the UI shows it (a
 * time in the publication's zone, a status in the UI language), so the diff reads as the editor would; whether
 * a field changed is decided on the stored values.
 */
export function compareRevision(
  older: ArticleFields,
  newer: ArticleFields,
  show: (field: ComparedField, fields: ArticleFields) => string,
): RevisionComparison {
  const fields = comparedFields.map((field) => ({
    field,
    changed: fieldChanged(older, newer, field),
    parts: diffText(show(field, older), show(field, newer)),
  }))
  const body = diffBlocks(bodyBlocks(older.body), bodyBlocks(newer.body))
  const bodyChanged = body.some((row) => row.op !== 'equal')
  return { fields, body, changedCount: fields.filter((f) => f.changed).length + (bodyChanged ? 1 : 0) }
}
