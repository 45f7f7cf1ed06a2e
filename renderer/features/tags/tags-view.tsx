import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { TagChangeResult, TagCount, TagSuggestion } from '../../../shared/listing/api-types'
import '../../styles/tags.css'

/** Props of the tag view. */
export interface TagsViewProps {
  bridge: NewsdeskBridge
  /** Called after tags changed on articles, so the app reloads its list. */
  onChanged: () => void
}

/**
 * Every tag with its article count; rename, merge and delete across all articles in one step (each
 * affected article is saved as a new revision); near-duplicates are proposed, never merged by themselves.
 */
export function TagsView({ bridge, onChanged }: TagsViewProps) {
  const { t } = useTranslation()
  const [tags, setTags] = useState<TagCount[]>([])
  const [suggestions, setSuggestions] = useState<TagSuggestion[]>([])
  const [editing, setEditing] = useState<string | null>(null)
  const [draftName, setDraftName] = useState('')
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null)
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const reload = useCallback(async () => {
    const [list, near] = await Promise.all([bridge.tags.list(), bridge.tags.suggestions()])
    setTags(list)
    setSuggestions(near)
  }, [bridge])

  useEffect(() => {
    void reload()
  }, [reload])
  // Articles changed on disk (found by the background check after opening, or the watcher): recount.
  useEffect(() => bridge.on('articles:list-changed', () => void reload()), [bridge, reload])

  const run = async (action: () => Promise<TagChangeResult>, done: (count: number) => string) => {
    setBusy(true)
    try {
      const result = await action()
      setStatus(result.ok ? { ok: true, text: done(result.changed.length) } : { ok: false, text: result.message })
      if (result.changed.length > 0) onChanged()
      await reload()
    } finally {
      setBusy(false)
      setEditing(null)
      setConfirmDelete(null)
    }
  }

  return (
    // Titled by the desk dialog's own heading ("Tags"); a second heading here showed the word twice.
    <section className="tags-view" aria-label={t('tagsView.heading')}>
      {status ? (
        <p className={status.ok ? 'tags-status' : 'tags-status tags-error'} role="status" data-testid="tags-status">
          {status.text}
        </p>
      ) : null}
      {suggestions.length > 0 ? (
        <section className="tags-suggestions" aria-labelledby="tags-suggestions-heading">
          <h3 id="tags-suggestions-heading">{t('tagsView.suggestions')}</h3>
          <p className="muted">{t('tagsView.suggestionsHint')}</p>
          <ul>
            {suggestions.map((s) => (
              <li key={s.tags.join('|')} data-testid="tag-suggestion">
                <span>{s.tags.map((tag) => `#${tag}`).join(', ')}</span>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => bridge.tags.merge(s.tags, s.suggested),
                      (n) => t('tagsView.merged', { count: n, tag: s.suggested }),
                    )
                  }
                >
                  {t('tagsView.mergeInto', { tag: s.suggested })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <table className="tags-table">
        <caption className="muted">{t('tagsView.caption', { count: tags.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tagsView.tag')}</th>
            <th scope="col">{t('tagsView.articles')}</th>
            <th scope="col">{t('tagsView.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tags.map(({ tag, count }) => (
            <tr key={tag} data-testid="tag-row" data-tag={tag}>
              <td>
                {editing === tag ? (
                  <form
                    className="tags-rename"
                    onSubmit={(e) => {
                      e.preventDefault()
                      void run(
                        () => bridge.tags.rename(tag, draftName),
                        (n) => t('tagsView.renamed', { count: n, from: tag, to: draftName.trim() }),
                      )
                    }}
                  >
                    <input
                      value={draftName}
                      onChange={(e) => setDraftName(e.target.value)}
                      aria-label={t('tagsView.newName', { tag })}
                      autoFocus
                    />
                    <button type="submit" disabled={busy}>
                      {t('tagsView.apply')}
                    </button>
                    <button type="button" onClick={() => setEditing(null)}>
                      {t('tagsView.cancel')}
                    </button>
                  </form>
                ) : (
                  <span className="tag">{tag}</span>
                )}
              </td>
              <td>{count}</td>
              <td className="tags-actions">
                <button
                  type="button"
                  disabled={busy}
                  aria-label={t('tagsView.renameTag', { tag })}
                  onClick={() => {
                    setEditing(tag)
                    setDraftName(tag)
                  }}
                >
                  {t('tagsView.rename')}
                </button>
                {confirmDelete === tag ? (
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    onClick={() =>
                      void run(
                        () => bridge.tags.delete(tag),
                        (n) => t('tagsView.deleted', { count: n, tag }),
                      )
                    }
                  >
                    {t('tagsView.confirmDelete', { count })}
                  </button>
                ) : (
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('tagsView.deleteTag', { tag })}
                    onClick={() => setConfirmDelete(tag)}
                  >
                    {t('tagsView.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
