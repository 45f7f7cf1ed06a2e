import { join } from 'node:path'
import type { DriverCommand } from './repository'
import type { SyncReport } from './sync-engine'

/** Options of the background sync. */
export interface SchedulerOptions {
  /** One sync (the app passes `syncWorkspace` bound to the open workspace, its author and driver). */
  run: () => Promise<SyncReport>
  /** Saves within this window go out in one commit (default one minute of editing). */
  batchMs?: number
  /** First wait before trying again while offline; doubles up to `maxRetryMs` (defaults 30 s and 5 min). */
  retryMs?: number
  maxRetryMs?: number
  /** Every finished sync, for the indicator. */
  onReport?: (report: SyncReport) => void
  /** A sync that threw (not a git failure: those are reports), for the indicator's error in words. */
  onError?: (error: Error) => void
}

/**
 * Runs syncs in the background, one at a time: a save asks for a sync within `batchMs` (later saves join
 * it), an explicit sync runs at once (after the one running, if any), and offline it tries again later,
 * waiting longer each time. The app owns one per open workspace.
 */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null
  private running: Promise<SyncReport | null> | null = null
  private again = false
  private retry: number
  private stopped = false

  constructor(private readonly options: SchedulerOptions) {
    this.retry = options.retryMs ?? 30_000
  }

  /** A save happened: sync within the batch window (the first save starts the clock). */
  changed(): void {
    if (this.stopped || this.timer !== null) return
    this.schedule(this.options.batchMs ?? 60_000)
  }

  /** Syncs now (an explicit save or the sync button); resolves with its report, or null once stopped. */
  async syncNow(): Promise<SyncReport | null> {
    if (this.stopped) return null
    this.clearTimer()
    if (this.running) {
      this.again = true
      await this.running
      if (this.running) return this.running
    }
    return this.start()
  }

  /** Stops scheduling and waits for a sync in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true
    this.clearTimer()
    await this.running
  }

  private schedule(ms: number): void {
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = null
      void this.start()
    }, ms)
    this.timer.unref?.()
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private start(): Promise<SyncReport | null> {
    const run = (async () => {
      try {
        const report = await this.options.run()
        this.options.onReport?.(report)
        if (report.state === 'offline') {
          if (!this.stopped) this.schedule(this.retry)
          this.retry = Math.min(this.retry * 2, this.options.maxRetryMs ?? 5 * 60_000)
        } else this.retry = this.options.retryMs ?? 30_000
        return report
      } catch (error) {
        this.options.onError?.(error as Error)
        return null
      } finally {
        this.running = null
        if (this.again && !this.stopped) {
          this.again = false
          void this.start()
        }
      }
    })()
    this.running = run
    return run
  }
}

/**
 * The merge driver command of the desktop app: its own binary run as Node (ELECTRON_RUN_AS_NODE) on the CLI
 * bundle built beside the main bundle (`out/main/cli.js`).
 */
export function appDriverCommand(execPath: string, mainBundleDir: string): DriverCommand {
  return { argv: [execPath, join(mainBundleDir, 'cli.js')], env: { ELECTRON_RUN_AS_NODE: '1' } }
}
