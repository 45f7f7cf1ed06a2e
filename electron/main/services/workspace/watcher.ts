import { watch, type FSWatcher } from 'node:fs'
import { TEMP_SUFFIX } from '../storage'
import { type ArticleLibrary, syncCopyArticleId } from '../library'

/** Changes to one file are handled this long after the last event for it. */
export const WATCH_DEBOUNCE_MS = 150
/** More distinct files than this in one burst (a git checkout) and the folder is rescanned instead. */
export const WATCH_BURST_LIMIT = 100

const ARTICLE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/i

/** Options of the watcher, injectable for tests. */
export interface WatcherOptions {
  debounceMs?: number
  burstLimit?: number
}

/**
 * Watches `articles/` with fs.watch and tells the library which files to re-read. Events are coalesced:
 * names collect until the folder has been quiet for the debounce time; a burst over the limit (or an
 * event without a file name, or an fs.watch error) becomes one full rescan. Only one batch runs at a time.
 * The library compares content hashes, so its own saves raise no change events.
 *
 * `assets/` is deliberately not watched: an asset's name is the sha256 of its bytes and it is written once and
 * never rewritten, so a change there cannot alter what an article shows without changing the article file
 * (which is watched); the renderer reads assets on demand, so one that appears later shows on the next read,
 * and a missing one is reported where it is used. Watching it would only add events with nothing to reload.
 */
export class ArticleWatcher {
  private watcher: FSWatcher | null = null
  private readonly pending = new Set<string>()
  private rescanAll = false
  /** A sync-tool conflict copy appeared or changed since the last batch. */
  private copiesChanged = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private running: Promise<void> | null = null
  private closed = false
  /** Batches handled, for tests. */
  batches = 0

  constructor(
    private readonly library: ArticleLibrary,
    private readonly options: WatcherOptions = {},
  ) {}

  /** Starts watching (a folder that cannot be watched is reported as a notice, not thrown). */
  start(): this {
    try {
      this.watcher = watch(this.library.articlesDir, { persistent: false }, (_type, name) => this.note(name))
      this.watcher.on('error', (error) => {
        this.library.events.emit('workspace:notice', { kind: 'watch-error', message: error.message })
        this.rescanAll = true
        this.schedule()
      })
    } catch (error) {
      this.library.events.emit('workspace:notice', { kind: 'watch-error', message: (error as Error).message })
    }
    return this
  }

  private note(name: string | Buffer | null): void {
    if (this.closed) return
    const text = name === null ? null : name.toString()
    if (text === null) this.rescanAll = true
    else if (text.endsWith(TEMP_SUFFIX)) return
    else if (syncCopyArticleId(text)) this.copiesChanged = true
    else {
      const match = ARTICLE_NAME.exec(text)
      if (!match?.[1]) return
      this.pending.add(match[1].toLowerCase())
      if (this.pending.size > (this.options.burstLimit ?? WATCH_BURST_LIMIT)) this.rescanAll = true
    }
    this.schedule()
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), this.options.debounceMs ?? WATCH_DEBOUNCE_MS)
  }

  /** Handles everything noted so far (waits for a batch already running). */
  async flush(): Promise<void> {
    this.timer = null
    if (this.running) {
      await this.running
      if (this.pending.size > 0 || this.rescanAll) return this.flush()
      return
    }
    const names = [...this.pending]
    const all = this.rescanAll
    this.pending.clear()
    this.rescanAll = false
    // A sync tool's conflict copy came or went: "Needs attention" lists it (the list reload asks for it).
    if (this.copiesChanged && !all) this.library.events.emit('articles:list-changed')
    this.copiesChanged = false
    if (names.length === 0 && !all) return
    this.running = (async () => {
      try {
        for (const id of names) await this.library.refreshFile(id)
        if (all) {
          // Events may have been dropped (a burst, an overflow): stat everything, re-read what differs.
          const found = await this.library.rescan()
          for (const id of found.changed) this.library.events.emit('articles:changed-on-disk', id)
          for (const id of found.removed) this.library.events.emit('articles:deleted-on-disk', id)
          this.library.events.emit('articles:list-changed')
          this.library.events.emit('workspace:notice', {
            kind: 'rescanned',
            changed: found.changed.length + found.removed.length,
          })
        } else {
          await this.library.flushIndex().catch(() => undefined)
        }
      } catch (error) {
        this.library.events.emit('workspace:notice', { kind: 'watch-error', message: (error as Error).message })
      } finally {
        this.batches++
        this.running = null
      }
    })()
    await this.running
  }

  /** Stops watching. */
  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.watcher?.close()
    this.watcher = null
  }
}
