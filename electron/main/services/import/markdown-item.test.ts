import { describe, expect, it } from 'vitest'
import { splitFrontMatter } from '../../../../shared/bundle/front-matter'
import { plainMarkdownDefaults } from './markdown-item'

describe('Markdown without front matter', () => {
  it('comes in as a draft headlined by its first heading, taken out of the body', () => {
    const plain = plainMarkdownDefaults('# Frost tonight\n\nRoads will be icy.\n', 'frost')
    expect(plain.data).toEqual({ title: 'Frost tonight', status: 'draft' })
    expect(plain.body).toBe('\nRoads will be icy.\n')
    expect(plain.warning).toContain('draft')
  })

  it('takes the file name when there is no heading', () => {
    const plain = plainMarkdownDefaults('Roads will be icy.\n', 'frost-warning_tonight')
    expect(plain.data).toEqual({ title: 'frost warning tonight', status: 'draft' })
    expect(plain.body).toBe('Roads will be icy.\n')
  })
})

describe('front matter errors in words', () => {
  it('name the line of the file and what to check, without the parser’s own position text', () => {
    const split = splitFrontMatter('---\ntitle: ok\nstandfirst: "no end\nstatus: draft\n---\nBody\n')
    expect(split.ok).toBe(false)
    if (split.ok) return
    expect(split.message).toMatch(/^YAML front matter, line \d+ of the file: /)
    expect(split.message).toContain('Check the quotes, colons and indentation')
    expect(split.message).not.toMatch(/column \d+/)
  })
})
