import fc from 'fast-check'
import { Marked, type MarkedExtension } from 'marked'
import { describe, expect, it } from 'vitest'
import { createMarkdownCodec, emphasisMask, GFM_TEXT_WITHOUT_AUTOLINKS, ParseOverBudget } from './markdown-codec'

/** GFM as the codec configures it: autolink literals off. */
function gfmWithoutAutolinks(): Marked {
  return new Marked({ gfm: true }).use({ tokenizer: { url: () => undefined } } as MarkedExtension)
}

describe('the inline text rule without autolink stops', () => {
  const fast = gfmWithoutAutolinks().use({
    tokenizer: {
      inlineText(this: { lexer: { state: { inRawBlock: boolean } } }, src: string) {
        const cap = GFM_TEXT_WITHOUT_AUTOLINKS.exec(src)
        return cap ? { type: 'text', raw: cap[0], text: cap[0], escaped: this.lexer.state.inRawBlock } : undefined
      },
    },
  } as MarkedExtension)
  const reference = gfmWithoutAutolinks()

  it('gives the same tokens as GFM text on text full of URLs, emails and delimiters', () => {
    const piece = fc.constantFrom(
      'http://example.com/a_b',
      'https://x.org',
      'www.example.com',
      'ftp://f.net',
      'name@example.com',
      'a.b+c@d-e.org',
      '*em*',
      '**strong**',
      '_u_',
      '__uu__',
      '~~del~~',
      '~x~',
      '`code`',
      '``c`d``',
      '[link](http://a.b)',
      '![img](assets/x.png)',
      '<b>',
      '\\*',
      '&amp;',
      '  \n',
      '\n',
      ' ',
      'word',
      'snake_case_word',
      'x@',
      '@y',
      '.',
      '!',
      '(',
      ')',
      'Ünïcode',
      '—',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const src = pieces.join('')
        expect(fast.lexer(src)).toEqual(reference.lexer(src))
      }),
      { numRuns: 3000 },
    )
  })

  it('is what the codec uses, and the codec still keeps bare URLs as text', () => {
    const codec = createMarkdownCodec()
    const doc = codec.toDoc('See https://example.com/a_b or mail a.b@example.com, *now*.\n')
    expect(JSON.stringify(doc)).not.toContain('"link"')
    expect(codec.toMarkdown(doc)).toBe('See https://example.com/a\\_b or mail a.b@example.com, *now*.\n')
  })
})

describe('adjacent lists', () => {
  const codec = createMarkdownCodec()
  const text = (t: string) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })
  const item = (t: string, ...more: object[]) => ({ type: 'listItem', content: [text(t), ...more] })
  const ordered = (...items: object[]) => ({ type: 'orderedList', attrs: { start: 1 }, content: items })
  const bullets = (...items: object[]) => ({ type: 'bulletList', content: items })
  const kinds = (doc: { content?: { type: string }[] }) => (doc.content ?? []).map((n) => n.type)

  it('stay apart through Markdown: the second of two uses the other delimiter, as CommonMark prescribes', () => {
    const doc = {
      type: 'doc',
      content: [
        ordered(item('a'), item('b')),
        ordered(item('c')),
        ordered(item('d')),
        bullets(item('e', ordered(item('f')), ordered(item('g')))),
        bullets(item('h')),
        text('p'),
        ordered(item('i')),
      ],
    }
    const markdown = codec.toMarkdown(doc as never)
    expect(markdown).toBe('1. a\n2. b\n\n1) c\n\n1. d\n\n- e\n  1. f\n\n  1) g\n\n* h\n\np\n\n1. i\n')
    const back = codec.toDoc(markdown)
    expect(kinds(back)).toEqual(kinds(doc))
    const nested = (back.content?.[3] as { content: { content: { type: string }[] }[] }).content[0]!.content
    expect(nested.map((n) => n.type)).toEqual(['paragraph', 'orderedList', 'orderedList'])
    expect(codec.toMarkdown(back)).toBe(markdown)
  })

  it('reads a change of delimiter as a new list, and one delimiter as one list', () => {
    expect(kinds(codec.toDoc('1. a\n2. b\n\n1) c\n'))).toEqual(['orderedList', 'orderedList'])
    expect(kinds(codec.toDoc('1) a\n\n1. b\n\n1) c\n'))).toEqual(['orderedList', 'orderedList', 'orderedList'])
    expect(kinds(codec.toDoc('- a\n\n* b\n'))).toEqual(['bulletList', 'bulletList'])
    expect(kinds(codec.toDoc('1. a\n\n1. b\n'))).toEqual(['orderedList'])
    // A nested list with the other delimiter stays inside its item.
    const nested = codec.toDoc('1. a\n   1) b\n2. c\n')
    expect(kinds(nested)).toEqual(['orderedList'])
    expect((nested.content?.[0] as { content: unknown[] }).content).toHaveLength(2)
  })
})

describe('inline code next to emphasis (issue #16)', () => {
  const codec = createMarkdownCodec()
  type Run = { text: string; marks?: { type: string }[] }
  const code = (text: string): Run => ({ text, marks: [{ type: 'code' }] })
  const em = (text: string): Run => ({ text, marks: [{ type: 'italic' }] })
  const strong = (text: string): Run => ({ text, marks: [{ type: 'bold' }] })
  const strike = (text: string): Run => ({ text, marks: [{ type: 'strike' }] })
  const paragraph = (...runs: Run[]) => ({
    type: 'doc',
    content: [{ type: 'paragraph', content: runs.map((r) => ({ type: 'text', ...r })) }],
  })

  it.each([
    ['code ending with a backslash, then emphasis', [code('a\\'), { text: ' ' }, em('b'), { text: ' c' }]],
    ['code of a lone backslash between emphases', [em('x'), { text: ' ' }, code('\\'), { text: ' ' }, em('y')]],
    ['a backslash before an emoji in code, after emphasis', [em('ORç'), { text: ' ' }, code('\\👩🏽‍💻N o')]],
    [
      'a backslash before an emoji in code, before strong',
      [code('B0\\🎙️ D'), { text: ' ' }, strong('s'), { text: '.' }],
    ],
    [
      'code holding a backtick between strong runs',
      [strong('a'), { text: ' ' }, code('x`y'), { text: ' ' }, strong('b')],
    ],
    [
      'code holding two backticks, then emphasis',
      [code('新!4`` |'), { text: ' ' }, em('0&RS4'), { text: ' ' }, code('z')],
    ],
    [
      'code opening with backticks, then strikethrough',
      [code('``x'), { text: ' ' }, strike('gone'), { text: ' ' }, code('`')],
    ],
    ['an escaped emoji-adjacent backslash in text, then emphasis', [{ text: 'a\\🎙️ ' }, em('b'), { text: ' c' }]],
  ] as const)('reads back %s', (_name, runs) => {
    const doc = paragraph(...(runs as readonly Run[]))
    const markdown = codec.toMarkdown(doc as never)
    expect(codec.toDoc(markdown)).toEqual(doc)
  })

  const blockSkip = new Marked({ gfm: true }).Lexer.rules.inline.gfm.blockSkip

  /** The mask marked itself computes for a source (its emStrongMask hook is handed it). */
  function markedMask(src: string): string {
    let seen = ''
    new Marked({ gfm: true, hooks: { emStrongMask: (masked: string) => (seen ||= masked) } } as MarkedExtension).lexer(
      src,
    )
    return seen
  }

  it('masks to the same length as the source, and as marked does where marked is right (no code, no escape)', () => {
    const piece = fc.constantFrom(
      '*',
      '**',
      '_',
      '~~',
      '`',
      '``',
      '\\',
      '\\*',
      '\\🎙️',
      'a b',
      '[l](u)',
      '<b>',
      'é',
      '👩🏽‍💻',
    )
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const src = `x${pieces.join('')}`
        const mask = emphasisMask(src, blockSkip)
        expect(mask).toHaveLength(src.length)
        if (!/[`\\]/.test(src)) expect(mask).toBe(markedMask(src))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('the time budget of one parse', () => {
  /** A clock that moves one tick each time it is read, so the test counts the parser's checks, not time. */
  const ticking = () => {
    let ticks = 0
    return { clock: () => ticks++, read: () => ticks }
  }

  it('is checked inside the block loop: a long document is stopped part-way, about where the parser was', () => {
    const codec = createMarkdownCodec()
    const body = Array.from({ length: 400 }, (_, i) => `Paragraph number ${i}.`).join('\n\n')
    const { clock, read } = ticking()
    let stopped: unknown = null
    try {
      codec.parse(body, { deadline: 100, clock })
    } catch (error) {
      stopped = error
    }
    expect(stopped).toBeInstanceOf(ParseOverBudget)
    const offset = (stopped as ParseOverBudget).offset as number
    // Stopped after about 100 checks, so well inside the document, not at its end.
    expect(read()).toBe(101)
    expect(offset).toBeGreaterThan(0)
    expect(offset).toBeLessThan(body.length / 2)
    // The codec is usable again, without a budget and with one that is not spent.
    expect(codec.parse(body).doc.content).toHaveLength(400)
    expect(codec.parse('Short *text*.', { deadline: Number.MAX_SAFE_INTEGER }).doc.content).toHaveLength(1)
  })

  it('is checked inside the inline loop: one paragraph of delimiter runs is stopped mid-paragraph', () => {
    const codec = createMarkdownCodec()
    const { clock, read } = ticking()
    const paragraph = `intro\n\n${'**a _b '.repeat(300)}\n`
    expect(() => codec.parse(paragraph, { deadline: 200, clock })).toThrow(ParseOverBudget)
    expect(read()).toBe(201)
    expect(codec.parse(paragraph).doc.content).toHaveLength(2)
  })
})
