import i18next from 'i18next'
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FieldConflict } from '../../../shared/article/schema'
import type { NewsdeskBridge, ResolveConflictsResult } from '../../../shared/ipc/contract'
import { resolveConflicts, type ConflictChoice } from '../../../shared/sync/resolve-conflicts'
import { conflictedArticle } from '../../../shared/sync/test-support/conflicted-article'
import { DEFAULT_UI_SETTINGS } from '../../../shared/settings/ui-settings'
import { initI18n } from '../../i18n'
import { UiSettingsProvider } from '../settings/ui-settings-context'
import { ConflictDrafts } from './conflict-drafts'
import { ConflictView } from './conflict-view'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const HASH = 'c'.repeat(64)
let root: Root | null = null
let host: HTMLElement
afterEach(() => {
  act(() => root?.unmount())
  root = null
  host?.remove()
})
beforeAll(async () => {
  await initI18n('en')
})

const BEN = 'Ben Ortiz <ben@example.org>'
const ANA = 'Ana Ruiz <ana@example.org>'

/**
 * Renders the view over a bridge that answers with the merged article and settles choices with the shared rules.
 * `sides` stamps who wrote each side on every record; `me` is the editor named in Settings.
 */
async function renderView(
  extra: FieldConflict[] = [],
  answer?: ResolveConflictsResult,
  { sides, me }: { sides?: Pick<FieldConflict, 'oursBy' | 'theirsBy'>; me?: { name: string; email: string } } = {},
) {
  const { merged } = conflictedArticle()
  const records = [...(merged.conflicts ?? []), ...extra].map((c) => ({ ...c, ...sides }))
  const article = { ...merged, conflicts: records }
  const sent: { id: string; hash: string; choices: ConflictChoice[] }[] = []
  const resolved: ResolveConflictsResult[] = []
  const bridge = {
    articles: {
      load: async () => ({ ok: true, article, hash: HASH }),
      resolveConflicts: async (id: string, hash: string, choices: ConflictChoice[]) => {
        sent.push({ id, hash, choices })
        if (answer) return answer
        const out = resolveConflicts(article, choices)
        return out.ok
          ? { ok: true, article: out.article, hash: 'd'.repeat(64), savedAt: article.updatedAt, trashed: out.deleted }
          : { ok: false, reason: 'invalid', message: out.message }
      },
    },
    settings: {
      get: async () => ({ ...DEFAULT_UI_SETTINGS, editorName: me?.name ?? '', editorEmail: me?.email ?? '' }),
    },
  } as unknown as NewsdeskBridge
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  await act(async () =>
    root!.render(
      <UiSettingsProvider bridge={bridge}>
        <ConflictView
          bridge={bridge}
          articleId={article.id}
          onResolved={(r) => resolved.push(r)}
          drafts={new ConflictDrafts()}
        />
      </UiSettingsProvider>,
    ),
  )
  return { article, sent, resolved }
}

const item = (field: string) =>
  host.querySelector(`[data-testid="conflict-item"][data-field="${field}"]`) as HTMLElement
const radio = (field: string, choice: string) =>
  item(field).querySelector(`input[type="radio"][value="${choice}"]`) as HTMLInputElement
const click = (el: Element) => act(async () => (el as HTMLElement).click())
const saveButton = () => host.querySelector('[data-testid="conflict-save"]') as HTMLButtonElement
const headings = (field: string) => [...item(field).querySelectorAll('h4')].map((h) => h.textContent)
const choiceLabels = (field: string) => [...item(field).querySelectorAll('label')].map((l) => l.textContent)

describe('ConflictView', () => {
  it('shows each conflicting field with the original, mine and theirs side by side', async () => {
    await renderView()
    const items = [...host.querySelectorAll('[data-testid="conflict-item"]')]
    expect(items.map((i) => i.getAttribute('data-field')).sort()).toEqual(['body.block:b2', 'headline'])
    const sides = (field: string) => [...item(field).querySelectorAll('[role="group"]')].map((g) => g.textContent)
    expect(sides('headline')).toEqual([
      'OriginalCouncil approves the river bridge',
      'Mine (this computer)Council backs the river bridge',
      'Theirs (other computer)Council rejects the river bridge',
    ])
    // A body block is drawn as its kind over its text.
    expect(sides('body.block:b2')[2]).toBe('Theirs (other computer)ParagraphWork will not start before the autumn.')
    // Every group and choice is labelled for assistive technology.
    const groups = [...item('headline').querySelectorAll('[role="group"]')].map((g) => g.getAttribute('aria-label'))
    expect(groups).toEqual([
      'Original: Headline',
      'Mine (this computer): Headline',
      'Theirs (other computer): Headline',
    ])
    expect(item('headline').querySelector('legend')?.textContent).toBe('Keep: Headline')
    expect([...item('headline').querySelectorAll('label')].map((l) => l.textContent)).toEqual([
      'Keep mine',
      'Keep theirs',
      'Keep both (both texts, one after the other)',
      'Edit',
    ])
  })

  it('says the progress in Spanish with the plural of the count ("1 de 1 resuelto", "1 de 3 resueltos")', () => {
    const es = i18next.getFixedT('es')
    expect(es('conflicts.progress', { done: 0, count: 1 })).toBe('0 de 1 resuelto')
    expect(es('conflicts.progress', { done: 1, count: 1 })).toBe('1 de 1 resuelto')
    expect(es('conflicts.progress', { done: 1, count: 3 })).toBe('1 de 3 resueltos')
    expect(i18next.getFixedT('en')('conflicts.progress', { done: 1, count: 1 })).toBe('1 of 1 resolved')
  })

  it('saves only once every field has a choice, in one call carrying every choice', async () => {
    const { article, sent, resolved } = await renderView()
    expect(saveButton().disabled).toBe(true)
    await click(radio('headline', 'mine'))
    expect(host.querySelector('[role="status"]')?.textContent).toBe('1 of 2 resolved')
    expect(saveButton().disabled).toBe(true)
    await click(radio('body.block:b2', 'theirs'))
    expect(saveButton().disabled).toBe(false)
    await click(saveButton())
    expect(sent).toHaveLength(1)
    expect(sent[0]?.hash).toBe(HASH)
    expect(sent[0]?.choices.map((c) => [c.field, c.choice])).toEqual([
      ...(article.conflicts ?? []).map((c) => [c.field, c.field === 'headline' ? 'mine' : 'theirs']),
    ])
    expect(resolved).toHaveLength(1)
    const saved = resolved[0]
    expect(saved?.ok && saved.article.conflicts).toBeUndefined()
  })

  it('Edit offers a text box starting from mine; tags are chips and are edited as a comma list', async () => {
    const tags: FieldConflict = {
      field: 'tags',
      base: ['city'],
      ours: ['city', 'roads'],
      theirs: ['budget'],
      at: '2026-12-05T10:00:00.000Z',
    }
    const { sent } = await renderView([tags])
    expect([...item('tags').querySelectorAll('.conflict-tag')].map((c) => c.textContent)).toEqual([
      'city',
      'city',
      'roads',
      'budget',
    ])
    await click(radio('headline', 'edit'))
    const box = item('headline').querySelector('textarea') as HTMLTextAreaElement
    expect(box.value).toBe('Council backs the river bridge')
    expect(item('headline').querySelector('label[for]')?.textContent).toBe('Your version of Headline')
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!
      setter.call(box, 'Council delays the bridge')
      box.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await click(radio('body.block:b2', 'both'))
    await click(radio('tags', 'edit'))
    const input = item('tags').querySelector('input[type="text"]') as HTMLInputElement
    expect(input.value).toBe('city, roads')
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
      setter.call(input, 'city, budget, city')
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await click(saveButton())
    const byField = Object.fromEntries((sent[0]?.choices ?? []).map((c) => [c.field, c]))
    expect(byField.headline).toMatchObject({ choice: 'edit', value: 'Council delays the bridge' })
    expect(byField.tags).toMatchObject({ choice: 'edit', value: ['city', 'budget'] })
    expect(byField['body.block:b2']).toMatchObject({ choice: 'both' })
  })

  it('says why a save was refused, in words', async () => {
    await renderView([], { ok: false, reason: 'conflict', message: 'the article changed on disk since it was loaded' })
    await click(radio('headline', 'theirs'))
    await click(radio('body.block:b2', 'mine'))
    await click(saveButton())
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(
      'Not saved: the article changed on disk since it was loaded',
    )
  })

  it('names each side by who wrote it and marks the viewer\'s side "(you)", on either computer', async () => {
    // Ben's computer merged (ours is Ben's); Ana views the record after her sync brought it to her.
    const { sent } = await renderView([], undefined, {
      sides: { oursBy: BEN, theirsBy: ANA },
      me: { name: 'Ana', email: 'ANA@example.org' },
    })
    expect(headings('headline')).toEqual(['Original', "Ben Ortiz's version", "Ana Ruiz's version (you)"])
    expect(choiceLabels('headline').slice(0, 2)).toEqual(["Keep Ben's", 'Keep mine'])
    const groups = [...item('headline').querySelectorAll('[role="group"]')].map((g) => g.getAttribute('aria-label'))
    expect(groups[2]).toBe("Ana Ruiz's version (you): Headline")
    // The edit box starts from the viewer's own version (theirs in this record).
    await click(radio('headline', 'edit'))
    expect((item('headline').querySelector('textarea') as HTMLTextAreaElement).value).toBe(
      'Council rejects the river bridge',
    )
    // "Keep mine" on Ana's computer keeps Ana's text: the record's theirs, sent as 'theirs' as before.
    await click(radio('headline', 'theirs'))
    await click(radio('body.block:b2', 'mine'))
    await click(saveButton())
    expect(sent[0]?.choices.map((c) => [c.field, c.choice])).toEqual([
      ['headline', 'theirs'],
      ['body.block:b2', 'mine'],
    ])
  })

  it('on the merging computer the same record reads the other way round', async () => {
    await renderView([], undefined, { sides: { oursBy: BEN, theirsBy: ANA }, me: { name: 'Ben Ortiz', email: '' } })
    expect(headings('headline')).toEqual(['Original', "Ben Ortiz's version (you)", "Ana Ruiz's version"])
    expect(choiceLabels('headline').slice(0, 2)).toEqual(['Keep mine', "Keep Ana's"])
  })

  it('a viewer who wrote neither side, or two editors of one first name, see names only', async () => {
    await renderView([], undefined, { sides: { oursBy: BEN, theirsBy: ANA } })
    expect(headings('headline')).toEqual(['Original', "Ben Ortiz's version", "Ana Ruiz's version"])
    expect(choiceLabels('headline').slice(0, 2)).toEqual(["Keep Ben's", "Keep Ana's"])
    act(() => root?.unmount())
    host.remove()
    await renderView([], undefined, { sides: { oursBy: 'Ana Soto <soto@example.org>', theirsBy: ANA } })
    expect(choiceLabels('headline').slice(0, 2)).toEqual(["Keep Ana Soto's", "Keep Ana Ruiz's"])
  })

  it('a deletion says who deleted it', async () => {
    const { merged } = conflictedArticle()
    const deleted: FieldConflict = { field: 'deleted', base: merged, ours: merged, theirs: null, at: merged.updatedAt }
    await renderView([deleted], undefined, {
      sides: { oursBy: BEN, theirsBy: ANA },
      me: { name: '', email: 'ana@example.org' },
    })
    expect(item('deleted').querySelector('.conflict-side-theirs .conflict-missing')?.textContent).toBe('Deleted by you')
    expect(headings('deleted')[2]).toBe("Ana Ruiz's version (you)")
  })

  it('records without authors (older files, or one person on both sides) keep the computer labels', async () => {
    await renderView([], undefined, {
      sides: { oursBy: ANA, theirsBy: 'ana ruiz <Ana@Example.org>' },
      me: { name: 'Ana', email: 'ana@example.org' },
    })
    expect(headings('headline')).toEqual(['Original', 'Mine (this computer)', 'Theirs (other computer)'])
    expect(choiceLabels('headline').slice(0, 2)).toEqual(['Keep mine', 'Keep theirs'])
  })
})
