import { describe, expect, it } from 'vitest'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { summaryFixture } from '../../../shared/listing/test-support/summary-fixture'
import { domSuite } from '../../test-support/dom'
import { ArticlePreview, PICKER_LIMIT } from './article-preview'

const dom = domSuite()

const bridge = {
  preview: { articleHtml: async (id: string) => ({ ok: true, html: `<p>${id}</p>` }) },
  pdf: { print: async () => ({ ok: false, reason: 'cancelled', message: '' }) },
} as unknown as NewsdeskBridge

async function pickerOf(count: number, initialId: string) {
  const articles = Array.from({ length: count }, (_, i) => summaryFixture({ id: `id-${i}`, headline: `H${i}` }))
  const host = await dom.render(<ArticlePreview bridge={bridge} articles={articles} initialId={initialId} />)
  const select = host.querySelector('select') as HTMLSelectElement
  const values = [...select.options].map((o) => o.value)
  const hint = host.querySelector('.preview-toolbar .muted')
  return { values, selected: select.value, hint }
}

describe('the article preview picker', () => {
  it('offers every article of a small library and says nothing more', async () => {
    const { values, hint } = await pickerOf(12, 'id-3')
    expect(values).toHaveLength(12)
    expect(hint).toBeNull()
  })

  it('offers the most recent ones of a large library, always with the article being previewed, and says so', async () => {
    const { values, selected, hint } = await pickerOf(PICKER_LIMIT + 200, 'id-650')
    expect(values).toHaveLength(PICKER_LIMIT + 1)
    expect(values[0]).toBe('id-650')
    expect(values.slice(1)).toEqual(Array.from({ length: PICKER_LIMIT }, (_, i) => `id-${i}`))
    expect(selected).toBe('id-650')
    expect(hint).not.toBeNull()
  })
})
