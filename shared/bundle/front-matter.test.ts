import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitFrontMatter } from './front-matter'

/** The line-array reading of a file (split the whole text, join the parts back), as the splitter once did it. */
function referenceSplit(text: string): { end: number; raw: string; body: string } | null {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const format = /^---[ \t]*\r?\n/.test(source) ? 'yaml' : /^\+\+\+[ \t]*\r?\n/.test(source) ? 'toml' : 'none'
  if (format === 'none') return { end: 0, raw: '', body: source }
  const fence = format === 'yaml' ? '---' : '+++'
  const lines = source.split('\n')
  for (let i = 1; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').replace(/\r$/, '').trimEnd()
    if (line === fence || (format === 'yaml' && line === '...'))
      return { end: i, raw: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n') }
  }
  return null
}

describe('splitFrontMatter', () => {
  it('cuts raw front matter and body exactly where the line-by-line reading does', () => {
    const line = fc.constantFrom(
      '---',
      '--- ',
      '...',
      '+++',
      '---\r',
      'title: "A"',
      'title = "A"',
      'a: 1',
      '',
      ' ',
      '\r',
      'Body text',
      '# Heading',
    )
    const file = fc.tuple(fc.constantFrom('---', '+++', '---\r', 'x'), fc.array(line, { maxLength: 8 }), fc.boolean())
    fc.assert(
      fc.property(file, ([open, rest, newlineAtEnd]) => {
        const text = [open, ...rest].join('\n') + (newlineAtEnd ? '\n' : '')
        const expected = referenceSplit(text)
        const got = splitFrontMatter(text)
        if (expected === null) {
          expect(got).toMatchObject({ ok: false, line: 1 })
          return
        }
        // Bad YAML / TOML between the fences fails later, on parsing; the cut itself is what is compared here.
        if (!got.ok) return
        expect(got.body).toBe(expected.body)
        expect(got.raw).toBe(expected.raw)
        if (got.format !== 'none') expect(got.bodyLine).toBe(expected.end + 2)
      }),
      { numRuns: 2000 },
    )
  })
})
