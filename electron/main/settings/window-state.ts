import { z } from 'zod'

/** Size and position of the main window, kept across launches. */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
})
export type WindowState = z.infer<typeof windowStateSchema>

/** A rectangle of a display's work area. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The default window: comfortable for three panes on a laptop. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1400, height: 900, maximized: false }

/**
 * Returns a window state that is safe to apply: invalid data falls back to the default, and a position
 * that would put the window's title bar off every display (a monitor unplugged) is dropped so it centres.
 */
export function sanitizeWindowState(stored: unknown, displays: readonly Rect[]): WindowState {
  const parsed = windowStateSchema.safeParse(stored)
  if (!parsed.success) return DEFAULT_WINDOW_STATE
  const state = parsed.data
  if (state.x === undefined || state.y === undefined)
    return { width: state.width, height: state.height, maximized: state.maximized }
  const { x, y } = state
  const visible = displays.some((d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y && y < d.y + d.height - 50)
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized }
}

/**
 * Shrinks a window state to fit `workArea` (the default 1400×900 does not fit a 1280×680 laptop work area at
 * 150 %, and its title bar would land off-screen) and moves a position so the whole window is inside it.
 */
export function fitToWorkArea(state: WindowState, workArea: Rect): WindowState {
  const width = Math.min(state.width, workArea.width)
  const height = Math.min(state.height, workArea.height)
  if (state.x === undefined || state.y === undefined) return { width, height, maximized: state.maximized }
  const x = Math.min(Math.max(state.x, workArea.x), workArea.x + workArea.width - width)
  const y = Math.min(Math.max(state.y, workArea.y), workArea.y + workArea.height - height)
  return { x, y, width, height, maximized: state.maximized }
}

/** Settings main keeps outside the workspace (never drafts). electron-store sits behind this interface. */
export interface SettingsStore {
  getWindowState(): unknown
  setWindowState(state: WindowState): void
  getRecentWorkspaces(): string[]
  setRecentWorkspaces(paths: string[]): void
  /** Resolves when the writes asked for so far are on disk (or failed and were reported). */
  flush?(): Promise<void>
}
