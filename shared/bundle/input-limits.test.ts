import { describe, expect, it } from 'vitest'
import { impossibleDate, splitFrontMatter, toIsoDate } from './front-matter'
import {
  docDepth,
  lineNesting,
  MARKDOWN_LIMITS,
  markdownBodyProblem,
  MAX_DOC_DEPTH,
  type OpenContainer,
  weighsMoreThan,
} from './input-limits'
import { createMarkdownCodec } from './markdown-codec'
import { MAX_JSON_DEPTH } from './deterministic-json'
import { feedText, rfc822, rssDate } from './rss'

describe('input limits', () => {
  it('derives the block depth from the JSON depth every export obeys', () => {
    expect(MAX_DOC_DEPTH).toBe(Math.floor((MAX_JSON_DEPTH - 12) / 2))
  })

  it('checks the raw body linearly, skipping fenced code, naming the line', () => {
    expect(markdownBodyProblem('Plain *text* and _more_.\n\n- a\n  - b\n', 5)).toBeNull()
    const fenced = `\`\`\`\n${'> '.repeat(200)}\n${'*'.repeat(5000)}\n\`\`\`\nafter\n`
    expect(markdownBodyProblem(fenced, 1)).toBeNull()
    expect(markdownBodyProblem(`ok\n\n${'> '.repeat(100)}x\n`, 10)).toMatchObject({ line: 12 })
    expect(markdownBodyProblem(`${'- '.repeat(100)}x\n`, 1)?.message).toMatch(/deeper than the limit/)
    const stars = `intro\n\n${'*a'.repeat(MARKDOWN_LIMITS.maxDelimitersPerParagraph + 1)}\n`
    expect(markdownBodyProblem(stars, 4)).toMatchObject({ line: 6 })
    const started = Date.now()
    markdownBodyProblem('**a'.repeat(200_000), 1)
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('guards nesting depth, not indentation: deep indents without containers pass', () => {
    const limit = MARKDOWN_LIMITS.maxRawNesting
    // A poem indented far past 100 columns, and an indented code block deep inside a list item.
    const poem = Array.from({ length: 40 }, (_, i) => `${' '.repeat(6 * i)}and the line falls ${i}`).join('\n')
    expect(markdownBodyProblem(`${poem}\n`, 1)).toBeNull()
    const code = `- item\n\n  ${Array.from({ length: 30 }, (_, i) => `${' '.repeat(4 + 8 * i)}call(${i}) {`).join('\n  ')}\n`
    expect(markdownBodyProblem(code, 1)).toBeNull()
    const tabs = `${'\t'.repeat(60)}tabbed verse\n`
    expect(markdownBodyProblem(tabs, 1)).toBeNull()
    // Real lists: a long flat list and a reasonable nesting, with lazy and dedented lines in between.
    const flat = Array.from({ length: 300 }, (_, i) => `${i + 1}. point ${i}`).join('\n')
    expect(markdownBodyProblem(`${flat}\n`, 1)).toBeNull()
    const nested = Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- level ${i}\nlazy text`).join('\n')
    expect(markdownBodyProblem(`${nested}\n\nAfter.\n\n- again\n`, 1)).toBeNull()
    // Markers on a line are counted as they stand: a thematic break or a dash inside text is no list.
    expect(lineNesting('* * *', [])).toMatchObject({ nesting: 3 })
    expect(lineNesting('a - b - c', []).nesting).toBe(0)
    expect(lineNesting('-not a marker', []).nesting).toBe(0)
    expect(limit).toBe(MAX_DOC_DEPTH * 2)
  })

  it('refuses the nesting attacks, whatever the indentation step, naming the line', () => {
    const limit = MARKDOWN_LIMITS.maxRawNesting
    const staircase = (step: number, marker: string, between = '') =>
      Array.from({ length: 1000 }, (_, i) => `${' '.repeat(step * i)}${marker} x${between}`).join('\n')
    for (const body of [
      staircase(2, '-'),
      staircase(1, '-'),
      staircase(3, '1.'),
      staircase(2, '*', '\nlazy continuation at column 0'),
      staircase(2, '+', '\n'),
      Array.from({ length: 1000 }, (_, i) => `${'\t'.repeat(i)}- x`).join('\n'),
      Array.from({ length: 1000 }, (_, i) => `${' '.repeat(4 * i)}- > x`).join('\n'),
    ]) {
      const problem = markdownBodyProblem(`intro\n\n${body}\n`, 5)
      expect(problem?.message).toBe(`quotes and lists nested deeper than the limit of ${limit} levels`)
      expect(problem?.line).toBeGreaterThan(7)
      expect(problem?.line).toBeLessThan(7 + 2 * limit + 2)
    }
    expect(markdownBodyProblem(`${'> '.repeat(limit + 1)}x\n`, 1)).toMatchObject({ line: 1 })
    expect(markdownBodyProblem(`${'> '.repeat(limit)}x\n`, 1)).toBeNull()
  })

  it('counts at least as deep as the parser nests (staircases and random mixes of markers and indents)', () => {
    const codec = createMarkdownCodec()
    const countOf = (lines: string[]) => {
      const open: OpenContainer[] = []
      return Math.max(0, ...lines.map((line) => lineNesting(line, open).nesting))
    }
    // Two document nodes per container at most (a list and its item; a quote is one), then the paragraph; the
    // parser reads tabs and some indents a little differently, so one container of slack (a constant: what
    // matters is that the count grows with the parser's depth, so a deep file never reaches the parser).
    const check = (lines: string[]) => {
      const parsed = docDepth(codec.parse(`${lines.join('\n')}\n`).doc)
      const bound = (countOf(lines) + 1) * 2 + 1
      expect({ lines, bound }).toEqual({ lines, bound: Math.max(bound, parsed) })
    }
    for (const step of [1, 2, 3, 4, 5])
      for (const marker of ['-', '1.', '> -', '>', '- >', '* 1.'])
        check(Array.from({ length: 20 }, (_, i) => `${' '.repeat(step * i)}${marker} x${i}`))
    // Seeded, so a failure repeats: random prefixes, each line mostly continuing the one before (so nesting grows).
    let seed = 21
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const pieces = ['- ', '* ', '1. ', '2) ', '> ', '>', '  ', ' ', '\t', '']
    for (let doc = 0; doc < 400; doc++) {
      let previous = ''
      const lines = Array.from({ length: 2 + Math.floor(random() * 30) }, (_, i) => {
        const r = random()
        let prefix = r < 0.6 ? previous.replace(/[-*>0-9.)]/g, ' ') : r < 0.8 ? previous : ''
        for (let k = Math.floor(random() * 3); k > 0; k--) prefix += pieces[Math.floor(random() * pieces.length)]
        previous = prefix
        return random() < 0.1 ? '' : `${prefix}w${i}`
      })
      check(lines)
    }
  })

  it('measures document depth and expanded weight, stopping at the limit', () => {
    const para = { type: 'paragraph', content: [{ type: 'text', text: 'x' }] }
    expect(docDepth({ type: 'doc', content: [para] })).toBe(1)
    expect(docDepth({ type: 'doc', content: [{ type: 'blockquote', content: [para] }] })).toBe(2)
    const big = 'x'.repeat(1000)
    const shared = [big, big]
    expect(weighsMoreThan({ a: shared, b: shared }, 3000)).toBe(true)
    expect(weighsMoreThan({ a: 'short' }, 3000)).toBe(false)
  })

  it('refuses impossible and out-of-range dates in words, never rolling them over', () => {
    expect(impossibleDate('2024-02-30')).toBe('"2024-02-30" is not a real date: February 2024 has 29 days')
    expect(impossibleDate('2023-02-29')).toBe('"2023-02-29" is not a real date: February 2023 has 28 days')
    expect(impossibleDate('2024-02-29')).toBeNull()
    expect(impossibleDate('2026-13-01')).toContain('no month 13')
    expect(impossibleDate('0000-01-01')).toContain('outside the years 1900–9999')
    expect(toIsoDate('2024-02-30')).toBeNull()
    expect(toIsoDate('2024-02-29 10:00:00 +0100')).toBe('2024-02-29T09:00:00.000Z')
  })

  it('refuses !!set and alias expansion in front matter with the line', () => {
    expect(splitFrontMatter('---\ntitle: x\ntags: !!set\n  ? a\n---\nbody')).toMatchObject({ ok: false, line: 3 })
    const bomb = `---\nbig: &b "${'y'.repeat(40_000)}"\nl: [*b, *b, *b, *b, *b, *b, *b, *b]\n---\n`
    expect(splitFrontMatter(bomb)).toMatchObject({ ok: false, line: 3 })
  })

  it('feeds: titles without markup, dates clamped into what RFC 822 can say', () => {
    expect(feedText('Breaking <script>alert(1)</script><b>news</b>')).toBe('Breaking alert(1)news')
    expect(rssDate('0000-01-01T00:00:00.000Z')).toBe('1900-01-01T00:00:00.000Z')
    expect(rfc822('0001-01-01T00:00:00.000Z')).toBe('Mon, 01 Jan 1900 00:00:00 +0000')
  })
})
