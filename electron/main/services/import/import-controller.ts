import type {
  ExportProgressEvent,
  ImportApplyRequest,
  ImportApplyResult,
  ImportDryRunResult,
  ImportPick,
} from '../../../../shared/bundle/api-types'
import { throttleProgress } from '../../../../shared/bundle/progress'
import type { ArticleLibrary } from '../library'
import type { WorkerPool } from '../storage'
import { ImportService } from './import-service'
import { SourceRefusedError } from './source-reader'

/** Native "open" dialog injected by main: returns the chosen files or folder, or an empty list if cancelled. */
export type PickSources = (pick: ImportPick) => Promise<string[]>

/** Import from the app: sources from the injected picker, a dry run first, then apply. No electron import. */
export class ImportController {
  private service: ImportService | null = null
  private serviceFor: ArticleLibrary | null = null
  private applying: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly library: () => ArticleLibrary,
    private readonly pickSources: PickSources,
    private readonly onProgress: (progress: ExportProgressEvent) => void = () => undefined,
    /** Threads for big Markdown imports (the app's pool; null: everything on this thread). */
    private readonly workers: WorkerPool | null = null,
    /** Milliseconds for the progress throttle (a test's fake clock). */
    private readonly clock: () => number = Date.now,
  ) {}

  private importer(): ImportService {
    const library = this.library()
    if (!this.service || this.serviceFor !== library) {
      this.service = new ImportService(library, this.workers)
      this.serviceFor = library
    }
    return this.service
  }

  /** Asks for sources and reports what an import would do; writes nothing. */
  async dryRun(pick: ImportPick = 'files'): Promise<ImportDryRunResult> {
    if (this.library().info().readOnly)
      return { ok: false, reason: 'read-only', message: 'the workspace is open read-only' }
    const paths = await this.pickSources(pick)
    if (paths.length === 0) return { ok: false, reason: 'cancelled', message: 'nothing was chosen' }
    try {
      return { ok: true, ...(await this.importer().dryRun(paths)) }
    } catch (error) {
      if (error instanceof SourceRefusedError) return { ok: false, reason: 'refused', message: error.message }
      throw error
    }
  }

  /**
   * Resolves once a running apply has ended. An apply is all or nothing and has no cancel: the quit waits for it
   * (bounded by the quit's own limit), so an import is either wholly in the library or not at all.
   */
  async stop(): Promise<void> {
    await this.applying
  }

  /** Applies a dry run all or nothing. */
  apply(request: ImportApplyRequest): Promise<ImportApplyResult> {
    const result = this.importer().apply(request.planId, {
      onConflict: request.onConflict,
      decisions: request.decisions ?? {},
      // The one throttle (the service reports every article), shared with the export controller.
      onProgress: throttleProgress(this.onProgress, this.clock),
    })
    this.applying = result.catch(() => undefined)
    return result
  }
}
