import { describe, expect, it } from 'vitest'
import { checkLink, createLinkOpener } from './link-policy'

describe('checkLink', () => {
  it.each(['https://example.com/a?b=1', 'http://example.org', 'mailto:desk@example.com'])('allows %s', (url) => {
    expect(checkLink(url)).toEqual({ ok: true, url: new URL(url).href })
  })
  it.each([
    ['javascript:alert(1)', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['vbscript:msgbox', 'vbscript:'],
    ['app://newsdesk/index.html', 'app:'],
    ['smb://server/share', 'smb:'],
  ])('refuses %s naming its scheme', (url, scheme) => {
    const result = checkLink(url)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain(scheme)
  })
  it('refuses text that is not a URL, empty links and embedded credentials', () => {
    expect(checkLink('example.com')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a complete URL'),
    })
    expect(checkLink('   ')).toMatchObject({ ok: false, message: 'the link is empty' })
    expect(checkLink('https://user:pw@example.com')).toMatchObject({ ok: false })
  })
  it('trims and normalises before deciding', () => {
    expect(checkLink('  HTTPS://Example.COM/x ')).toEqual({ ok: true, url: 'https://example.com/x' })
  })
})

describe('createLinkOpener', () => {
  it('opens allowed links and never calls open for refused ones', async () => {
    const opened: string[] = []
    const open = createLinkOpener(async (url) => {
      opened.push(url)
    })
    expect(await open('https://example.com')).toEqual({ ok: true, url: 'https://example.com/' })
    expect(await open('javascript:alert(1)')).toMatchObject({ ok: false, reason: 'refused' })
    expect(opened).toEqual(['https://example.com/'])
  })
  it('reports a failure of the opener', async () => {
    const open = createLinkOpener(async () => {
      throw new Error('no browser')
    })
    expect(await open('https://example.com')).toEqual({
      ok: false,
      reason: 'failed',
      message: 'the link could not be opened: no browser',
    })
  })
})
