import { renameSync } from 'node:fs'
import { basename } from 'node:path'
import type { SettingsNotice } from '../../../shared/ipc/contract'

/**
 * What happened to the settings files in this run (set aside at start, writes that failed), kept for the
 * renderer to list (`settings.notices()`) and pushed to listeners as it happens ('settings:notice').
 * One log is shared by every settings store of the app, so one call answers for all of them.
 */
export class SettingsNotices {
  private readonly notices: SettingsNotice[] = []
  private readonly listeners = new Set<(notice: SettingsNotice) => void>()

  /** Keeps a notice (replacing one with the same key) and tells the listeners. */
  record(notice: SettingsNotice): SettingsNotice {
    const at = this.notices.findIndex((n) => n.key === notice.key)
    if (at >= 0) this.notices.splice(at, 1)
    this.notices.push(notice)
    for (const listener of this.listeners) listener(notice)
    return notice
  }

  /** Records a failed settings write of `file`; the previous file is unchanged (writes go through writeDurable). */
  writeFailed(file: string, error: unknown): SettingsNotice {
    const message = error instanceof Error ? error.message : String(error)
    return this.record({
      kind: 'write-failed',
      key: `write-failed:${basename(file)}`,
      file: basename(file),
      message,
      at: now(),
    })
  }

  /** Every notice of this run, oldest first. */
  list(): SettingsNotice[] {
    return [...this.notices]
  }

  /** Calls `listener` for every notice recorded from now on; returns the unsubscribe function. */
  subscribe(listener: (notice: SettingsNotice) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

function now(): string {
  return new Date().toISOString()
}

/**
 * Moves a settings file that cannot be read out of the way as `<name>.corrupt-<time>` (kept for the user, never
 * wiped) and records the notice that says so; the caller then starts from defaults.
 */
export function setAsideSettingsFile(path: string, text: string, notices: SettingsNotices): SettingsNotice {
  const at = now()
  const aside = `${path}.corrupt-${at.replace(/[:.]/g, '-')}`
  renameSync(path, aside)
  return notices.record({
    kind: 'set-aside',
    key: basename(aside),
    file: basename(path),
    setAsideAs: basename(aside),
    displayPath: aside,
    // Blank, or nothing but NUL bytes (what a crash on some file systems leaves): nothing was written.
    reason: text.split('\u0000').join('').trim() === '' ? 'empty' : 'not-json',
    at,
  })
}
