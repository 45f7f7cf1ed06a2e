import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isAllowedUrl, rssFindings } from '../../shared/render/hostile-html'
import { closeParser, htmlFindings as hostileFindings, loadPayloads, parseDocument, runXssCampaign } from './xss'

afterAll(() => closeParser())

describe('the XSS checker itself', () => {
  it('flags what a payload could smuggle in and passes clean output', () => {
    expect(hostileFindings('<p onclick="__xss(1)">x</p>')).toEqual(['onclick handler on <p>'])
    expect(hostileFindings('<a href="javascript:__xss(1)">x</a>')).toHaveLength(1)
    expect(hostileFindings('<img src="https://xss.example/p.png">')).toHaveLength(1)
    expect(hostileFindings('<script>__xss(1)</script>')).toEqual(['<script> element'])
    expect(
      hostileFindings('<p>&lt;script&gt;__xss(1)&lt;/script&gt; <a href="https://example.org/">ok</a></p>'),
    ).toEqual([])
    expect(rssFindings(parseDocument, '<rss><channel><title>a</title><script/></channel></rss>')).toEqual([
      '<script> in RSS',
    ])
    expect(isAllowedUrl('mailto:desk@example.org', 'href')).toBe(true)
    expect(isAllowedUrl(' JaVaScRiPt:x', 'href')).toBe(false)
    expect(isAllowedUrl('assets/abc.png', 'src')).toBe(true)
  })
})

describe('XSS campaign (every payload through import, previews and exports)', () => {
  it('has at least 200 payloads and none survives into an exported HTML page or RSS feed', async () => {
    const payloads = await loadPayloads()
    expect(payloads.length).toBeGreaterThanOrEqual(200)
    const work = await mkdtemp(join(tmpdir(), 'newsdesk-xss-'))
    try {
      const report = await runXssCampaign(payloads, work)
      expect([...new Set(report.findings.map((f) => f.split(':')[0]))].slice(0, 30)).toEqual([])
      expect(report.imported).toBe(payloads.length * 2)
      // Every article page + the listing + the feed were checked.
      expect(report.documentsChecked).toBeGreaterThan(payloads.length)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }, 120_000)
})
