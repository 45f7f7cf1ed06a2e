/** Who holds a workspace's lock, as main describes it ("pid 42 on newsroom-3 since <ISO>"), taken apart. */
export interface LockHolder {
  host: string
  /** The time the lock was taken, or null when main's text has none. */
  since: Date | null
}

/** Parses main's lock-holder text; unknown text gives the whole text as the host and no time. */
export function parseLockHolder(text: string | null | undefined): LockHolder | null {
  if (!text) return null
  const match = /^pid \d+ on (.+) since (\S+)$/.exec(text)
  if (!match) return { host: text, since: null }
  const since = new Date(match[2] ?? '')
  return { host: match[1] ?? text, since: Number.isNaN(since.getTime()) ? null : since }
}

/** The lock time in the UI language and the user's local time zone ("Dec 5, 2026, 9:12 AM"). */
export function localTime(date: Date, language: string): string {
  return date.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' })
}
