import type { ExportProgressEvent, ExportReport, ExportRequest } from '../../../../shared/bundle/api-types'
import type { ExportFormat } from '../../../../shared/bundle/manifest'
import { rssRefusal } from '../../../../shared/bundle/rss'
import type { ShowInFolderResult } from '../../../../shared/ipc/contract'
import type { ArticleLibrary } from '../library'
import { PublicationStore } from '../workspace'
import { ExportService } from './export-service'

/** Native "save as" dialog injected by main: a suggested name in, a chosen path (or null if cancelled) out. */
export type PickDestination = (suggestedName: string, kind: 'folder' | 'zip' | 'pdf') => Promise<string | null>

/** The default file name offered for an export. */
export function suggestedExportName(format: ExportFormat, zip: boolean, now: Date): string {
  const stamp = now.toISOString().slice(0, 10)
  return `newsdesk-${format}-${stamp}${zip ? '.zip' : ''}`
}

/**
 * Runs exports asked for by the renderer: one at a time, destination from the injected picker, progress
 * pushed through `onProgress` (throttled), cancellable. No electron import.
 */
export class ExportController {
  private running: AbortController | null = null
  private finished: Promise<unknown> = Promise.resolve()
  /** Where the last successful export of this run went (for "Show in folder"). */
  private lastDestination: string | null = null

  constructor(
    private readonly library: () => ArticleLibrary,
    private readonly pickDestination: PickDestination,
    private readonly onProgress: (progress: ExportProgressEvent) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
      if (request.format === 'rss') {
        const refusal = rssRefusal(await new PublicationStore(() => this.library().root).get())
        if (refusal) return { ok: false, reason: 'invalid', message: refusal }
      }
      const destination = await this.pickDestination(
        suggestedExportName(request.format, request.zip, this.now()),
        request.zip ? 'zip' : 'folder',
      )
      if (!destination) return { ok: false, reason: 'cancelled', message: 'no destination was chosen' }
      const scope =
        request.scope.kind === 'ids'
          ? { ids: request.scope.ids }
          : request.scope.kind === 'filter'
            ? { filter: request.scope.query }
            : {}
      let last = 0
      const outcome = await new ExportService(this.library()).run({
        format: request.format,
        destination,
        zip: request.zip,
        scope,
        reproducible: request.reproducible ?? false,
        includeInternal: request.includeInternal ?? false,
        overwrite: true,
        signal: controller.signal,
        now: this.now,
        onProgress: (p) => {
          const t = Date.now()
          if (p.done === 0 || p.done === p.total || t - last > 50) {
            last = t
            this.onProgress(p)
          }
        },
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
