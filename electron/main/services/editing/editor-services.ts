import { join } from 'node:path'
import { createLinkOpener, type OpenLinkOutcome } from '../../security/link-policy'
import {
  createJsonUiSettingsStore,
  UiSettingsService,
  type Spellchecker,
  type UiSettingsStore,
} from '../../settings/ui-settings'
import { AssetStore, type ImagePicker } from './assets'

/**
 * What only the platform can do, injected by main (electron dialog, shell, session, electron-store) or by the
 * e2e harness and tests. Every hook is optional: without it the service refuses politely or does nothing.
 */
export interface EditorHooks {
  /** Native "open image" dialog; null when cancelled. */
  pickImageFile?: ImagePicker
  /** shell.openExternal; only reached after the link allow-list. */
  openExternal?: (url: string) => Promise<void>
  /** shell.showItemInFolder: opens the file manager at an export main wrote. */
  showItemInFolder?: (path: string) => void
  /** Electron's spellchecker; absent outside Electron. */
  spellchecker?: Spellchecker
  /** Where UI settings live; defaults to `<userData>/ui-settings.json`. */
  settingsStore?: UiSettingsStore
}

/** The services the writing screen needs besides the library: assets, links, UI settings. */
export interface EditorServices {
  assets: AssetStore
  openLink: (url: string) => Promise<OpenLinkOutcome>
  settings: UiSettingsService
  /** Shows a path main wrote in the file manager; false when no file manager is available. */
  showInFolder: (path: string) => boolean
}

/** Builds the editor services over a workspace root getter (so they follow a workspace switch). */
export function createEditorServices(
  userData: string,
  workspaceRoot: () => string,
  readOnly: () => boolean,
  hooks: EditorHooks = {},
): EditorServices {
  const noBrowser = async () => {
    throw new Error('no browser is available here')
  }
  return {
    assets: new AssetStore(workspaceRoot, hooks.pickImageFile ?? (async () => null), readOnly),
    openLink: createLinkOpener(hooks.openExternal ?? noBrowser),
    settings: new UiSettingsService(
      hooks.settingsStore ?? createJsonUiSettingsStore(join(userData, 'ui-settings.json')),
      hooks.spellchecker ?? null,
    ),
    showInFolder: (path) => {
      if (!hooks.showItemInFolder) return false
      hooks.showItemInFolder(path)
      return true
    },
  }
}
