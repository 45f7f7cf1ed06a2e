import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pauseTimer } from './pause-timer'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('pauseTimer', () => {
  it('runs once, the delay after the last touch', () => {
    const work = vi.fn()
    const timer = pauseTimer(work, 1000)
    for (let i = 0; i < 50; i++) {
      timer.touch()
      vi.advanceTimersByTime(30)
    }
    // 50 touches 30 ms apart: the last was 30 ms ago, so 970 ms are left.
    vi.advanceTimersByTime(969)
    expect(work).not.toHaveBeenCalled()
    expect(timer.pending).toBe(true)
    vi.advanceTimersByTime(1)
    expect(work).toHaveBeenCalledTimes(1)
    expect(timer.pending).toBe(false)
    vi.advanceTimersByTime(5000)
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('keeps one browser timer however often it is touched', () => {
    const setSpy = vi.spyOn(globalThis, 'setTimeout')
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout')
    const timer = pauseTimer(() => undefined, 300)
    for (let i = 0; i < 100; i++) {
      timer.touch()
      vi.advanceTimersByTime(30)
    }
    vi.advanceTimersByTime(300)
    // One timer per 300 ms of typing (it re-arms when it fires early), never one per touch.
    expect(setSpy.mock.calls.length).toBeLessThanOrEqual(12)
    expect(clearSpy).not.toHaveBeenCalled()
    setSpy.mockRestore()
    clearSpy.mockRestore()
  })

  it('a shorter delay brings the run forward', () => {
    const work = vi.fn()
    const timer = pauseTimer(work, 150)
    timer.touch()
    vi.advanceTimersByTime(10)
    timer.touch(0)
    vi.advanceTimersByTime(0)
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('runs again after a new touch, and can be cancelled', () => {
    const work = vi.fn()
    const timer = pauseTimer(work, 100)
    timer.touch()
    vi.advanceTimersByTime(100)
    timer.touch()
    vi.advanceTimersByTime(50)
    timer.cancel()
    expect(timer.pending).toBe(false)
    vi.advanceTimersByTime(1000)
    expect(work).toHaveBeenCalledTimes(1)
    timer.touch()
    vi.advanceTimersByTime(100)
    expect(work).toHaveBeenCalledTimes(2)
  })

  it('runs at once when the clock was set back, rather than late', () => {
    let clock = 1_000_000
    const work = vi.fn()
    const timer = pauseTimer(work, 1000, () => clock)
    timer.touch()
    clock -= 3_600_000
    vi.advanceTimersByTime(1000)
    expect(work).toHaveBeenCalledTimes(1)
  })
})
