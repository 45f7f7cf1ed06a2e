import type { Editor } from '@tiptap/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TiptapDoc } from '../../shared/article/schema'
import { plainText, wordCount } from '../../shared/editor'
import { idleDebounce, statsFrom, statsOf } from './body-stats'
import { headlessEditor, testBodyExtensions } from './test-support/headless'

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
  it('counts an editor body on the shared plain-text form, as ninjs and the exports count it', () => {
    editor = headlessEditor(
      testBodyExtensions({ placeholder: '' }),
      '<p>Crews worked overnight.</p><p>The river rose.</p>',
    )
    const doc = editor.getJSON() as TiptapDoc
    expect(statsOf(doc)).toEqual({ words: 6, characters: 38, readingMinutes: 1 })
    const text = plainText(doc)
    expect(statsOf(doc).words).toBe(wordCount(text))
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
