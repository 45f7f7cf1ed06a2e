import type { FlushOutcome } from '../../../../shared/ipc/contract'

/** How a quit-time flush ended: saved, refused by the library (the journal keeps the text), or no answer in time. */
export type FlushResult =
  { kind: 'flushed' } | { kind: 'save-failed'; message: string } | { kind: 'timeout' } | { kind: 'no-window' }

/** Longest a quit waits for the renderer's save: long enough for a durable write, short enough to never hang. */
export const QUIT_FLUSH_TIMEOUT_MS = 5000

/**
 * Main's side of "quit awaits the pending save": asks the renderer to save now (the 'app:flush-request' event)
 * and waits for its `app.flushed` answer, at most `timeoutMs`. Plain module (no electron) so it is tested
 * under Node; index.ts wires it to app's before-quit with `createBeforeQuitHandler`.
 */
export class QuitFlush {
  private next = 0
  private readonly pending = new Map<string, (outcome: FlushOutcome) => void>()

  constructor(
    /** Sends the request to the renderer; false when there is no window to ask. */
    private readonly send: (requestId: string) => boolean,
    private readonly timeoutMs = QUIT_FLUSH_TIMEOUT_MS,
  ) {}

  /** Asks the renderer to save and resolves when it answers or the timeout passes (never rejects). */
  request(): Promise<FlushResult> {
    const requestId = `flush-${++this.next}`
    return new Promise<FlushResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId)
        resolve({ kind: 'timeout' })
      }, this.timeoutMs)
      this.pending.set(requestId, (outcome) => {
        clearTimeout(timer)
        this.pending.delete(requestId)
        resolve(outcome.ok ? { kind: 'flushed' } : { kind: 'save-failed', message: outcome.message })
      })
      let sent: boolean
      try {
        sent = this.send(requestId)
      } catch {
        sent = false
      }
      if (!sent) {
        clearTimeout(timer)
        this.pending.delete(requestId)
        resolve({ kind: 'no-window' })
      }
    })
  }

  /** The renderer's answer (the `app.flushed` handler); unknown or late ids are ignored. */
  async settle(requestId: string, outcome: FlushOutcome): Promise<void> {
    this.pending.get(requestId)?.(outcome)
  }
}

/** The part of Electron's before-quit event the handler uses. */
export interface QuitEvent {
  preventDefault(): void
}

/**
 * The before-quit (or window close) listener: the first quit is held (preventDefault) until the flush
 * settles, then `quit` is called again and goes through. `onResult` hears how the flush ended (for a log line).
 */
export function createBeforeQuitHandler(
  flush: () => Promise<FlushResult>,
  quit: () => void,
  onResult: (result: FlushResult) => void = () => undefined,
): (event: QuitEvent) => void {
  let state: 'idle' | 'flushing' | 'done' = 'idle'
  return (event) => {
    if (state === 'done') return
    event.preventDefault()
    if (state === 'flushing') return
    state = 'flushing'
    void flush()
      .catch((error: unknown): FlushResult => ({ kind: 'save-failed', message: String(error) }))
      .then((result) => {
        state = 'done'
        onResult(result)
        quit()
      })
  }
}

/**
 * Waits for `work` (closing the services, the last settings write) at most `timeoutMs`: the result a quit
 * handler made by `createBeforeQuitHandler` needs. Never rejects.
 */
export function settleWithin(work: Promise<unknown>, timeoutMs = QUIT_FLUSH_TIMEOUT_MS): Promise<FlushResult> {
  return new Promise<FlushResult>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs)
    work.then(
      () => {
        clearTimeout(timer)
        resolve({ kind: 'flushed' })
      },
      (error: unknown) => {
        clearTimeout(timer)
        resolve({ kind: 'save-failed', message: error instanceof Error ? error.message : String(error) })
      },
    )
  })
}
