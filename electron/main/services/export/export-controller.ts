import type { ExportProgressEvent, ExportReport, ExportRequest } from '../../../../shared/bundle/api-types'
import type { ExportFormat } from '../../../../shared/bundle/manifest'
import type { ShowInFolderResult } from '../../../../shared/ipc/contract'
import type { ArticleLibrary } from '../library'
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
  /** Where the last successful export of this run went (for "Show in folder"). */
  private lastDestination: string | null = null

  constructor(
    private readonly library: () => ArticleLibrary,
    private readonly pickDestination: PickDestination,
    private readonly onProgress: (progress: ExportProgressEvent) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Asks for a destination and runs the export. */
  async run(request: ExportRequest): Promise<ExportReport> {
    if (this.running) return { ok: false, reason: 'busy', message: 'an export is already running' }
    const controller = new AbortController()
    this.running = controller
    try {
      const destination = await this.pickDestination(
        suggestedExportName(request.format, request.zip, this.now()),
        request.zip ? 'zip' : 'folder',
      )
      if (!destination) return { ok: false, reason: 'cancelled', message: 'no destination was chosen' }
      const scope =
        request.scope.kind === 'ids'
          ? { ids: request.scope.ids }
          : request.scope.kind === 'filter'
            ? {
                ...(request.scope.query.tag ? { tag: request.scope.query.tag } : {}),
                ...(request.scope.query.status ? { status: request.scope.query.status } : {}),
              }
            : {}
      let last = 0
      const outcome = await new ExportService(this.library()).run({
        format: request.format,
        destination,
        zip: request.zip,
        scope,
        reproducible: request.reproducible ?? false,
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
}
