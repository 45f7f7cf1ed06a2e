import type { Editor } from '@tiptap/core'
import { act } from 'react'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Article, FieldConflict, TiptapNode } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { DEFAULT_UI_SETTINGS } from '../../../shared/settings/ui-settings'
import { resolveConflicts, type ConflictChoice } from '../../../shared/sync/resolve-conflicts'
import { conflictedArticle } from '../../../shared/sync/test-support/conflicted-article'
import { domSuite } from '../../test-support/dom'
import { UiSettingsProvider } from '../settings/ui-settings-context'
import { ConflictDrafts } from './conflict-drafts'
import { ConflictView } from './conflict-view'

const dom = domSuite()
// The block editor's code is loaded lazily by the view; loading it once here keeps each test's wait short.
beforeAll(async () => {
  await import('./block-edit')
})
const HASH = 'c'.repeat(64)

/** A linked paragraph, as a reporter's block with its source. */
const linked: TiptapNode = {
  type: 'paragraph',
  attrs: { id: 'b2' },
  content: [
    { type: 'text', text: 'Work starts in ' },
    { type: 'text', text: 'early spring', marks: [{ type: 'link', attrs: { href: 'https://example.org/plan' } }] },
    { type: 'text', text: ', the engineers said.' },
  ],
}

/**
 * Renders the view over a bridge that settles choices with the shared rules; the body block's mine is `linked`.
 * `drafts` stands for the window's session (a fresh one per call unless a test passes one to come back to);
 * `change` rewrites the records (a later sync's).
 */
async function renderView({
  extra = [] as FieldConflict[],
  uiLanguage = 'en',
  drafts = new ConflictDrafts(),
  change = (c: FieldConflict): FieldConflict => c,
} = {}) {
  const { merged } = conflictedArticle()
  const records = [...(merged.conflicts ?? []), ...extra]
    .map((c) => (c.field === 'body.block:b2' ? { ...c, ours: linked } : c))
    .map(change)
  const article = { ...merged, conflicts: records }
  const sent: ConflictChoice[][] = []
  const back: number[] = []
  const resolved: Article[] = []
  const bridge = {
    articles: {
      load: async () => ({ ok: true, article, hash: HASH }),
      resolveConflicts: async (_id: string, _hash: string, choices: ConflictChoice[]) => {
        sent.push(choices)
        const out = resolveConflicts(article, choices)
        return out.ok
          ? { ok: true, article: out.article, hash: 'd'.repeat(64), savedAt: article.updatedAt, trashed: false }
          : { ok: false, reason: 'invalid', message: out.message }
      },
    },
    settings: { get: async () => ({ ...DEFAULT_UI_SETTINGS, uiLanguage }) },
  } as unknown as NewsdeskBridge
  await dom.render(
    <UiSettingsProvider bridge={bridge}>
      <ConflictView
        bridge={bridge}
        articleId={article.id}
        onResolved={(r) => resolved.push(r.article)}
        onBack={() => back.push(1)}
        drafts={drafts}
      />
    </UiSettingsProvider>,
  )
  return { article, sent, back, resolved }
}

const item = (field: string) =>
  dom.host.querySelector(`[data-testid="conflict-item"][data-field="${field}"]`) as HTMLElement
const radio = (field: string, choice: string) =>
  item(field).querySelector(`input[type="radio"][value="${choice}"]`) as HTMLInputElement
const click = (el: Element) => act(async () => (el as HTMLElement).click())
const press = (el: Element, key: string) =>
  act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  })

/** The block editor of a record, once its lazily loaded code has arrived. */
async function blockEditor(field: string): Promise<{ element: HTMLElement; editor: Editor }> {
  const element = await vi.waitFor(
    () => {
      const found = item(field).querySelector<HTMLElement>('[data-testid="conflict-block-editor"]')
      if (!found) throw new Error('the block editor is not there yet')
      return found
    },
    { timeout: 10_000 },
  )
  return { element, editor: (element as HTMLElement & { editor: Editor }).editor }
}

describe('ConflictView: Edit on a body block', () => {
  it('offers Edit on a text block, in an editor labelled by the field that starts from mine with its link', async () => {
    await renderView()
    expect([...item('body.block:b2').querySelectorAll('label')].map((l) => l.textContent)).toEqual([
      'Keep mine',
      'Keep theirs',
      'Keep both (both versions, one after the other)',
      'Edit',
    ])
    await click(radio('body.block:b2', 'edit'))
    const { element } = await blockEditor('body.block:b2')
    const labelId = element.getAttribute('aria-labelledby') ?? ''
    expect(dom.host.querySelector(`[id="${labelId}"]`)?.textContent).toBe('Your version of Body, one block')
    expect(element.getAttribute('role')).toBe('textbox')
    expect(element.getAttribute('lang')).toBe('en')
    expect(element.textContent).toBe('Work starts in early spring, the engineers said.')
    expect(element.querySelector('a')?.getAttribute('href')).toBe('https://example.org/plan')
  })

  it('saves the edited block through resolveConflicts: its id and link kept, a split-off paragraph added', async () => {
    const { sent, resolved } = await renderView()
    await click(radio('headline', 'mine'))
    await click(radio('body.block:b2', 'edit'))
    const { editor } = await blockEditor('body.block:b2')
    await act(async () => {
      editor.chain().focus('end').insertContent(' Funding is agreed.').run()
      editor.chain().focus('end').splitBlock().insertContent('The works take two years.').run()
    })
    await click(dom.byTestId('conflict-save')!)
    expect(sent).toHaveLength(1)
    const choice = sent[0]?.find((c) => c.field === 'body.block:b2')
    expect(choice?.choice).toBe('edit')
    const doc = choice?.value as { type: string; content: TiptapNode[] }
    expect(doc.type).toBe('doc')
    expect(doc.content.map((n) => n.content?.map((c) => c.text).join(''))).toEqual([
      'Work starts in early spring, the engineers said. Funding is agreed.',
      'The works take two years.',
    ])
    expect(doc.content[0]?.content?.[1]?.marks).toEqual([
      expect.objectContaining({ type: 'link', attrs: expect.objectContaining({ href: 'https://example.org/plan' }) }),
    ])
    // The resolve rules put the edited blocks in place of the block, the first keeping its id.
    const body = resolved[0]?.body.content ?? []
    expect(body.map((n) => n.content?.[0]?.text)).toEqual([
      'The council voted on Tuesday.',
      'Work starts in ',
      'The works take two years.',
      'The mayor welcomed the vote.',
    ])
    expect(body.map((n) => n.attrs?.id).slice(0, 2)).toEqual(['b1', 'b2'])
    expect(resolved[0]?.conflicts).toBeUndefined()
  })

  it('Edit left untouched saves the starting version; a figure block offers no Edit', async () => {
    const figure: FieldConflict = {
      field: 'body.block:f1',
      base: null,
      ours: { type: 'image', attrs: { id: 'f1', src: 'a'.repeat(64) + '.png', alt: 'Bridge' } },
      theirs: null,
      at: '2026-12-05T10:00:00.000Z',
    }
    const { sent } = await renderView({ extra: [figure] })
    expect(
      [...item('body.block:f1').querySelectorAll('input[type="radio"]')].map((r) => r.getAttribute('value')),
    ).toEqual(['mine', 'theirs'])
    await click(radio('headline', 'theirs'))
    await click(radio('body.block:b2', 'edit'))
    await blockEditor('body.block:b2')
    await click(radio('body.block:f1', 'mine'))
    await click(dom.byTestId('conflict-save')!)
    const choice = sent[0]?.find((c) => c.field === 'body.block:b2')
    expect(choice?.value).toEqual({ type: 'doc', content: [linked] })
  })
})

describe('ConflictView: the way back', () => {
  it('choices not saved survive "Resolve later" and coming back: the picks, the typed text and the edited block', async () => {
    const drafts = new ConflictDrafts()
    const first = await renderView({ drafts })
    await click(radio('headline', 'edit'))
    await act(async () => {
      const box = item('headline').querySelector('textarea')!
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!
      setValue.call(box, 'Council approves the bridge')
      box.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await click(radio('body.block:b2', 'edit'))
    const { editor } = await blockEditor('body.block:b2')
    await act(async () => {
      editor.chain().focus('end').insertContent(' Funding is agreed.').run()
    })
    await click(dom.byTestId('conflict-back')!)
    expect(first.back).toHaveLength(1)
    expect(first.sent).toHaveLength(0)

    // Back to the article: a new mount of the view over the same session.
    const again = await renderView({ drafts })
    expect(radio('headline', 'edit').checked).toBe(true)
    expect(item('headline').querySelector('textarea')?.value).toBe('Council approves the bridge')
    expect(radio('body.block:b2', 'edit').checked).toBe(true)
    const { element } = await blockEditor('body.block:b2')
    expect(element.textContent).toBe('Work starts in early spring, the engineers said. Funding is agreed.')
    expect(element.querySelector('a')?.getAttribute('href')).toBe('https://example.org/plan')
    await click(dom.byTestId('conflict-save')!)
    const choices = again.sent[0] ?? []
    expect(choices.find((c) => c.field === 'headline')).toMatchObject({
      choice: 'edit',
      value: 'Council approves the bridge',
    })
    const doc = choices.find((c) => c.field === 'body.block:b2')?.value as { content: TiptapNode[] }
    expect(doc.content.map((n) => n.content?.map((c) => c.text).join(''))).toEqual([
      'Work starts in early spring, the engineers said. Funding is agreed.',
    ])

    // Saved: the session keeps nothing of this article.
    await renderView({ drafts })
    expect(radio('headline', 'edit').checked).toBe(false)
    expect(dom.host.querySelectorAll('input[type="radio"]:checked')).toHaveLength(0)
  })

  it('a conflict record a later sync wrote does not inherit the choices made for the earlier one', async () => {
    const drafts = new ConflictDrafts()
    await renderView({ drafts })
    await click(radio('headline', 'mine'))
    await click(radio('body.block:b2', 'theirs'))
    await click(dom.byTestId('conflict-back')!)
    // The next sync rewrote the headline's record (another version of theirs, another time); the block's is the same.
    await renderView({
      drafts,
      change: (c) =>
        c.field === 'headline' ? { ...c, theirs: 'Bridge vote delayed again', at: '2026-12-05T11:00:00.000Z' } : c,
    })
    expect(radio('headline', 'mine').checked).toBe(false)
    expect(item('headline').querySelectorAll('input[type="radio"]:checked')).toHaveLength(0)
    expect(radio('body.block:b2', 'theirs').checked).toBe(true)
  })

  it('"Resolve later" is a labelled button that goes back and sends nothing', async () => {
    const { sent, back } = await renderView()
    const button = dom.byTestId('conflict-back') as HTMLButtonElement
    expect(button.textContent).toBe('Resolve later')
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Escape')
    const hint = dom.host.querySelector(`[id="${button.getAttribute('aria-describedby')}"]`)
    expect(hint?.textContent).toMatch(/^Back to the article list \(Esc\)\. The article stays conflicted and unchanged/)
    expect(hint?.textContent).toContain('your choices so far are kept until Newsdesk closes')
    await click(radio('headline', 'mine'))
    await click(button)
    expect(back).toHaveLength(1)
    expect(sent).toHaveLength(0)
  })

  it('Escape goes back from anywhere in the view but inside an edit box', async () => {
    const { sent, back } = await renderView()
    await click(radio('headline', 'edit'))
    await press(item('headline').querySelector('textarea')!, 'Escape')
    expect(back).toHaveLength(0)
    await click(radio('body.block:b2', 'edit'))
    const { element } = await blockEditor('body.block:b2')
    await press(element, 'Escape')
    expect(back).toHaveLength(0)
    await press(radio('headline', 'edit'), 'Escape')
    expect(back).toHaveLength(1)
    await press(dom.byTestId('conflict-view')!, 'Enter')
    expect(back).toHaveLength(1)
    expect(sent).toHaveLength(0)
  })

  it('speaks Spanish', async () => {
    await renderView({ uiLanguage: 'es' })
    const button = dom.byTestId('conflict-back') as HTMLButtonElement
    expect(button.textContent).toBe('Resolver más tarde')
    expect(dom.host.querySelector(`[id="${button.getAttribute('aria-describedby')}"]`)?.textContent).toMatch(
      /^Volver a la lista de artículos \(Esc\).*tus elecciones se conservan hasta que cierres Newsdesk/,
    )
  })
})

describe("ConflictView: the block editor's toolbar", () => {
  it("offers the body's inline tools, named through i18next, reachable by keyboard, and they format the block", async () => {
    await renderView()
    await click(radio('body.block:b2', 'edit'))
    const { editor } = await blockEditor('body.block:b2')
    const toolbar = item('body.block:b2').querySelector<HTMLElement>('[data-testid="conflict-block-toolbar"]')!
    expect(toolbar.getAttribute('role')).toBe('toolbar')
    expect(toolbar.getAttribute('aria-label')).toBe('Formatting: Body, one block')
    const buttons = [...toolbar.querySelectorAll('button')]
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Undo',
      'Redo',
      'Bold',
      'Italic',
      'Strikethrough',
      'Inline code',
      'Link',
    ])
    // One tab stop; the arrow keys move along the tools.
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1])
    await act(async () => buttons[0]!.focus())
    await press(buttons[0]!, 'ArrowRight')
    await press(buttons[1]!, 'ArrowRight')
    expect(document.activeElement).toBe(buttons[2])
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, -1, 0, -1, -1, -1, -1])
    await press(buttons[2]!, 'End')
    expect(document.activeElement).toBe(buttons[6])

    // "Work" selected, then Bold: the block's own document gains the mark.
    await act(async () => {
      editor.chain().focus().setTextSelection({ from: 1, to: 5 }).run()
    })
    await click(buttons[2]!)
    expect(editor.getHTML()).toContain('<strong>Work</strong>')
    await vi.waitFor(() => expect(buttons[2]!.getAttribute('aria-pressed')).toBe('true'))
  })

  it('is named in Spanish when the UI is', async () => {
    await renderView({ uiLanguage: 'es' })
    await click(radio('body.block:b2', 'edit'))
    await blockEditor('body.block:b2')
    const toolbar = item('body.block:b2').querySelector<HTMLElement>('[data-testid="conflict-block-toolbar"]')!
    expect(toolbar.getAttribute('aria-label')).toBe('Formato: Cuerpo, un bloque')
    expect([...toolbar.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).toContain('Negrita')
  })
})
