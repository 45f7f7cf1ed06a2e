import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { diffField, type TextFieldDiff } from '../../../shared/article/diff'
import { plainText } from '../../../shared/editor'
import { pickFields, type ArticleFields } from '../../../shared/article/schema'
import type { AttentionItem, JournalEntry, NewsdeskBridge, WorkspaceInfo } from '../../../shared/ipc/contract'
import '../../styles/library-notices.css'
import { SettingsNotices } from '../settings/settings-notices'
import { localTime, parseLockHolder } from './holder-text'
import { ShowInFolderButton } from '../../components/show-in-folder-button'
import { SyncCopyNotice } from './sync-copy-notice'

/** What the notices need from the open draft (a subset of useArticleDraft's result). */
export interface DraftControls {
  fields: ArticleFields | null
  saveState: { kind: string; conflict?: boolean }
  isDirty(): boolean
  snapshot(): ArticleFields | null
  keepMine(diskHash: string): Promise<void>
  takeDisk(): Promise<void>
  restoreFields(fields: ArticleFields): void
  markUnsaved(): void
}

/** Props of the notices area. */
export interface LibraryNoticesProps {
  bridge: NewsdeskBridge
  info: WorkspaceInfo
  openId: string | null
  draft: DraftControls
  /** Opens an article in the editor (to restore its journaled text). */
  onOpen(id: string): void
  /** The article list changed (on disk, or by a save); reload it. `cursor`: the list's cursor after it, if known. */
  onListChanged(cursor?: string): void
  /** "Save As…" for a read-only workspace (copy it to a folder chosen in a native dialog, open the copy). */
  onSaveAs?(): void
}

type Flash = { kind: 'reloaded' | 'deleted' | 'error'; text: string }
interface Conflict {
  id: string
  diskHash: string
  disk: ArticleFields
  showBoth: boolean
}

/** Text fields shown side by side in the conflict view. */
function compare(
  mine: ArticleFields,
  disk: ArticleFields,
): { name: 'headline' | 'standfirst' | 'body'; diff: TextFieldDiff }[] {
  return [
    { name: 'headline', diff: diffField(disk.headline, mine.headline) },
    { name: 'standfirst', diff: diffField(disk.standfirst, mine.standfirst) },
    { name: 'body', diff: diffField(plainText(disk.body), plainText(mine.body)) },
  ]
}

/**
 * Everything main tells the user about the workspace and the open article's file: the read-only banner,
 * "restore journaled text?" after a crash, "reloaded from disk", the conflict view (keep mine / take the
 * disk version / see both), "deleted on disk", and the "Needs attention" list of quarantined files.
 */
export function LibraryNotices({ bridge, info, openId, draft, onOpen, onListChanged, onSaveAs }: LibraryNoticesProps) {
  const { t, i18n } = useTranslation()
  const [journal, setJournal] = useState<JournalEntry[]>([])
  const [attention, setAttention] = useState<AttentionItem[]>([])
  const [flash, setFlash] = useState<Flash | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [pendingRestore, setPendingRestore] = useState<JournalEntry | null>(null)
  const draftRef = useRef(draft)
  draftRef.current = draft
  const openRef = useRef(openId)
  openRef.current = openId
  const listRef = useRef(onListChanged)
  listRef.current = onListChanged

  const reloadLists = useCallback(async () => {
    const [pending, items] = await Promise.all([bridge.journal.pending(), bridge.articles.attention()])
    setJournal(pending)
    setAttention(items)
  }, [bridge])

  useEffect(() => {
    void reloadLists()
  }, [reloadLists, info.displayPath])

  // Notices about one article belong to it: they leave when another article opens.
  const [attentionHidden, setAttentionHidden] = useState<string | null>(null)
  useEffect(() => {
    setFlash(null)
  }, [openId])

  const openConflict = useCallback(
    async (id: string) => {
      const disk = await bridge.articles.load(id)
      if (!disk.ok || openRef.current !== id) return
      setConflict({ id, diskHash: disk.hash, disk: pickFields(disk.article), showBoth: false })
    },
    [bridge],
  )

  useEffect(() => {
    const offs = [
      bridge.on('articles:changed-on-disk', (id) => {
        listRef.current()
        if (id !== openRef.current) return
        if (draftRef.current.isDirty()) {
          void openConflict(id)
        } else {
          void draftRef.current
            .takeDisk()
            .then(() => setFlash({ kind: 'reloaded', text: t('libraryNotices.reloaded') }))
        }
      }),
      bridge.on('articles:deleted-on-disk', (id) => {
        listRef.current()
        if (id !== openRef.current) return
        draftRef.current.markUnsaved()
        setFlash({ kind: 'deleted', text: t('libraryNotices.deletedOnDisk') })
      }),
      bridge.on('articles:list-changed', (cursor) => {
        listRef.current(cursor)
        // A save's own event carries the list cursor and never changes what needs attention (conflict copies and
        // unreadable files come from the watcher and rescans, whose events carry none): no request for it.
        if (cursor === undefined) void bridge.articles.attention().then(setAttention)
      }),
      bridge.on('workspace:notice', (notice) => {
        switch (notice.kind) {
          case 'quarantined':
            void bridge.articles.attention().then(setAttention)
            break
          case 'watch-error':
            setFlash({ kind: 'error', text: t('libraryNotices.watchError', { message: notice.message }) })
            break
          case 'read-only':
          case 'rescanned':
            break
        }
      }),
      bridge.on('workspace:changed', () => {
        setConflict(null)
        void reloadLists()
      }),
    ]
    return () => offs.forEach((off) => off())
  }, [bridge, openConflict, reloadLists, t])

  // A save refused as a conflict (the file changed before the watcher said so) opens the same view.
  const conflictSave = draft.saveState.kind === 'failed' && draft.saveState.conflict === true
  useEffect(() => {
    if (conflictSave && openId && !conflict) void openConflict(openId)
  }, [conflictSave, openId, conflict, openConflict])

  // Restoring journaled text: open the article, then put the journaled fields in as unsaved edits.
  useEffect(() => {
    if (pendingRestore && openId === pendingRestore.id && draft.fields) {
      draft.restoreFields(pendingRestore.fields)
      setPendingRestore(null)
    }
  }, [pendingRestore, openId, draft])

  const restoreEntry = (entry: JournalEntry) => {
    setJournal((list) => list.filter((e) => e.id !== entry.id))
    setPendingRestore(entry)
    onOpen(entry.id)
  }
  const discardEntry = (entry: JournalEntry) => {
    setJournal((list) => list.filter((e) => e.id !== entry.id))
    void bridge.journal.discard(entry.id)
  }

  const mine = conflict ? draft.snapshot() : null
  function holderText(): string {
    const holder = parseLockHolder(info.lockHolder)
    if (!holder) return t('libraryNotices.readOnlyLocked', { holder: '?' })
    return holder.since
      ? t('libraryNotices.readOnlyHeld', { host: holder.host, time: localTime(holder.since, i18n.language) })
      : t('libraryNotices.readOnlyHeldNoTime', { host: holder.host })
  }
  // "Hide" keeps the list out of the way until it changes (a new file, or one resolved).
  const attentionSignature = attention.map((a) => a.key).join('|')
  const copies = attention.filter((a) => a.reason === 'sync-conflict')
  const damaged = attention.filter((a) => a.reason !== 'sync-conflict')
  const handleResolved = (id: string | null) => {
    void reloadLists()
    listRef.current()
    if (id) onOpen(id)
  }
  return (
    <div
      className="library-notices"
      role="region"
      aria-label={t('libraryNotices.region')}
      data-testid="library-notices"
    >
      {info.readOnly ? (
        <div className="notice notice-warning" role="status" data-testid="read-only-banner">
          <strong>{t('libraryNotices.readOnlyTitle')}</strong>{' '}
          {info.readOnlyReason === 'locked' ? holderText() : t('libraryNotices.readOnlyNotWritable')}
          {onSaveAs ? (
            <button type="button" onClick={onSaveAs} title={t('workspace.saveAsHint')} data-testid="save-as">
              {t('workspace.saveAs')}
            </button>
          ) : null}
        </div>
      ) : null}

      <SettingsNotices bridge={bridge} />

      {journal.map((entry) => (
        <div key={entry.id} className="notice notice-info" role="alert" data-testid="journal-notice">
          <span>
            {t(entry.source === 'temp' ? 'libraryNotices.journalTemp' : 'libraryNotices.journalOffer', {
              headline: entry.headline || t('libraryNotices.untitled'),
              time: localTime(new Date(entry.journaledAt), i18n.language),
            })}
          </span>
          <button type="button" onClick={() => restoreEntry(entry)}>
            {t('libraryNotices.restore')}
          </button>
          <button type="button" onClick={() => discardEntry(entry)}>
            {t('libraryNotices.discard')}
          </button>
        </div>
      ))}

      {flash ? (
        <div
          className={`notice ${flash.kind === 'error' ? 'notice-warning' : 'notice-info'}`}
          role="status"
          data-testid={`notice-${flash.kind}`}
        >
          <span>{flash.text}</span>
          <button type="button" onClick={() => setFlash(null)} aria-label={t('libraryNotices.dismiss')}>
            ×
          </button>
        </div>
      ) : null}

      {conflict && conflict.id === openId ? (
        <section className="notice notice-conflict" aria-labelledby="conflict-title" data-testid="conflict-view">
          <h2 id="conflict-title">{t('libraryNotices.conflictTitle')}</h2>
          <p>{t('libraryNotices.conflictBody')}</p>
          <div className="notice-actions">
            <button
              type="button"
              onClick={() => {
                const hash = conflict.diskHash
                setConflict(null)
                void draft.keepMine(hash)
              }}
            >
              {t('libraryNotices.keepMine')}
            </button>
            <button
              type="button"
              onClick={() => {
                setConflict(null)
                void draft.takeDisk()
              }}
            >
              {t('libraryNotices.takeDisk')}
            </button>
            <button
              type="button"
              aria-expanded={conflict.showBoth}
              onClick={() => setConflict({ ...conflict, showBoth: !conflict.showBoth })}
            >
              {t('libraryNotices.seeBoth')}
            </button>
          </div>
          {conflict.showBoth && mine ? (
            <table className="conflict-compare" data-testid="conflict-compare">
              <thead>
                <tr>
                  <th scope="col">{t('libraryNotices.field')}</th>
                  <th scope="col">{t('libraryNotices.diskVersion')}</th>
                  <th scope="col">{t('libraryNotices.myVersion')}</th>
                </tr>
              </thead>
              <tbody>
                {compare(mine, conflict.disk).map(({ name, diff }) => (
                  <tr key={name} className={diff.changed ? 'changed' : undefined}>
                    <th scope="row">{t(`libraryNotices.fields.${name}`)}</th>
                    <td>
                      {diff.parts
                        .filter((p) => p.op !== 'insert')
                        .map((p, i) =>
                          p.op === 'delete' ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>,
                        )}
                    </td>
                    <td>
                      {diff.parts
                        .filter((p) => p.op !== 'delete')
                        .map((p, i) =>
                          p.op === 'insert' ? <ins key={i}>{p.text}</ins> : <span key={i}>{p.text}</span>,
                        )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}

      {attention.length > 0 && attentionHidden !== attentionSignature ? (
        <section
          className="notice notice-warning attention-notice"
          data-testid="needs-attention"
          aria-labelledby="attention-title"
        >
          <h2 id="attention-title" className="notice-title">
            {t('libraryNotices.attentionTitle', { count: attention.length })}
          </h2>
          <button
            type="button"
            className="notice-dismiss"
            onClick={() => setAttentionHidden(attentionSignature)}
            data-testid="attention-dismiss"
          >
            {t('libraryNotices.attentionDismiss')}
          </button>
          {copies.map((item) => (
            <SyncCopyNotice
              key={item.key}
              bridge={bridge}
              item={item}
              readOnly={info.readOnly}
              onResolved={handleResolved}
            />
          ))}
          {damaged.length > 0 ? (
            <>
              <ul aria-label={t('libraryNotices.attentionList')}>
                {damaged.map((item) => (
                  <li key={item.key}>
                    <strong>{item.originalName}</strong> — {t(`libraryNotices.reasons.${item.reason}`)}
                    <div className="muted">{item.message}</div>
                    <ShowInFolderButton
                      show={() => bridge.articles.showInFolder({ kind: 'attention', key: item.key })}
                      testId="attention-show-in-folder"
                    />
                  </li>
                ))}
              </ul>
              <p className="muted">{t('libraryNotices.attentionWhere')}</p>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
