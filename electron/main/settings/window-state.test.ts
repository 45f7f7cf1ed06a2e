import { describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, fitToWorkArea, sanitizeWindowState } from './window-state'

const display = { x: 0, y: 0, width: 1920, height: 1080 }

describe('sanitizeWindowState', () => {
  it('keeps a valid state on a visible display', () => {
    const state = { x: 100, y: 80, width: 1200, height: 800, maximized: false }
    expect(sanitizeWindowState(state, [display])).toEqual(state)
  })
  it('drops a position on a display that is gone, keeping the size', () => {
    expect(sanitizeWindowState({ x: 3000, y: 80, width: 1200, height: 800, maximized: true }, [display])).toEqual({
      width: 1200,
      height: 800,
      maximized: true,
    })
  })
  it.each([null, 'x', { width: 'big' }, { width: 10, height: 10, maximized: false }])(
    'falls back to the default for %j',
    (value) => {
      expect(sanitizeWindowState(value, [display])).toEqual(DEFAULT_WINDOW_STATE)
    },
  )
})

describe('fitToWorkArea', () => {
  const laptop = { x: 0, y: 0, width: 1280, height: 680 }
  it('shrinks the default window to a 1280×680 work area', () => {
    expect(fitToWorkArea(DEFAULT_WINDOW_STATE, laptop)).toEqual({ width: 1280, height: 680, maximized: false })
  })
  it('moves a stored position so the whole window, title bar first, is inside the work area', () => {
    const state = { x: 900, y: -40, width: 1000, height: 600, maximized: false }
    expect(fitToWorkArea(state, { x: 0, y: 40, width: 1280, height: 680 })).toEqual({
      x: 280,
      y: 40,
      width: 1000,
      height: 600,
      maximized: false,
    })
  })
  it('leaves a window that fits alone', () => {
    const state = { x: 10, y: 10, width: 800, height: 500, maximized: true }
    expect(fitToWorkArea(state, laptop)).toEqual(state)
  })
})
