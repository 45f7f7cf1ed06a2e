/** A timer that runs its work once a quiet period has passed since the last `touch`. */
export interface PauseTimer {
  /** (Re)starts the quiet period: the work runs `delayMs` (default: the timer's delay) after the last touch. */
  touch: (delayMs?: number) => void
  /** Drops the pending run, if any. */
  cancel: () => void
  /** True while a run is pending. */
  readonly pending: boolean
}

/**
 * Trailing debounce for per-keystroke callers (autosave, crash journal, word counts, toolbar states). A plain
 * debounce does a clearTimeout and a setTimeout on every keystroke, several of them per key in this editor;
 * here a touch only moves a deadline, and the one browser timer, when it fires before the deadline, re-arms
 * itself for the time left. The work still runs `delayMs` after the last touch, as with a plain debounce.
 * Date.now() is the clock (fake timers in tests move it); a clock set back more than the delay runs the work
 * at once rather than late.
 */
export function pauseTimer(work: () => void, delayMs: number, now: () => number = Date.now): PauseTimer {
  let due = 0
  /** When the armed browser timer fires (its own deadline, which may be earlier than `due`). */
  let firesAt = 0
  let handle: ReturnType<typeof setTimeout> | null = null
  const arm = (at: number, from: number) => {
    firesAt = at
    handle = setTimeout(fire, Math.max(0, at - from))
  }
  const fire = () => {
    handle = null
    const t = now()
    const left = due - t
    if (left > 0 && left <= delayMs) {
      arm(due, t)
      return
    }
    work()
  }
  return {
    touch(delay = delayMs) {
      const t = now()
      due = t + delay
      if (handle !== null && firesAt <= due && firesAt >= t - 1) return
      if (handle !== null) clearTimeout(handle)
      arm(due, t)
    },
    cancel() {
      if (handle !== null) clearTimeout(handle)
      handle = null
    },
    get pending() {
      return handle !== null
    },
  }
}
