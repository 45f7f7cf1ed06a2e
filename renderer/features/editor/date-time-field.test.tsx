import { act, useState } from 'react'
import { describe, expect, it } from 'vitest'
import i18next from 'i18next'
import { domSuite } from '../../test-support/dom'
import { DateTimeField } from './form-parts'

// An editor in Madrid with the UI in Spanish: the publish time is typed and shown on Madrid's clock, the Spanish
// way, whatever the machine's locale and zone. Madrid moves its clocks forward at 02:00 on 29 March 2026.
const dom = domSuite({ language: 'es' })

/** The field as the editor holds it: the value it sends comes back as its value. */
function Holder({ initial, sent }: { initial: string | null; sent: (string | null)[] }) {
  const [value, setValue] = useState(initial)
  return (
    <DateTimeField
      label="Publicación"
      value={value}
      timeZone="Europe/Madrid"
      testId="when"
      onChange={(v) => {
        sent.push(v)
        setValue(v)
      }}
    />
  )
}

const render = (value: string | null, sent: (string | null)[]) =>
  dom.render(<Holder initial={value} sent={sent} />)
const input = () => dom.byTestId('when') as HTMLInputElement
const note = () => dom.byTestId('when-note')?.textContent ?? ''
/** Types a whole value as React sees it (the value setter of the element's prototype, then an input event). */
function type(text: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input(), text)
    input().dispatchEvent(new Event('input', { bubbles: true }))
  })
}

describe('DateTimeField', () => {
  it('shows the stored instant on the publication clock, the UI language’s way', async () => {
    await render('2026-03-29T07:00:00.000Z', [])
    expect(input().value).toBe('29/03/2026, 09:00')
    expect(input().placeholder).toBe('dd/mm/aaaa, hh:mm')
    expect(note()).toMatch(/29 de marzo de 2026.*9:00.*\(hora de Europe\/Madrid\)/)
  })

  it('reads what is typed as Madrid time on either side of the clock change', async () => {
    const sent: (string | null)[] = []
    await render(null, sent)
    type('28/03/2026 09:00')
    type('29/03/2026 09:00')
    expect(sent).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z'])
  })

  it('says when the typed time is skipped by the clock change, and where it lands', async () => {
    const sent: (string | null)[] = []
    await render(null, sent)
    type('29/03/2026 02:30')
    expect(sent).toEqual(['2026-03-29T01:30:00.000Z'])
    expect(note()).toMatch(/se adelantan los relojes en Europe\/Madrid.*3:30/)
    // Leaving the field shows the time it became.
    act(() => input().dispatchEvent(new FocusEvent('focusout', { bubbles: true })))
    expect(input().value).toBe('29/03/2026, 03:30')
  })

  it('marks a value it cannot read, keeps it in the field and sends nothing', async () => {
    const sent: (string | null)[] = []
    await render('2026-03-29T07:00:00.000Z', sent)
    type('31/02/2026 09:00')
    expect(sent).toEqual([])
    expect(input().getAttribute('aria-invalid')).toBe('true')
    expect(input().value).toBe('31/02/2026 09:00')
    expect(note()).toContain('Esa fecha no existe')
    type('')
    expect(sent).toEqual([null])
  })

  it('follows the UI language: English shows month first with AM/PM', async () => {
    await act(() => i18next.changeLanguage('en'))
    await render('2026-03-29T07:00:00.000Z', [])
    expect(input().value).toBe('03/29/2026, 09:00 AM')
    expect(input().placeholder).toBe('mm/dd/yyyy, hh:mm AM')
  })
})
