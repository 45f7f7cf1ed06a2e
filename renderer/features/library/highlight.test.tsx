import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Highlighted } from './highlight'

describe('Highlighted', () => {
  it('marks accent-free matches in accented text and escapes the rest', () => {
    const html = renderToStaticMarkup(<Highlighted text="<b>La elección</b>" terms={['eleccion']} />)
    expect(html).toBe('&lt;b&gt;La <mark>elección</mark>&lt;/b&gt;')
  })

  it('renders plain text when nothing matches', () => {
    expect(renderToStaticMarkup(<Highlighted text="Riverton" terms={['zzz']} />)).toBe('Riverton')
  })
})
