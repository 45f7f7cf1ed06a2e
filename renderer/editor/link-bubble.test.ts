import { describe, expect, it } from 'vitest'
import { normalizeHref } from './link-bubble'

describe('normalizeHref', () => {
  it('keeps full http(s) and mailto links', () => {
    expect(normalizeHref(' https://example.com/a ')).toBe('https://example.com/a')
    expect(normalizeHref('mailto:desk@example.com')).toBe('mailto:desk@example.com')
  })
  it('completes bare hosts and e-mail addresses', () => {
    expect(normalizeHref('example.com/report?id=3')).toBe('https://example.com/report?id=3')
    expect(normalizeHref('desk@example.com')).toBe('mailto:desk@example.com')
  })
  it('refuses other schemes and junk', () => {
    expect(normalizeHref('javascript:alert(1)')).toBeNull()
    expect(normalizeHref('file:///etc/passwd')).toBeNull()
    expect(normalizeHref('not a link')).toBeNull()
    expect(normalizeHref('')).toBeNull()
  })
})
