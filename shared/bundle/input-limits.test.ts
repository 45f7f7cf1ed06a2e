import { describe, expect, it } from 'vitest'
import { impossibleDate, splitFrontMatter, toIsoDate } from './front-matter'
import { docDepth, MARKDOWN_LIMITS, markdownBodyProblem, MAX_DOC_DEPTH, weighsMoreThan } from './input-limits'
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
