import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import i18next from 'i18next'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { summaryFixture } from '../../../shared/listing/test-support/summary-fixture'
import { initI18n } from '../../i18n'
import { LibraryPane } from './library-pane'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let host: HTMLDivElement
let root: Root | null = null
beforeAll(async () => {
  await initI18n('en')
})
afterEach(async () => {
  await act(async () => root?.unmount())
  root = null
  host.remove()
  await i18next.changeLanguage('en')
})

async function render(props: Partial<Parameters<typeof LibraryPane>[0]>) {
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  await act(async () =>
    root!.render(
      <LibraryPane articles={[]} selectedId={null} onSelect={() => undefined} onCreate={() => undefined} {...props} />,
    ),
  )
}
const byTestId = (id: string) => host.querySelector(`[data-testid="${id}"]`)

describe('LibraryPane while main still reads a freshly cloned workspace', () => {
  it('says "Reading the workspace… N so far" instead of a count that looks complete', async () => {
    await render({ articles: [summaryFixture({ id: 'a' }), summaryFixture({ id: 'b' })], readingSoFar: 1024 })
    expect(byTestId('library-count')?.textContent).toBe('Reading the workspace… 1024 so far')
    expect(byTestId('library-count')?.getAttribute('role')).toBe('status')
  })

  it('never offers the empty-workspace start while the reading is pending, and does once it is done', async () => {
    await render({ readingSoFar: 0 })
    expect(byTestId('library-empty')).toBeNull()
    expect(byTestId('library-count')?.textContent).toBe('Reading the workspace… 0 so far')
    await act(async () =>
      root!.render(
        <LibraryPane articles={[]} selectedId={null} onSelect={() => undefined} onCreate={() => undefined} />,
      ),
    )
    expect(byTestId('library-empty')).not.toBeNull()
    expect(byTestId('library-count')?.textContent).toBe('0 articles')
  })

  it('speaks Spanish when the UI does', async () => {
    await i18next.changeLanguage('es')
    await render({ readingSoFar: 2000 })
    expect(byTestId('library-count')?.textContent).toBe('Leyendo el espacio de trabajo… 2000 hasta ahora')
  })
})
