import type { TFunction } from 'i18next'
import type { FieldConflict } from '../../../shared/article/schema'
import { editorRef, editorRefName, sameEditor, type EditorIdentity } from '../../../shared/article/review'

/** How the view names one side of a conflict record: its column heading, its "Keep" choice, its deletion. */
export interface SideLabel {
  heading: string
  keep: string
  deleted: string
  /** The side is the viewer's own (edits start from it). */
  mine: boolean
}

/** The two sides of a record, as `ours` and `theirs` are stored (the choices 'mine'/'theirs' keep that meaning). */
export interface SideLabels {
  ours: SideLabel
  theirs: SideLabel
}

/** The first word of a display name ("Ana" of "Ana Ruiz"); the whole name when it has one word. */
function firstName(name: string): string {
  return name.split(/\s+/)[0] ?? name
}

/**
 * Names the two sides of a conflict record for the person viewing it. A record that says who wrote each side
 * (`oursBy`, `theirsBy`) is labelled by name ("Ana Ruiz's version", "(you)" when it is `me`, "Keep Ana's" or
 * "Keep mine"), so it reads right on every computer the record reaches. A record without both authors (written
 * before they were recorded), or with one person on both sides, keeps the labels of the computer that merged:
 * ours is "Mine (this computer)", theirs the other computer.
 */
export function sideLabels(record: FieldConflict, me: EditorIdentity | null, t: TFunction): SideLabels {
  const { oursBy, theirsBy } = record
  const legacy: SideLabels = {
    ours: {
      heading: t('conflicts.mine'),
      keep: t('conflicts.choice.mine'),
      deleted: t('conflicts.deletedHere'),
      mine: true,
    },
    theirs: {
      heading: t('conflicts.theirs'),
      keep: t('conflicts.choice.theirs'),
      deleted: t('conflicts.deletedThere'),
      mine: false,
    },
  }
  if (!oursBy || !theirsBy) return legacy
  if (sameEditor(oursBy, theirsBy)) return legacy
  const names = { ours: editorRefName(oursBy), theirs: editorRefName(theirsBy) }
  // "Keep Ana's" by first name, unless both sides share it ("Keep Ana Ruiz's" / "Keep Ana Soto's").
  const clash = firstName(names.ours).toLowerCase() === firstName(names.theirs).toLowerCase()
  // The viewer is matched by email when both have one, else by name (Settings may hold a name only).
  const meRef = me ? editorRef(me) : null
  const label = (ref: string, name: string): SideLabel => {
    const mine = meRef !== null && sameEditor(ref, meRef)
    return {
      heading: t(mine ? 'conflicts.versionOfYou' : 'conflicts.versionOf', { name }),
      keep: mine ? t('conflicts.choice.mine') : t('conflicts.choice.keepOf', { name: clash ? name : firstName(name) }),
      deleted: mine ? t('conflicts.deletedByYou') : t('conflicts.deletedBy', { name }),
      mine,
    }
  }
  return { ours: label(oursBy, names.ours), theirs: label(theirsBy, names.theirs) }
}
