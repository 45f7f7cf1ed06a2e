// The wire between the e2e test process (which drives Chromium) and the child process that runs the BUILT main
// process with `electron` mapped to the stand-in. Node's IPC channel with `serialization: 'advanced'` carries
// these: the V8 serializer is the structured clone Electron's own IPC uses, so a value that Electron could not
// send (a function, a class instance's methods) cannot be sent here either.

/** Window options the stand-in reports to the test process (the subset it renders or tests read). */
export interface StandinWindowOptions {
  x?: number
  y?: number
  width: number
  height: number
  show: boolean
  title?: string
  /** Absolute path of the preload script (webPreferences.preload). */
  preload?: string
  webPreferences: Record<string, unknown>
}

/** child -> test process. */
export type ChildMessage =
  | { t: 'window-create'; id: number; options: StandinWindowOptions }
  | { t: 'window-load'; id: number; rid: number; url: string }
  | { t: 'window-show'; id: number }
  | { t: 'window-destroy'; id: number }
  | { t: 'window-bounds'; id: number; bounds: { x: number; y: number; width: number; height: number } }
  | { t: 'send'; id: number; channel: string; args: unknown[] }
  | { t: 'dialog'; rid: number; kind: 'open' | 'save' | 'message'; options: Record<string, unknown> }
  | { t: 'error-box'; title: string; content: string }
  | { t: 'lifecycle'; event: string }
  | { t: 'open-external'; url: string }
  | { t: 'show-item-in-folder'; path: string }
  | { t: 'record'; key: string; value: unknown }
  | { t: 'reply'; rid: number; ok: true; value: unknown }
  | { t: 'reply'; rid: number; ok: false; error: string }

/** test process -> child. */
export type ParentMessage =
  | { t: 'protocol'; rid: number; url: string; method: string; headers: Record<string, string> }
  | { t: 'invoke'; rid: number; id: number; frameUrl: string; channel: string; args: unknown[] }
  | { t: 'ipc-send'; id: number; frameUrl: string; channel: string; args: unknown[] }
  | { t: 'reply'; rid: number; ok: true; value: unknown }
  | { t: 'reply'; rid: number; ok: false; error: string }
  | { t: 'window-close'; id: number }
  | { t: 'window-loaded'; id: number }
  | { t: 'app-quit' }
  | { t: 'session-end'; reasons: ('shutdown' | 'close-app' | 'critical' | 'logoff')[] }
  | { t: 'menu-click'; rid: number; path: string[] }
  | { t: 'webcontents-send'; rid: number; channel: string; args: unknown[] }
  | { t: 'open-window'; rid: number; url: string }

/** Marks a dialog answer the test process scripts. */
export type DialogAnswer =
  | { canceled: boolean; filePaths: string[] }
  | { canceled: boolean; filePath?: string }
  | { response: number; checkboxChecked: boolean }
