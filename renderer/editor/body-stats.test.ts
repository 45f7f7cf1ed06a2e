import type { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bodyExtensions } from './body-extensions'
import { idleDebounce, statsFrom } from './body-stats'
import { headlessEditor } from './test-support/headless'

let editor: Editor | null = null
afterEach(() => {
  editor?.destroy()
  vi.useRealTimers()
})

describe('statsFrom', () => {
  it('gives reading time in whole minutes, at least one for any text', () => {
    expect(statsFrom(0, 0)).toEqual({ words: 0, characters: 0, readingMinutes: 0 })
    expect(statsFrom(12, 60).readingMinutes).toBe(1)
    expect(statsFrom(1150, 6000).readingMinutes).toBe(5)
  })
  it('matches what CharacterCount reports for a body', () => {
    const noop = () => undefined
    editor = headlessEditor(
      bodyExtensions({
        placeholder: '',
        kindLabel: (k) => k,
        image: {},
        onSave: noop,
        onPreview: noop,
        onOpenLink: noop,
      }),
      '<p>Crews worked overnight.</p><p>The river rose.</p>',
    )
    const storage = editor.storage.characterCount
    expect(storage.words()).toBe(6)
    expect(statsFrom(storage.words(), storage.characters())).toEqual({ words: 6, characters: 38, readingMinutes: 1 })
  })
})

describe('idleDebounce', () => {
  it('runs the work once after the last schedule', () => {
    vi.useFakeTimers()
    const work = vi.fn()
    const { schedule } = idleDebounce(work, 300)
    schedule()
    vi.advanceTimersByTime(200)
    schedule()
    vi.advanceTimersByTime(200)
    expect(work).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1200)
    expect(work).toHaveBeenCalledTimes(1)
  })
  it('can be cancelled', () => {
    vi.useFakeTimers()
    const work = vi.fn()
    const { schedule, cancel } = idleDebounce(work, 100)
    schedule()
    cancel()
    vi.advanceTimersByTime(2000)
    expect(work).not.toHaveBeenCalled()
  })
})
