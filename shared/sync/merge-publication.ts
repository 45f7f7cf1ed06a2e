import { z } from 'zod'
import { fieldConflictSchema, type ConflictSides, type FieldConflict } from '../article/schema'
import { publicationSettingsSchema, type PublicationSettings } from '../publication/publication'
import { conflictStamp, mergeConflictLists, type DocumentMerge } from './merge-article'
import { mergeSet, mergeText, mergeWhole, sameValue, type ValueMerge } from './merge-value'

/** `.newsdesk/publication.json` as a merge may leave it: the settings plus the conflicts it could not settle. */
export const publicationFileSchema = publicationSettingsSchema.extend({
  conflicts: z.array(fieldConflictSchema).max(100).optional(),
})
export type PublicationFile = z.infer<typeof publicationFileSchema>

const settingNames = Object.keys(publicationSettingsSchema.shape) as (keyof PublicationSettings)[]

/**
 * Three-way merge of the publication settings, the way articles merge: a setting changed on one side takes
 * that side, the statuses merge as a set, the name and heading word by word; the rest is recorded in
 * `conflicts` (ours kept). `base` is null when both sides added the file; `at` and `sides` stamp new records.
 */
export function mergePublication(
  base: PublicationFile | null,
  ours: PublicationFile,
  theirs: PublicationFile,
  at: string,
  sides: ConflictSides = {},
): DocumentMerge<PublicationFile> {
  const stamp = conflictStamp(at, sides)
  const found: FieldConflict[] = []
  const out: Record<string, unknown> = {}
  const note = (field: string, m: ValueMerge<unknown>) => {
    if (!m.ok) found.push({ field, base: m.base ?? null, ours: m.ours ?? null, theirs: m.theirs ?? null, ...stamp })
    return m.value
  }
  for (const name of settingNames) {
    const b = base?.[name]
    if (name === 'statuses') {
      const statuses = mergeSet(base?.statuses, ours.statuses, theirs.statuses)
      out.statuses =
        statuses.length > 0 ? statuses : note(name, mergeWhole(b, ours.statuses, theirs.statuses, base !== null))
    } else if (name === 'name' || name === 'heading') {
      out[name] = note(name, mergeText(b as string | undefined, ours[name], theirs[name]))
    } else out[name] = note(name, mergeWhole(b, ours[name], theirs[name], base !== null))
  }
  const conflicts = mergeConflictLists(base?.conflicts, ours.conflicts, theirs.conflicts, found)
  const value = { ...(out as PublicationSettings), ...(conflicts.length > 0 ? { conflicts } : {}) }
  if (publicationFileSchema.safeParse(value).success) return { value: sameValue(value, ours) ? ours : value, found }
  const record: FieldConflict = { field: 'publication', base: base ?? null, ours, theirs, ...stamp }
  return { value: { ...ours, conflicts: [record] }, found: [record] }
}
