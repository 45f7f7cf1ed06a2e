import type { ExportProgressEvent, ExportReport, ExportRequest } from '../../../../shared/bundle/api-types'
import type { ExportFormat } from '../../../../shared/bundle/manifest'
import { throttleProgress } from '../../../../shared/bundle/progress'
import { rssRefusal } from '../../../../shared/bundle/rss'
import type { ShowInFolderResult } from '../../../../shared/ipc/contract'
import type { ArticleLibrary } from '../library'
import type { WorkerPool } from '../storage'
import { type ExportScope, ExportService } from './export-service'

/** Native "save as" dialog injected by main: a suggested name in, a chosen path (or null if cancelled) out. */
export type PickDestination = (suggestedName: string, kind: 'folder' | 'zip' | 'pdf') => Promise<string | null>

/** The default file name offered for an export. */
export function suggestedExportName(format: ExportFormat, zip: boolean, now: Date): string {
  const stamp = now.toISOString().slice(0, 10)
  return `newsdesk-${format}-${stamp}${zip ? '.zip' : ''}`
}

/** The renderer's scope of an export as the service's scope. */
function scopeOf(request: ExportRequest['scope']): ExportScope {
  return request.kind === 'ids' ? { ids: request.ids } : request.kind === 'filter' ? { filter: request.query } : {}
}

/**
 * Runs exports asked for by the renderer: one at a time, destination from the injected picker, progress
 * pushed through `onProgress` (through `throttleProgress`, the only throttle: the service reports every article),
 * cancellable. One ExportService (and its Markdown codec) per open workspace: built at the first export of
 * a library and kept until the library is replaced (a workspace switch). No electron import.
 */
export class ExportController {
  private service: ExportService | null = null
  private serviceFor: ArticleLibrary | null = null
  private running: AbortController | null = null
  private finished: Promise<unknown> = Promise.resolve()
  /** Where the last successful export of this run went (for "Show in folder"). */
  private lastDestination: string | null = null

  constructor(
    private readonly library: () => ArticleLibrary,
    private readonly pickDestination: PickDestination,
    private readonly onProgress: (progress: ExportProgressEvent) => void,
    private readonly now: () => Date = () => new Date(),
    /** Threads for big Markdown exports (the app's pool; null: everything on this thread). */
    private readonly workers: WorkerPool | null = null,
    /** Milliseconds for the progress throttle (a test's fake clock). */
    private readonly clock: () => number = Date.now,
  ) {}

  private exporter(): ExportService {
    const library = this.library()
    if (!this.service || this.serviceFor !== library) {
      this.service = new ExportService(library, this.workers)
      this.serviceFor = library
    }
    return this.service
  }

  /** Asks for a destination and runs the export. */
  run(request: ExportRequest): Promise<ExportReport> {
    if (this.running) return Promise.resolve({ ok: false, reason: 'busy', message: 'an export is already running' })
    const controller = new AbortController()
    this.running = controller
    const report = this.runWith(request, controller)
    this.finished = report.catch(() => undefined)
    return report
  }

  private async runWith(request: ExportRequest, controller: AbortController): Promise<ExportReport> {
    try {
      // Refused before asking where to write: a feed without the publication's base URL cannot have absolute links.
      const exporter = this.exporter()
      if (request.format === 'rss') {
        const refusal = rssRefusal(await exporter.publication())
        if (refusal) return { ok: false, reason: 'invalid', message: refusal }
      }
      const destination = await this.pickDestination(
        suggestedExportName(request.format, request.zip, this.now()),
        request.zip ? 'zip' : 'folder',
      )
      if (!destination) return { ok: false, reason: 'cancelled', message: 'no destination was chosen' }
      const outcome = await exporter.run({
        format: request.format,
        destination,
        zip: request.zip,
        scope: scopeOf(request.scope),
        reproducible: request.reproducible ?? false,
        includeInternal: request.includeInternal ?? false,
        overwrite: true,
        signal: controller.signal,
        now: this.now,
        onProgress: throttleProgress(this.onProgress, this.clock),
      })
      if (!outcome.ok) return outcome
      this.lastDestination = outcome.destination
      return {
        ok: true,
        displayPath: outcome.destination,
        articleCount: outcome.articleCount,
        fileCount: outcome.fileCount,
        warnings: outcome.warnings,
      }
    } finally {
      this.running = null
    }
  }

  /** Shows the last export in the file manager through `show` (main's shell.showItemInFolder, or a stand-in). */
  showLast(show: (path: string) => boolean): ShowInFolderResult {
    const path = this.lastDestination
    if (!path) return { ok: false, reason: 'nothing-exported', message: 'nothing has been exported yet' }
    if (!show(path)) return { ok: false, reason: 'unavailable', message: 'no file manager is available here' }
    return { ok: true, displayPath: path }
  }

  /** Cancels the running export (nothing is left behind); a no-op when none runs. */
  cancel(): void {
    this.running?.abort()
  }

  /** Cancels the running export and resolves once it has cleaned up (the app's quit waits for this). */
  async stop(): Promise<void> {
    this.cancel()
    await this.finished
  }
}
