import { mkdir, readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  defaultPublication,
  describePublicationIssue,
  normalizePublication,
  publicationSettingsSchema,
  type PublicationSettings,
} from '../../../../shared/publication/publication'
import type { PublicationSetResult } from '../../../../shared/listing/api-types'
import { isCode, writeDurable } from '../storage'
import { workspaceLayout } from '../storage'

/** The time zone of this machine (a new workspace's default), or UTC when the runtime does not say. */
function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/**
 * The publication of a workspace (name, base URL, time zone, statuses, budgets, clamps), in
 * `.newsdesk/publication.json`. A workspace with none saved is named after its folder.
 */
export class PublicationStore {
  constructor(
    private readonly rootOf: () => string,
    private readonly timeZone: () => string = systemTimeZone,
  ) {}

  /** The settings of a workspace that has saved none: named after its folder, in this machine's time zone. */
  defaults(): PublicationSettings {
    return defaultPublication(basename(this.rootOf()), this.timeZone())
  }

  /** The saved settings, brought into range; the defaults when none are saved or the file is unreadable. */
  async get(): Promise<PublicationSettings> {
    let text: string
    try {
      text = await readFile(workspaceLayout(this.rootOf()).publication, 'utf8')
    } catch (error) {
      if (isCode(error, 'ENOENT')) return this.defaults()
      throw error
    }
    try {
      const raw = JSON.parse(text) as unknown
      return normalizePublication(
        typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {},
        this.defaults(),
      )
    } catch {
      return this.defaults()
    }
  }

  /** Validates and durably writes the settings. */
  async set(settings: PublicationSettings): Promise<PublicationSetResult> {
    const parsed = publicationSettingsSchema.safeParse(settings)
    if (!parsed.success) {
      return { ok: false, reason: 'invalid', message: describePublicationIssue(parsed.error.issues[0]) }
    }
    try {
      const layout = workspaceLayout(this.rootOf())
      await mkdir(layout.store, { recursive: true })
      await writeDurable(layout.publication, `${JSON.stringify(parsed.data, null, 2)}\n`)
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not write the settings: ${(error as Error).message}` }
    }
    return { ok: true, settings: parsed.data }
  }
}
