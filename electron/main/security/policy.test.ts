import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cspMetaPlugin } from './csp-meta'
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, isAppUrl } from './policy'

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }),
  )
  it('denies by default and allows only our own scripts, with no inline or eval', () => {
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
  })
  it('allows no network, plugins, frames of others, base or form targets', () => {
    expect(directives.get('connect-src')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
  })
  it('is not in the source renderer/index.html, where it would block the dev server (npm run dev)', async () => {
    const html = await readFile(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8')
    expect(html).not.toMatch(/Content-Security-Policy/i)
  })
  it('is written into the built index.html, by a build-only plugin', () => {
    const plugin = cspMetaPlugin()
    expect(plugin.apply).toBe('build')
    expect(plugin.transformIndexHtml.handler('<html></html>')).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ])
  })
})

describe('navigation allow-list', () => {
  it('accepts only our app:// page', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
    expect(isAppUrl('app://newsdesk/assets/x.js')).toBe(true)
    expect(isAppUrl('https://example.org/')).toBe(false)
    expect(isAppUrl('file:///etc/passwd')).toBe(false)
    expect(isAppUrl('app://evil/index.html')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
  })
})
