import type { TiptapDoc } from '../../shared/article/schema'
import { bodyCounts } from '../../shared/editor'
import { pauseTimer } from './pause-timer'

/** Live figures shown under the body. */
export interface BodyStats {
  words: number
  characters: number
  /** Whole minutes at `WORDS_PER_MINUTE`, at least 1 for any text. */
  readingMinutes: number
}

/** Average adult silent-reading speed for news copy. */
export const WORDS_PER_MINUTE = 230

/** The figures of a body, counted on its plain-text form (shared/editor), as ninjs and `newsdesk check` count. */
export function statsOf(doc: TiptapDoc): BodyStats {
  const { words, characters } = bodyCounts(doc)
  return statsFrom(words, characters)
}

/** Reading time from a word count. */
export function statsFrom(words: number, characters: number): BodyStats {
  return { words, characters, readingMinutes: words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE)) }
}

/**
 * Runs `work` once typing has paused for `delayMs` (then in an idle callback when the browser has one), so
 * O(document) work such as counting words never runs per keystroke. Returns schedule and cancel functions;
 * schedule is cheap enough to call on every keystroke (it moves a deadline, see pauseTimer).
 */
export function idleDebounce(work: () => void, delayMs: number) {
  let idle: number | null = null
  const cancelIdle = () => {
    if (idle !== null && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle)
    idle = null
  }
  const timer = pauseTimer(() => {
    if (typeof requestIdleCallback === 'function') {
      idle = requestIdleCallback(
        () => {
          idle = null
          work()
        },
        { timeout: 1000 },
      )
    } else work()
  }, delayMs)
  const cancel = () => {
    timer.cancel()
    cancelIdle()
  }
  const schedule = () => {
    cancelIdle()
    timer.touch()
  }
  return { schedule, cancel }
}
