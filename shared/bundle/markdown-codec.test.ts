import fc from 'fast-check'
import { Marked, type MarkedExtension } from 'marked'
import { describe, expect, it } from 'vitest'
import { createMarkdownCodec, GFM_TEXT_WITHOUT_AUTOLINKS } from './markdown-codec'

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
