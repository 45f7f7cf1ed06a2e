import type { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { afterEach, describe, expect, it } from 'vitest'
import { headlessEditor } from '../../test-support/headless'
import { detectMediaKind, MediaEmbed } from './media-embed'

let editor: Editor
afterEach(() => editor?.destroy())

describe('detectMediaKind', () => {
  it.each([
    ['https://cdn.example.com/show/episode-12.mp3', 'audio'],
    ['https://soundcloud.com/desk/briefing', 'audio'],
    ['https://www.twitch.tv/council', 'livestream'],
    ['https://example.tv/live/', 'livestream'],
    ['https://example.com/stream/index.m3u8', 'livestream'],
    ['https://www.youtube.com/watch?v=abc', 'video'],
  ])('%s is %s', (url, kind) => {
    expect(detectMediaKind(url)).toBe(kind)
  })
})

describe('MediaEmbed', () => {
  it('inserts an offline card and never creates an iframe, audio or video element', () => {
    editor = headlessEditor([StarterKit, MediaEmbed.configure({ kindLabel: (k) => `Kind ${k}` })])
    expect(editor.commands.setMediaEmbed({ url: 'https://www.youtube.com/watch?v=abc' })).toBe(true)
    const node = editor.getJSON().content?.find((n) => n.type === 'mediaEmbed')
    expect(node?.attrs).toEqual({ url: 'https://www.youtube.com/watch?v=abc', kind: 'video' })
    const dom = editor.view.dom
    expect(dom.querySelector('.media-embed .media-embed-kind')?.textContent).toBe('Kind video')
    expect(dom.querySelectorAll('iframe, audio, video, img, object, embed')).toHaveLength(0)
    expect(editor.getHTML()).not.toMatch(/<(iframe|audio|video|source)/)
  })
  it('refuses non-http URLs', () => {
    editor = headlessEditor([StarterKit, MediaEmbed])
    expect(editor.commands.setMediaEmbed({ url: 'javascript:alert(1)' })).toBe(false)
    expect(editor.commands.setMediaEmbed({ url: 'file:///etc/passwd' })).toBe(false)
    expect(JSON.stringify(editor.getJSON())).not.toContain('mediaEmbed')
  })
  it('round-trips through HTML and drops embeds with a hostile URL', () => {
    editor = headlessEditor([StarterKit, MediaEmbed])
    editor.commands.setContent(
      '<div data-media-embed="audio" data-url="https://example.com/a.mp3"></div><div data-media-embed="video" data-url="javascript:alert(1)"></div>',
    )
    const embeds = editor.getJSON().content?.filter((n) => n.type === 'mediaEmbed') ?? []
    expect(embeds).toHaveLength(1)
    expect(embeds[0]?.attrs).toEqual({ url: 'https://example.com/a.mp3', kind: 'audio' })
  })
  it('inserts after a selected block instead of replacing it', () => {
    editor = headlessEditor([StarterKit, MediaEmbed])
    editor.commands.setMediaEmbed({ url: 'https://example.com/a.mp3' })
    editor.commands.setNodeSelection(1)
    editor.commands.setMediaEmbed({ url: 'https://example.com/live/' })
    const kinds = editor
      .getJSON()
      .content?.filter((n) => n.type === 'mediaEmbed')
      .map((n) => n.attrs?.kind)
    expect(kinds).toEqual(['audio', 'livestream'])
  })
  it('describes itself in plain text', () => {
    editor = headlessEditor([StarterKit, MediaEmbed])
    editor.commands.setMediaEmbed({ url: 'https://www.twitch.tv/council' })
    expect(editor.getText()).toContain('[livestream: https://www.twitch.tv/council]')
  })
})
