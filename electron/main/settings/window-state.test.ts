import { describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, sanitizeWindowState } from './window-state'

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
