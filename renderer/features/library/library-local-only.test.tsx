import { describe, expect, it } from 'vitest'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { summaryFixture } from '../../../shared/listing/test-support/summary-fixture'
import type { ArticleSyncState } from '../../../shared/sync/api-types'
import { domSuite } from '../../test-support/dom'
import { SyncProvider } from '../sync/sync-context'
import { BrowserRow } from './browser-row'
import { LibraryPane } from './library-pane'

const dom = domSuite()
const local: ArticleSyncState = { localOnly: true, changedHere: true, changedThere: false, conflicted: false }

/** The library of `ids` over a sync state where `localIds` were never sent. */
function syncBridge(localIds: string[]): NewsdeskBridge {
  return {
    sync: {
      status: async () => null,
      articleStates: async () => Object.fromEntries(localIds.map((id) => [id, local])),
      claims: async () => [],
    },
    on: () => () => undefined,
  } as unknown as NewsdeskBridge
}

async function render(ids: string[], localIds: string[]) {
  const bridge = syncBridge(localIds)
  await dom.render(
    <SyncProvider bridge={bridge} openId={null} readOnly={false}>
      <LibraryPane
        articles={ids.map((id) => summaryFixture({ id, tags: ['city'] }))}
        selectedId={null}
        onSelect={() => undefined}
        onCreate={() => undefined}
      />
    </SyncProvider>,
  )
}

describe('LibraryPane: "Local only" before the first push', () => {
  it('says it once above the list when every article is local only, and on no row', async () => {
    await render(['a', 'b', 'c'], ['a', 'b', 'c'])
    expect(dom.byTestId('local-only-notice')?.textContent).toBe(
      'Local only None of these articles has been sent to the team yet.',
    )
  })

  it('says nothing above the list when only some are (the rows say which)', async () => {
    await render(['a', 'b', 'c'], ['b'])
    expect(dom.byTestId('local-only-notice')).toBeNull()
  })

  it('says nothing in a workspace with nothing to send', async () => {
    await render(['a'], [])
    expect(dom.byTestId('local-only-notice')).toBeNull()
  })
})

describe('BrowserRow: the sync badge', () => {
  const row = (localOnlyBadge: boolean) => (
    <SyncProvider bridge={syncBridge(['a'])} openId={null} readOnly={false}>
      <BrowserRow
        article={summaryFixture({ id: 'a', tags: ['city'] })}
        index={0}
        start={0}
        selected={false}
        active={false}
        terms={[]}
        showSnippet={false}
        rowDate={(iso) => ({ text: iso, title: iso })}
        height={76}
        localOnlyBadge={localOnlyBadge}
        onPick={() => undefined}
      />
    </SyncProvider>
  )

  it('shows "Local only" on a row, and leaves it out (not "Changed here" instead) when the list says it', async () => {
    await dom.render(row(true))
    expect([...dom.host.querySelectorAll('[data-testid="sync-badge"]')].map((b) => b.textContent)).toEqual([
      'Local only',
    ])
    expect(dom.host.querySelector('.tag')?.textContent).toBe('city')
    await dom.render(row(false))
    expect(dom.host.querySelectorAll('[data-testid="sync-badge"]')).toHaveLength(0)
    expect(dom.host.querySelector('.tag')?.textContent).toBe('city')
  })
})
