import { readFile } from 'node:fs/promises'
import {
  DEFAULT_PUBLICATION,
  normalizePublication,
  publicationSettingsSchema,
  type PublicationSettings,
} from '../../../../shared/listing/listing'
import type { PublicationSetResult } from '../../../../shared/listing/api-types'
import { isCode, writeDurable } from '../storage'
import { workspaceLayout } from './layout'

/** The publication settings of a workspace (name, listing heading, filters, clamps), in `.newsdesk/publication.json`. */
export class PublicationStore {
  constructor(private readonly rootOf: () => string) {}

  /** The saved settings, brought into range; the defaults when none are saved or the file is unreadable. */
  async get(): Promise<PublicationSettings> {
    let text: string
    try {
      text = await readFile(workspaceLayout(this.rootOf()).publication, 'utf8')
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { ...DEFAULT_PUBLICATION }
      throw error
    }
    try {
      const raw = JSON.parse(text) as Partial<PublicationSettings>
      return normalizePublication(typeof raw === 'object' && raw !== null ? raw : {})
    } catch {
      return { ...DEFAULT_PUBLICATION }
    }
  }

  /** Validates and durably writes the settings. */
  async set(settings: PublicationSettings): Promise<PublicationSetResult> {
    const parsed = publicationSettingsSchema.safeParse(settings)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return {
        ok: false,
        reason: 'invalid',
        message: `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`,
      }
    }
    try {
      await writeDurable(workspaceLayout(this.rootOf()).publication, `${JSON.stringify(parsed.data, null, 2)}\n`)
    } catch (error) {
      return { ok: false, reason: 'io', message: `could not write the settings: ${(error as Error).message}` }
    }
    return { ok: true, settings: parsed.data }
  }
}
