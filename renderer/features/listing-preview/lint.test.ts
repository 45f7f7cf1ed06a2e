import { describe, expect, it } from 'vitest'
import { markFlags } from './lint'

describe('markFlags', () => {
  it('outlines flagged items and writes the reason as text, never as markup', () => {
    document.body.innerHTML =
      '<ol><li class="nd-item" data-id="a"><h2 class="nd-headline">A</h2></li><li class="nd-item" data-id="b"></li></ol>'
    markFlags(
      document,
      [{ id: 'a', width: 'phone', reasons: ['headline-overflow'], headlineLines: 4, standfirstLines: 0 }],
      () => '<b>headline needs 4 lines</b>',
    )
    const a = document.querySelector('[data-id="a"]')
    expect(a?.classList.contains('nd-flagged')).toBe(true)
    expect(a?.querySelector('.nd-lint')?.textContent).toBe('<b>headline needs 4 lines</b>')
    expect(a?.querySelector('b')).toBeNull()
    expect(document.querySelector('[data-id="b"]')?.classList.contains('nd-flagged')).toBe(false)
  })
})
