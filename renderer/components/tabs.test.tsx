import { act, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { domSuite } from '../test-support/dom'
import { tabIds, Tabs } from './tabs'

const dom = domSuite()

function Harness() {
  const [selected, setSelected] = useState<'all' | 'desktop' | 'phone'>('desktop')
  return (
    <>
      <Tabs
        label="Width"
        idPrefix="w"
        selected={selected}
        onSelect={setSelected}
        items={[
          { key: 'all', label: 'All three' },
          { key: 'desktop', label: 'Desktop' },
          { key: 'phone', label: 'Phone' },
        ]}
      />
      <div role="tabpanel" id={tabIds('w', selected).panel} aria-labelledby={tabIds('w', selected).tab}>
        {selected}
      </div>
    </>
  )
}

const tabs = () => [...dom.host.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
const key = (k: string) =>
  act(() => {
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }))
  })

describe('Tabs', () => {
  it('is one tablist whose selected tab alone is in the tab order, controlling the panel', async () => {
    await dom.render(<Harness />)
    expect(dom.host.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe('Width')
    expect(tabs().map((t) => [t.textContent, t.getAttribute('aria-selected'), t.tabIndex])).toEqual([
      ['All three', 'false', -1],
      ['Desktop', 'true', 0],
      ['Phone', 'false', -1],
    ])
    expect(tabs()[1]?.getAttribute('aria-controls')).toBe('w-panel')
    expect(dom.host.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby')).toBe('w-tab-desktop')
  })

  it('moves and selects with the arrow keys (wrapping), Home and End', async () => {
    await dom.render(<Harness />)
    tabs()[1]!.focus()
    key('ArrowRight')
    expect(document.activeElement?.textContent).toBe('Phone')
    expect(dom.host.querySelector('[role="tabpanel"]')?.textContent).toBe('phone')
    key('ArrowRight')
    expect(document.activeElement?.textContent).toBe('All three')
    key('ArrowLeft')
    expect(document.activeElement?.textContent).toBe('Phone')
    key('Home')
    expect(document.activeElement?.textContent).toBe('All three')
    key('End')
    expect(document.activeElement?.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement?.textContent).toBe('Phone')
    key('a')
    expect(document.activeElement?.textContent).toBe('Phone')
    // From whichever tab has focus.
    tabs()[0]!.focus()
    key('ArrowRight')
    expect(document.activeElement?.textContent).toBe('Desktop')
    expect(document.activeElement?.getAttribute('aria-selected')).toBe('true')
  })
})
