// Bounded concurrency for the bulk file work of exports and imports: many files in flight hide file-system
// latency (libuv's thread pool does the I/O), a bound keeps memory and open descriptors flat. Written by hand
// because the behaviour we need on failure (no new job starts, every started job settles before the error is
// raised, so a rollback never races with a write still in flight) is a dozen lines, not a dependency.

/**
 * Runs `each` over `items` with at most `width` calls in flight. After the first failure no new call starts;
 * the first error is raised once every started call has settled.
 */
export async function runBounded<T>(
  items: readonly T[],
  width: number,
  each: (item: T, index: number) => Promise<void> | void,
): Promise<void> {
  let next = 0
  let failed = false
  let failure: unknown = null
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++
      try {
        await each(items[index] as T, index)
      } catch (error) {
        if (!failed) failure = error
        failed = true
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker))
  if (failed) throw failure
}

/**
 * A queue of writes produced one at a time (a streaming export) with at most `width` in flight: `push` waits
 * for a free slot and raises an earlier failure; `drain` waits for all and raises the first failure;
 * `settle` waits for all and never raises (before removing a failed output).
 */
export class BoundedQueue {
  private readonly inFlight = new Set<Promise<void>>()
  private failed = false
  private failure: unknown = null

  constructor(readonly width: number) {}

  /** Jobs running now. */
  get size(): number {
    return this.inFlight.size
  }

  /** Starts `job` once fewer than `width` jobs run; raises the first failure of an earlier job instead. */
  async push(job: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.width) await Promise.race(this.inFlight)
    this.raiseFailure()
    // A failure is remembered (not left as an unhandled rejection, nor lost once it leaves the set).
    const running: Promise<void> = job().then(
      () => {
        this.inFlight.delete(running)
      },
      (error: unknown) => {
        this.inFlight.delete(running)
        if (!this.failed) this.failure = error
        this.failed = true
      },
    )
    this.inFlight.add(running)
  }

  /** Waits for every job; raises the first failure. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight)
    this.raiseFailure()
  }

  /** Waits for every job, failed or not. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight)
  }

  private raiseFailure(): void {
    if (this.failed) throw this.failure
  }
}
