import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { summaryFixture } from '../../../shared/listing/test-support/summary-fixture'
import { domSuite } from '../../test-support/dom'
import { LibraryPane } from './library-pane'

const dom = domSuite()

async function render(props: Partial<Parameters<typeof LibraryPane>[0]>) {
  await dom.render(
    <LibraryPane articles={[]} selectedId={null} onSelect={() => undefined} onCreate={() => undefined} {...props} />,
  )
}
const byTestId = (id: string) => dom.byTestId(id)

describe('LibraryPane while main still reads a freshly cloned workspace', () => {
  it('says "Reading the workspace… N so far" instead of a count that looks complete', async () => {
    await render({ articles: [summaryFixture({ id: 'a' }), summaryFixture({ id: 'b' })], readingSoFar: 1024 })
    expect(byTestId('library-count')?.textContent).toBe('Reading the workspace… 1024 so far')
    expect(byTestId('library-count')?.getAttribute('role')).toBe('status')
  })

  it('says how many of how many files when main told how many it is reading', async () => {
    await render({ articles: [summaryFixture({ id: 'a' })], readingSoFar: 3200, readingOf: 50000 })
    expect(byTestId('library-count')?.textContent).toBe('Reading the workspace… 3200 of 50000')
    expect(byTestId('library-count')?.getAttribute('data-reading')).toBe('true')
  })

  it('never offers the empty-workspace start while the reading is pending, and does once it is done', async () => {
    await render({ readingSoFar: 0 })
    expect(byTestId('library-empty')).toBeNull()
    expect(byTestId('library-count')?.textContent).toBe('Reading the workspace… 0 so far')
    await dom.update(
      <LibraryPane articles={[]} selectedId={null} onSelect={() => undefined} onCreate={() => undefined} />,
    )
    expect(byTestId('library-empty')).not.toBeNull()
    expect(byTestId('library-count')?.textContent).toBe('0 articles')
  })

  it('speaks Spanish when the UI does', async () => {
    await i18next.changeLanguage('es')
    await render({ readingSoFar: 2000 })
    expect(byTestId('library-count')?.textContent).toBe('Leyendo el espacio de trabajo… 2000 hasta ahora')
    await dom.update(
      <LibraryPane
        articles={[]}
        selectedId={null}
        onSelect={() => undefined}
        onCreate={() => undefined}
        readingSoFar={2000}
        readingOf={50000}
      />,
    )
    expect(byTestId('library-count')?.textContent).toBe('Leyendo el espacio de trabajo… 2000 de 50000')
  })
})
