import type { ExportProgressEvent } from './api-types'

/** Progress events pushed to the renderer at most this often (besides the first and the last). */
export const PROGRESS_INTERVAL_MS = 50

/**
 * The one progress throttle of exports and imports: the services report every article, and whoever pushes the
 * counts somewhere (the app's controllers) wraps its push in this. Passes the first count (done 0), the last
 * (done = total) and any count more than `intervalMs` after the last one passed, by `clock` (milliseconds).
 */
export function throttleProgress(
  push: (progress: ExportProgressEvent) => void,
  clock: () => number = Date.now,
  intervalMs: number = PROGRESS_INTERVAL_MS,
): (progress: ExportProgressEvent) => void {
  let last = 0
  return (progress) => {
    const t = clock()
    if (progress.done === 0 || progress.done === progress.total || t - last > intervalMs) {
      last = t
      push(progress)
    }
  }
}
