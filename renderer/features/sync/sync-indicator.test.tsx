import { act } from 'react'
import i18next from 'i18next'
import { describe, expect, it, vi } from 'vitest'
import type { NewsdeskBridge, NewsdeskEvents } from '../../../shared/ipc/contract'
import type {
  ArticleSyncState,
  ClaimInfo,
  ClaimOutcome,
  ClaimProblemCode,
  SyncSetupResult,
  SyncView,
} from '../../../shared/sync/api-types'
import { formatSyncMessage, SYNC_MESSAGES_EN, syncMessage } from '../../../shared/sync/sync-messages'
import { resourceFor } from '../../i18n'
import { domSuite } from '../../test-support/dom'
import { ArticleClaimLine, RowSyncBadges } from './claim-line'
import { SyncProvider } from './sync-context'
import { SyncIndicator, SyncStatusBar } from './sync-indicator'
import { TeamSyncSettings } from './sync-settings'

const ID = '7c392812-0b37-4ba7-a2ad-974d78d6413c'
const OTHER = '0e3c3b5c-5d1e-4f4e-9a57-3f2e1b0c9d8a'

const view = (over: Partial<SyncView>): SyncView => ({
  state: 'synced',
  toSend: 0,
  toReceive: 0,
  conflicted: 0,
  remote: 'git://127.0.0.1:9418/desk.git',
  message: null,
  detail: null,
  lastSyncAt: null,
  head: null,
  running: false,
  author: { name: 'Ben Ortiz', email: 'ben@example.org' },
  authorSource: 'settings',
  ...over,
})

/** A claim main refused or that failed, as main sends it (code, its English words, git's text). */
const refused = (
  reason: Extract<ClaimOutcome, { ok: false }>['reason'],
  code: ClaimProblemCode,
  detail: string | null = null,
): ClaimOutcome => {
  const problem = syncMessage(code, {})
  return { ok: false, reason, problem, message: formatSyncMessage(problem), detail }
}

const ana: ClaimInfo = {
  articleId: OTHER,
  name: 'Ana Ruiz',
  email: 'ana@example.org',
  since: '2026-12-05T10:32:00.000Z',
  expiresAt: '2026-12-05T10:47:00.000Z',
  mine: false,
  withdrewMine: false,
}

const dom = domSuite()
const render = (node: React.ReactNode) => dom.render(node)
const text = (testId: string) => dom.host.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null
/** The open article's header with its claim line, on `bridge`, with `openId` open (null: none). */
const headerWithClaim = (bridge: NewsdeskBridge, openId: string | null) => (
  <SyncProvider bridge={bridge} openId={openId} readOnly={false}>
    <div data-testid="header">
      <ArticleClaimLine articleId={ID} />
    </div>
  </SyncProvider>
)
const click = (testId: string) =>
  act(async () =>
    dom.host.querySelector(`[data-testid="${testId}"]`)!.dispatchEvent(new MouseEvent('click', { bubbles: true })),
  )

describe('SyncIndicator', () => {
  it.each([
    [view({ state: 'to-send', toSend: 3 }), '3 to send'],
    [view({ state: 'to-receive', toReceive: 1 }), '1 to receive'],
    [view({ state: 'synced' }), 'Synced'],
    [view({ state: 'offline', toSend: 2 }), 'Offline · 2 wait to be sent'],
    [view({ state: 'offline' }), 'Offline'],
    [view({ state: 'auth' }), "Sync refused: check git's credentials"],
    [view({ state: 'error' }), 'Sync failed'],
    [view({ state: 'no-remote', remote: null }), 'Local only: no remote set'],
    [view({ state: 'not-repository', remote: null }), 'Not synced'],
    [view({ state: 'git-missing', remote: null }), 'Sync off: git is not installed'],
    [view({ state: 'to-send', toSend: 3, running: true }), 'Syncing…'],
    [view({ state: 'synced', conflicted: 1 }), 'Synced · 1 conflicted'],
    [view({ state: 'to-receive', toReceive: 2, conflicted: 3 }), '2 to receive · 3 conflicted'],
    [view({ state: 'offline', conflicted: 1 }), 'Offline · 1 conflicted'],
  ])('says the state in words: %#', async (v, words) => {
    await render(<SyncIndicator view={v} busy={false} onSyncNow={() => undefined} />)
    expect(text('sync-state')).toBe(words)
  })

  it('offers Sync now only where a sync can run, and runs it', async () => {
    let asked = 0
    await render(<SyncIndicator view={view({ state: 'to-send', toSend: 1 })} busy={false} onSyncNow={() => asked++} />)
    await click('sync-now')
    expect(asked).toBe(1)
    await render(<SyncIndicator view={view({ state: 'git-missing' })} busy={false} onSyncNow={() => asked++} />)
    expect(dom.host.querySelector('[data-testid="sync-now"]')).toBeNull()
  })

  it('shows the failure and git\'s own message behind "Details"', async () => {
    const failed = view({
      state: 'offline',
      message: 'the remote cannot be reached (fetch); the changes wait here and go out on the next sync',
      detail: 'fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection refused',
    })
    await render(<SyncIndicator view={failed} busy={false} onSyncNow={() => undefined} />)
    expect(dom.host.querySelector('[data-testid="sync-details"]')).toBeNull()
    await click('sync-details-toggle')
    expect(text('sync-details')).toContain('the remote cannot be reached')
    expect(text('sync-git-message')).toContain('errno=Connection refused')
    expect(dom.host.querySelector('[data-testid="sync-details-toggle"]')?.getAttribute('aria-expanded')).toBe('true')
  })

  it("words main's failure code in the UI language and keeps git's own text verbatim", async () => {
    const gitSaid = 'fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection refused'
    const failed = view({
      state: 'offline',
      problem: { code: 'offline', params: { step: 'push' } },
      message: 'words main sent along for the CLI and logs',
      detail: gitSaid,
    })
    await render(<SyncIndicator view={failed} busy={false} onSyncNow={() => undefined} />)
    await click('sync-details-toggle')
    expect(text('sync-message')).toBe(formatSyncMessage({ code: 'offline', params: { step: 'push' } }))
    expect(text('sync-message')).toContain('the remote cannot be reached (push)')
    await i18next.changeLanguage('es')
    await dom.update(<SyncIndicator view={failed} busy={false} onSyncNow={() => undefined} />)
    expect(text('sync-message')).toBe(
      'no se puede llegar al remoto (git push); los cambios esperan aquí y saldrán en la próxima sincronización',
    )
    expect(text('sync-git-message')).toBe(gitSaid)
    await i18next.changeLanguage('en')
  })

  it('has a Spanish text for every sync message code, with the same placeholders as the English table', () => {
    const es = resourceFor('es').syncMessage as Record<string, string>
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
    for (const [code, english] of Object.entries(SYNC_MESSAGES_EN)) {
      expect(es[code], code).toBeTypeOf('string')
      expect(placeholders(es[code] ?? ''), code).toEqual(placeholders(english))
    }
    expect(Object.keys(es).sort()).toEqual(Object.keys(SYNC_MESSAGES_EN).sort())
    // The en locale is the CLI's table itself, not a copy of it.
    expect(resourceFor('en').syncMessage).toBe(SYNC_MESSAGES_EN)
  })

  it('speaks Spanish when the UI does', async () => {
    await i18next.changeLanguage('es')
    await render(
      <SyncIndicator view={view({ state: 'to-send', toSend: 2 })} busy={false} onSyncNow={() => undefined} />,
    )
    expect(text('sync-state')).toBe('2 por enviar')
    expect(text('sync-now')).toBe('Sincronizar')
    await dom.update(<SyncIndicator view={view({ conflicted: 2 })} busy={false} onSyncNow={() => undefined} />)
    expect(text('sync-state')).toBe('Sincronizado · 2 en conflicto')
    // Offline with changes waiting: the same words as "N por enviar", one and many.
    await dom.update(
      <SyncIndicator view={view({ state: 'offline', toSend: 1 })} busy={false} onSyncNow={() => undefined} />,
    )
    expect(text('sync-state')).toBe('Sin conexión · 1 por enviar')
    await dom.update(
      <SyncIndicator
        view={view({ state: 'offline', toSend: 3, conflicted: 1 })}
        busy={false}
        onSyncNow={() => undefined}
      />,
    )
    expect(text('sync-state')).toBe('Sin conexión · 3 por enviar · 1 en conflicto')
  })

  it("says how many articles are conflicted until they are resolved (main's push after the resolution)", async () => {
    const fake = fakeBridge(view({ state: 'synced', conflicted: 1 }), refused('not-synced', 'claim-not-synced'))
    await render(
      <SyncProvider bridge={fake.bridge} openId={null} readOnly={false}>
        <SyncStatusBar />
      </SyncProvider>,
    )
    expect(text('sync-state')).toBe('Synced · 1 conflicted')
    expect(dom.host.querySelector('[data-testid="sync-indicator"]')?.classList.contains('sync-has-conflicts')).toBe(
      true,
    )
    await fake.emit('sync:changed', view({ state: 'to-send', toSend: 1, conflicted: 0 }))
    expect(text('sync-state')).toBe('1 to send')
    expect(dom.host.querySelector('[data-testid="sync-indicator"]')?.classList.contains('sync-has-conflicts')).toBe(
      false,
    )
  })
})

/** A bridge whose sync group answers from the test's values and records what the screens asked. */
function fakeBridge(initial: SyncView, claimAnswer: ClaimOutcome, setupAnswer?: SyncSetupResult) {
  const calls: string[] = []
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  let states: Record<string, ArticleSyncState> = {}
  let claims: ClaimInfo[] = []
  const bridge = {
    sync: {
      status: async () => initial,
      syncNow: async () => {
        calls.push('syncNow')
        return view({ state: 'synced' })
      },
      articleStates: async () => states,
      claims: async () => claims,
      claim: async (id: string) => {
        calls.push(`claim ${id}`)
        return claimAnswer
      },
      release: async (id: string) => void calls.push(`release ${id}`),
      enable: async () => setupAnswer ?? { ok: true, view: initial },
      setRemote: async () => setupAnswer ?? { ok: true, view: initial },
    },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
  } as unknown as NewsdeskBridge
  const emit = <E extends keyof NewsdeskEvents>(event: E, ...args: NewsdeskEvents[E]) =>
    act(async () => listeners.get(event)?.forEach((l) => l(...args)))
  return {
    bridge,
    calls,
    emit,
    setStates: (s: typeof states) => (states = s),
    setClaims: (c: ClaimInfo[]) => (claims = c),
  }
}

describe('SyncProvider with the indicator, row badges and the claim line', () => {
  it('goes from "N to send" to "Synced" on main\'s push, shows badges and others\' claims, claims the open article and gives it back', async () => {
    const mine: ClaimInfo = { ...ana, articleId: ID, name: 'Ben Ortiz', email: 'ben@example.org', mine: true }
    const fake = fakeBridge(view({ state: 'to-send', toSend: 1 }), {
      ok: true,
      claim: mine,
      tookOverFrom: { ...ana, articleId: ID },
      shared: true,
      refused: null,
    })
    fake.setStates({ [ID]: { localOnly: false, changedHere: true, changedThere: false, conflicted: false } })
    fake.setClaims([ana, mine])
    const tree = (openId: string | null) => (
      <SyncProvider bridge={fake.bridge} openId={openId} readOnly={false}>
        <SyncStatusBar />
        <div data-testid="row-open">
          <RowSyncBadges articleId={ID} />
        </div>
        <div data-testid="row-other">
          <RowSyncBadges articleId={OTHER} />
        </div>
        <div data-testid="header-other">
          <ArticleClaimLine articleId={OTHER} />
        </div>
        <div data-testid="header-open">
          <ArticleClaimLine articleId={ID} />
        </div>
      </SyncProvider>
    )
    await render(tree(ID))
    expect(text('sync-state')).toBe('1 to send')
    expect(text('row-open')).toBe('Changed here')
    expect(text('row-other')).toBe('Ana Ruiz is editing')
    const since = new Date(ana.since).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' })
    expect(text('header-other')).toBe(`Ana Ruiz is editing since ${since}`)
    expect(fake.calls).toContain(`claim ${ID}`)
    expect(text('header-open')).toContain('You took this article over from Ana Ruiz')

    fake.setStates({})
    await fake.emit('sync:changed', view({ state: 'synced' }))
    expect(text('sync-state')).toBe('Synced')
    expect(text('row-open')).toBe('')

    await dom.update(tree(null))
    expect(fake.calls).toContain(`release ${ID}`)
    expect(text('header-open')).toBe('')
  })

  it('claims nothing while the workspace has no remote', async () => {
    const fake = fakeBridge(view({ state: 'not-repository', remote: null }), refused('not-synced', 'claim-not-synced'))
    await render(
      <SyncProvider bridge={fake.bridge} openId={ID} readOnly={false}>
        <SyncStatusBar />
      </SyncProvider>,
    )
    expect(text('sync-state')).toBe('Not synced')
    expect(fake.calls).toEqual([])
  })

  it("tells the editor in the article header when a sync withdrew their claim for someone else's earlier one", async () => {
    const fake = fakeBridge(view({ state: 'synced' }), refused('not-synced', 'claim-not-synced'))
    fake.setClaims([{ ...ana, withdrewMine: true }])
    await render(
      <SyncProvider bridge={fake.bridge} openId={null} readOnly={false}>
        <div data-testid="header">
          <ArticleClaimLine articleId={OTHER} />
        </div>
      </SyncProvider>,
    )
    const since = new Date(ana.since).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' })
    expect(text('claim-lost')).toBe(
      `Ana Ruiz is editing this article since ${since}, so your claim on it was withdrawn (their claim came first, or they took it over). Your saved edits are kept; agree with them before editing on.`,
    )
    expect(dom.host.querySelector('[data-testid="claim-lost"]')?.getAttribute('role')).toBe('alert')
    expect(dom.host.querySelector('[data-testid="claim-line"]')).toBeNull()
  })

  it('drops "You took this article over" once the other editor takes it back: only the withdrawal is said', async () => {
    const mine: ClaimInfo = { ...ana, articleId: ID, name: 'Ben Ortiz', email: 'ben@example.org', mine: true }
    const fake = fakeBridge(view({ state: 'synced' }), {
      ok: true,
      claim: mine,
      tookOverFrom: { ...ana, articleId: ID },
      shared: true,
      refused: null,
    })
    fake.setClaims([mine])
    await render(headerWithClaim(fake.bridge, ID))
    expect(text('claim-takeover')).toContain('You took this article over from Ana Ruiz')
    // Ana takes it back; the next sync withdraws Ben's claim.
    fake.setClaims([{ ...ana, articleId: ID, withdrewMine: true }])
    await fake.emit('sync:changed', view({ state: 'synced' }))
    expect(text('claim-lost')).toContain('Ana Ruiz is editing this article since')
    expect(dom.host.querySelector('[data-testid="claim-takeover"]')).toBeNull()
  })

  it('says "desde las 10:32" for a claim of today and "desde el <date>" for one of another day, in Spanish', async () => {
    const today = new Date()
    today.setHours(10, 32, 0, 0)
    const earlier = '2026-01-15T09:05:00.000Z'
    const fake = fakeBridge(view({ state: 'synced' }), refused('not-synced', 'claim-not-synced'))
    fake.setClaims([
      { ...ana, since: today.toISOString() },
      { ...ana, articleId: ID, since: earlier },
    ])
    await i18next.changeLanguage('es')
    try {
      await render(
        <SyncProvider bridge={fake.bridge} openId={null} readOnly={false}>
          <div data-testid="today">
            <ArticleClaimLine articleId={OTHER} />
          </div>
          <div data-testid="earlier">
            <ArticleClaimLine articleId={ID} />
          </div>
        </SyncProvider>,
      )
      expect(text('today')).toBe('Ana Ruiz está editando desde las 10:32')
      const date = new Date(earlier).toLocaleString('es', { dateStyle: 'short', timeStyle: 'short' })
      expect(text('earlier')).toBe(`Ana Ruiz está editando desde el ${date}`)
    } finally {
      await i18next.changeLanguage('en')
    }
  })

  it("says in the UI language why the open article could not be claimed, with git's own text verbatim", async () => {
    const gitSaid = "fatal: unable to access 'https://git.example.org/desk.git/': Could not resolve host"
    const fake = fakeBridge(view({ state: 'synced' }), refused('git', 'claim-failed', gitSaid))
    await act(async () => {
      await i18next.changeLanguage('es')
    })
    await render(headerWithClaim(fake.bridge, ID))
    expect(fake.calls).toContain(`claim ${ID}`)
    expect(text('claim-failed')).toBe(
      `no se pudo avisar a los demás de que estás editando este artículo; git dice por qué en los detalles git dijo: ${gitSaid} Cerrar`,
    )
    await act(async () => {
      await i18next.changeLanguage('en')
    })
    expect(text('claim-failed')).toContain(SYNC_MESSAGES_EN['claim-failed'])
    await click('claim-failed-dismiss')
    expect(dom.host.querySelector('[data-testid="claim-failed"]')).toBeNull()
  })

  it('says the remote refused the claim, what to do, and what git said, in the UI language; editing goes on', async () => {
    const gitSaid =
      'remote: refs under refs/newsdesk/ are not accepted here\nremote: error: hook declined to update refs/newsdesk/claims/x\n[remote rejected] (hook declined)'
    const mine: ClaimInfo = { ...ana, articleId: ID, name: 'Ben Ortiz', email: 'ben@example.org', mine: true }
    const problem = syncMessage('claim-refused', {})
    const fake = fakeBridge(view({ state: 'synced' }), {
      ok: true,
      claim: mine,
      tookOverFrom: null,
      shared: false,
      refused: { problem, message: formatSyncMessage(problem), detail: gitSaid },
    })
    const tree = (openId: string | null) => headerWithClaim(fake.bridge, openId)
    await render(tree(ID))
    expect(fake.calls).toContain(`claim ${ID}`)
    expect(text('claim-failed')).toBe(`${SYNC_MESSAGES_EN['claim-refused']} git said: ${gitSaid} Dismiss`)
    expect(text('claim-failed')).toContain('ask whoever runs it to allow them')
    expect(dom.host.querySelector('[data-testid="claim-failed"] code')?.textContent).toBe(gitSaid)
    await act(async () => {
      await i18next.changeLanguage('es')
    })
    expect(text('claim-failed')).toBe(
      `el remoto rechazó tu reserva, así que no se avisa a los demás de que estás editando este artículo: no acepta refs bajo refs/newsdesk/ (pide a quien lo administra que las permita); la edición y la sincronización funcionan como siempre, y git dice por qué en los detalles git dijo: ${gitSaid} Cerrar`,
    )
    await act(async () => {
      await i18next.changeLanguage('en')
    })
    await dom.update(tree(null))
    expect(dom.host.querySelector('[data-testid="claim-failed"]')).toBeNull()
    expect(fake.calls).toContain(`release ${ID}`)
  })

  it('says nothing about a claim that was shared, or only waits for an unreachable remote', async () => {
    const mine: ClaimInfo = { ...ana, articleId: ID, name: 'Ben Ortiz', email: 'ben@example.org', mine: true }
    const fake = fakeBridge(view({ state: 'offline' }), {
      ok: true,
      claim: mine,
      tookOverFrom: null,
      shared: false,
      refused: null,
    })
    await render(headerWithClaim(fake.bridge, ID))
    expect(fake.calls).toContain(`claim ${ID}`)
    expect(dom.host.querySelector('[data-testid="claim-failed"]')).toBeNull()
  })

  it('tells an editor without a name and email to set them, in Spanish, and forgets it when the article closes', async () => {
    const fake = fakeBridge(view({ state: 'synced' }), refused('no-identity', 'claim-no-identity'))
    await act(async () => {
      await i18next.changeLanguage('es')
    })
    const tree = (openId: string | null) => headerWithClaim(fake.bridge, openId)
    await render(tree(ID))
    expect(text('claim-failed')).toBe(
      'indica tu nombre y correo en Ajustes para que los demás vean quién está editando Cerrar',
    )
    await dom.update(tree(null))
    expect(dom.host.querySelector('[data-testid="claim-failed"]')).toBeNull()
  })
})

describe('TeamSyncSettings', () => {
  it("words a refused setup in the UI language and shows git's text beside it verbatim", async () => {
    const gitSaid = 'error: could not lock config file .git/config: Permission denied'
    const problem = syncMessage('setup-failed', {})
    const fake = fakeBridge(
      view({ state: 'not-repository', remote: null }),
      refused('not-synced', 'claim-not-synced'),
      {
        ok: false,
        reason: 'git',
        problem,
        message: formatSyncMessage(problem),
        detail: gitSaid,
      },
    )
    await act(async () => {
      await i18next.changeLanguage('es')
    })
    await render(
      <SyncProvider bridge={fake.bridge} openId={null} readOnly={false}>
        <TeamSyncSettings />
      </SyncProvider>,
    )
    await click('enable-sync')
    expect(text('sync-setup-message')).toBe(
      'git no pudo configurar aquí la sincronización en equipo; git dice por qué en los detalles',
    )
    expect(dom.host.querySelector('[data-testid="sync-setup-problem"] code')?.textContent).toBe(gitSaid)
    expect(dom.host.querySelector('[data-testid="sync-setup-problem"]')?.getAttribute('role')).toBe('alert')
  })

  it('words a remote the contract refuses in the UI language, from its code, without asking main', async () => {
    const fake = fakeBridge(view({ state: 'no-remote', remote: null }), refused('not-synced', 'claim-not-synced'))
    const setRemote = vi.spyOn(fake.bridge.sync, 'setRemote')
    await act(async () => {
      await i18next.changeLanguage('es')
    })
    await render(
      <SyncProvider bridge={fake.bridge} openId={null} readOnly={false}>
        <TeamSyncSettings />
      </SyncProvider>,
    )
    const submit = async (url: string) => {
      const input = dom.host.querySelector<HTMLInputElement>('[data-testid="sync-remote"]')!
      await act(async () => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, url)
        input.dispatchEvent(new Event('input', { bubbles: true }))
      })
      await act(async () => {
        dom.host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
      })
      return text('sync-setup-message')
    }
    expect(await submit('ext::sh -c touch% /tmp/pwned')).toBe(
      'indica el remoto como URL (https://, ssh://, git://, file://), como usuario@servidor:ruta o como ruta absoluta de una carpeta',
    )
    expect(await submit('--upload-pack=touch /tmp/pwned')).toBe('la dirección del remoto no debe empezar por "-"')
    expect(await submit(`https://example.org/${'a'.repeat(2000)}`)).toBe(
      'la dirección del remoto es demasiado larga (como mucho 2000 caracteres)',
    )
    expect(dom.host.querySelector('[data-testid="sync-setup-problem"] code')).toBeNull()
    expect(setRemote).not.toHaveBeenCalled()
    // An address the contract accepts goes to main, and the problem shown before goes away.
    expect(await submit('git@example.org:desk.git')).toBeNull()
    expect(setRemote).toHaveBeenCalledWith('git@example.org:desk.git')
  })

  it('words a setup refused on a read-only workspace in English from the shared table', async () => {
    const problem = syncMessage('setup-read-only', {})
    const fake = fakeBridge(view({ state: 'no-remote', remote: null }), refused('not-synced', 'claim-not-synced'), {
      ok: false,
      reason: 'read-only',
      problem,
      message: formatSyncMessage(problem),
      detail: null,
    })
    await render(
      <SyncProvider bridge={fake.bridge} openId={null} readOnly={false}>
        <TeamSyncSettings />
      </SyncProvider>,
    )
    await act(async () => {
      dom.host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    })
    expect(text('sync-setup-message')).toBe(SYNC_MESSAGES_EN['setup-read-only'])
    expect(dom.host.querySelector('[data-testid="sync-setup-problem"] code')).toBeNull()
  })
})
