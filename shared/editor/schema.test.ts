import { describe, expect, it } from 'vitest'
import type { TiptapDoc, TiptapNode } from '../article/schema'
import { createMarkdownCodec, normalizeImages, assetNameOf } from '../bundle/markdown-codec'
import { plainText, renderBodyHtml } from './render'
import { editorMarks, editorNodes, markDefinition, nodeDefinition } from './schema'
import { bodySchema, canonicalBody } from './tiptap'

const codec = createMarkdownCodec()

/** A document holding one node of each definition, where its content rule allows it. */
function docWith(node: TiptapNode): TiptapDoc {
  const def = nodeDefinition(node.type)
  if (def?.role === 'doc') return node as TiptapDoc
  if (def?.role === 'text' || def?.role === 'inline') {
    return {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }, node, { type: 'text', text: 'b' }] }],
    }
  }
  if (node.type === 'listItem') return { type: 'doc', content: [{ type: 'bulletList', content: [node] }] }
  return { type: 'doc', content: [node] }
}

/** Markdown out and back in, as an import reads it (images lifted out of paragraphs to the figure block). */
function throughMarkdown(doc: TiptapDoc): TiptapDoc {
  return normalizeImages(codec.toDoc(codec.toMarkdown(doc)), assetNameOf).doc
}

describe('the one editor schema', () => {
  it('is exactly the schema the TipTap extensions build: node and mark names, attributes, defaults, content', () => {
    const schema = bodySchema()
    expect(Object.keys(schema.nodes).sort()).toEqual(editorNodes.map((n) => n.name).sort())
    expect(Object.keys(schema.marks).sort()).toEqual(editorMarks.map((m) => m.name).sort())
    for (const def of editorNodes) {
      const type = schema.nodes[def.name]!
      const defaults = Object.fromEntries(Object.entries(type.spec.attrs ?? {}).map(([k, v]) => [k, v.default]))
      expect(defaults, def.name).toEqual(Object.fromEntries(Object.entries(def.attrs).map(([k, v]) => [k, v.default])))
      expect(type.spec.content, def.name).toBe(def.content)
      expect(type.spec.group, def.name).toBe(def.group)
    }
    for (const def of editorMarks) {
      const type = schema.marks[def.name]!
      const defaults = Object.fromEntries(Object.entries(type.spec.attrs ?? {}).map(([k, v]) => [k, v.default]))
      expect(defaults, def.name).toEqual(Object.fromEntries(Object.entries(def.attrs).map(([k, v]) => [k, v.default])))
      expect(type.spec.excludes, def.name).toBe(def.excludes)
    }
  })

  it.each(editorNodes.map((n) => [n.name, n] as const))(
    'node %s has a Markdown, HTML and plain-text form',
    (_name, def) => {
      expect(def.markdown.trim()).not.toBe('')
      const doc = docWith(def.example)
      expect(() => canonicalBody(doc)).not.toThrow()
      const html = renderBodyHtml(doc)
      expect(html).not.toContain('<div>') // the unknown-node fallback
      expect(typeof plainText(doc)).toBe('string')
      const markdown = codec.toMarkdown(doc)
      expect(markdown.trim()).not.toBe('')
      expect(canonicalBody(throughMarkdown(doc))).toEqual(canonicalBody(doc))
    },
  )

  it.each(editorMarks.map((m) => [m.name, m] as const))(
    'mark %s has a Markdown, HTML and plain-text form',
    (_name, def) => {
      const doc: TiptapDoc = {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'plain ' },
              { type: 'text', text: 'marked', marks: [def.example] },
            ],
          },
        ],
      }
      expect(renderBodyHtml(doc)).not.toBe('<p>plain marked</p>')
      expect(markDefinition(def.name)?.text('x')).toBe('x')
      expect(plainText(doc)).toBe('plain marked')
      expect(codec.toMarkdown(doc)).not.toBe('plain marked\n')
      expect(canonicalBody(throughMarkdown(doc))).toEqual(canonicalBody(doc))
    },
  )

  it('gives plain text with blocks apart, hard breaks as newlines, captions and media links', () => {
    const doc: TiptapDoc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'One ' },
            { type: 'text', text: 'two', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'three' },
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }],
        },
        { type: 'paragraph' },
        { type: 'image', attrs: { src: `assets/${'b'.repeat(64)}.png`, alt: 'Alt', caption: 'The caption' } },
        { type: 'mediaEmbed', attrs: { url: 'https://media.example.org/a.mp3', kind: 'audio' } },
      ],
    }
    expect(plainText(doc)).toBe(
      'Title\n\nOne two\nthree\n\nitem\n\nThe caption\n\nAudio: https://media.example.org/a.mp3',
    )
  })
})
