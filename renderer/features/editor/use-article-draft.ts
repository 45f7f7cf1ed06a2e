import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article, ArticleFields, TiptapDoc } from '../../../shared/article/schema'
import type { ArticleSaveResult, FlushOutcome, NewsdeskBridge } from '../../../shared/ipc/contract'
import { pauseTimer, type PauseTimer } from '../../editor/pause-timer'

/** Where the open draft stands with respect to the disk. */
export type SaveState =
  | { kind: 'clean'; savedAt: string | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string; conflict: boolean; code?: SaveFailureCode }

/** Why a save was refused (the contract's reasons, plus 'error' for a transport failure). */
export type SaveFailureCode = 'conflict' | 'invalid' | 'read-only' | 'io' | 'not-found' | 'error'

/** Autosave fires this long after the last edit ("at most 1 s after typing stops"). */
export const AUTOSAVE_DELAY_MS = 1000

/** Extracts the editable fields of an article. */
export function fieldsOf(article: Article): ArticleFields {
  const {
    slug,
    headline,
    standfirst,
    body,
    kind,
    tags,
    byline,
    dateline,
    language,
    status,
    publishAt,
    embargoUntil,
    editorsNote,
    featuredImage,
  } = article
  return {
    slug,
    headline,
    standfirst,
    body,
    kind,
    tags,
    byline,
    dateline,
    language,
    status,
    publishAt,
    embargoUntil,
    editorsNote,
    featuredImage,
    // The review fields only when the file has them, so a save never adds empty ones to an older file.
    ...(article.assignee !== undefined ? { assignee: article.assignee } : {}),
    ...(article.reviewer !== undefined ? { reviewer: article.reviewer } : {}),
    ...(article.dueAt !== undefined ? { dueAt: article.dueAt } : {}),
  }
}

/** What a successful save answers besides the save itself: the workspace facts and the list's changes. */
export type SavedAnswer = Pick<Extract<ArticleSaveResult, { ok: true }>, 'info' | 'changes'>

/** Unsaved fields are journaled (crash protection) this long after typing stops. */
export const JOURNAL_DELAY_MS = 300

/** Everything about one open article; a switch starts a new session so late saves never mix articles. */
interface Session {
  id: string
  baseHash: string
  latest: ArticleFields
  /** Form fields changed since the last save. */
  dirty: boolean
  /** The body changed since the last save (its JSON is read from the editor only when saving). */
  bodyDirty: boolean
  inFlight: Promise<void> | null
  /** Autosave, AUTOSAVE_DELAY_MS after the last edit; made at the first edit. */
  autosave: PauseTimer | null
  /** Crash journal, JOURNAL_DELAY_MS after the last edit; made at the first edit. */
  journal: PauseTimer | null
}

/**
 * Holds the open article's fields and saves them through the bridge at most AUTOSAVE_DELAY_MS after typing
 * stops, on demand (Mod-S), on switching article, on window blur and before the window closes. A failed or
 * conflicting save keeps every edit (still dirty) and says why; nothing typed is dropped.
 * One save is one request: it sends the list's cursor (`listCursor`) and hands the answer's workspace facts
 * and list changes to `onSaved`; main drops the journal entry the save made obsolete.
 */
export function useArticleDraft(
  bridge: NewsdeskBridge,
  articleId: string | null,
  onSaved: (saved: SavedAnswer) => void,
  listCursor: () => string | null = () => null,
) {
  const [fields, setFields] = useState<ArticleFields | null>(null)
  const [saveState, setSaveStateRaw] = useState<SaveState>({ kind: 'clean', savedAt: null })
  const [loadError, setLoadError] = useState<string | null>(null)
  /** The article as last loaded (id, times, revision): what the readiness rules need beside the fields. */
  const [loaded, setLoaded] = useState<Article | null>(null)
  /** Bumped whenever the fields are replaced from outside the form (load, restore): the body editor remounts. */
  const [generation, setGeneration] = useState(0)
  const session = useRef<Session | null>(null)
  const bodySource = useRef<(() => TiptapDoc) | null>(null)
  const stateKind = useRef<SaveState['kind']>('clean')
  const onSavedRef = useRef(onSaved)
  onSavedRef.current = onSaved
  const listCursorRef = useRef(listCursor)
  listCursorRef.current = listCursor

  // Only state transitions re-render: typing in the body calls markBodyDirty per keystroke.
  const lastFailure = useRef<string | null>(null)
  const setSaveState = useCallback((next: SaveState) => {
    if (next.kind === 'dirty' && stateKind.current === 'dirty') return
    stateKind.current = next.kind
    lastFailure.current = next.kind === 'failed' ? next.reason : null
    setSaveStateRaw(next)
  }, [])

  const saveSession = useCallback(
    async (s: Session, mode: 'explicit' | 'auto'): Promise<void> => {
      s.autosave?.cancel()
      if (s.inFlight) await s.inFlight
      if (s.bodyDirty && bodySource.current && session.current === s) {
        s.latest = { ...s.latest, body: bodySource.current() }
        s.bodyDirty = false
        s.dirty = true
      } else if (s.dirty && bodySource.current && session.current === s) {
        // The body as the editor holds it, also when only other fields changed: the block ids the editor gave a
        // body loaded without them are the ones saved (main would otherwise give others, and the next body
        // save would rename every block, which a merge reads as every block replaced).
        s.latest = { ...s.latest, body: bodySource.current() }
      }
      if (!s.dirty) return
      const sent = s.latest
      s.dirty = false
      const current = () => session.current === s
      if (current()) setSaveState({ kind: 'saving' })
      const run = (async () => {
        try {
          const result = await bridge.articles.save({
            id: s.id,
            baseHash: s.baseHash,
            fields: sent,
            mode,
            listCursor: listCursorRef.current(),
          })
          if (result.ok) {
            s.baseHash = result.hash
            // Main has dropped the crash journal entry this save made obsolete (edits journaled since are kept).
            if (current() && !s.dirty && !s.bodyDirty) setSaveState({ kind: 'clean', savedAt: result.savedAt })
            else if (current()) setSaveState({ kind: 'dirty' })
            onSavedRef.current({ info: result.info, changes: result.changes })
          } else {
            s.dirty = true
            if (current())
              setSaveState({
                kind: 'failed',
                reason: result.message,
                conflict: result.reason === 'conflict',
                code: result.reason,
              })
          }
        } catch (error) {
          s.dirty = true
          if (current())
            setSaveState({ kind: 'failed', reason: (error as Error).message, conflict: false, code: 'error' })
        }
      })()
      s.inFlight = run
      await run
      s.inFlight = null
      // Edits made while the save was in flight get their own save.
      if ((s.dirty || s.bodyDirty) && !s.autosave?.pending && stateKind.current !== 'failed') schedule(s)
    },
    [bridge, setSaveState],
  )
  const saveRef = useRef(saveSession)
  saveRef.current = saveSession

  function schedule(s: Session) {
    // Crash journal: the unsaved fields (body included) reach disk at most JOURNAL_DELAY_MS after typing stops.
    // Called per keystroke: the timers only move their deadlines (pauseTimer), no clearTimeout/setTimeout.
    s.journal ??= pauseTimer(() => {
      if (!s.dirty && !s.bodyDirty) return
      const body = s.bodyDirty && bodySource.current && session.current === s ? bodySource.current() : s.latest.body
      void bridge.journal.write(s.id, s.baseHash, { ...s.latest, body }).catch(() => undefined)
    }, JOURNAL_DELAY_MS)
    s.journal.touch()
    s.autosave ??= pauseTimer(() => void saveRef.current(s, 'auto'), AUTOSAVE_DELAY_MS)
    s.autosave.touch()
  }

  /** Saves the open article now (Mod-S, Retry, switching article). */
  const saveNow = useCallback(
    async (mode: 'explicit' | 'auto' = 'explicit') => {
      const s = session.current
      if (s) await saveSession(s, mode)
    },
    [saveSession],
  )

  const load = useCallback(
    async (id: string, isCancelled: () => boolean) => {
      const result = await bridge.articles.load(id)
      if (isCancelled()) return
      if (!result.ok) {
        setLoadError(result.message)
        return
      }
      session.current = {
        id,
        baseHash: result.hash,
        latest: fieldsOf(result.article),
        dirty: false,
        bodyDirty: false,
        inFlight: null,
        autosave: null,
        journal: null,
      }
      setFields(session.current.latest)
      setLoaded(result.article)
      setGeneration((g) => g + 1)
      stateKind.current = 'clean'
      // The save state shows from the start: an article just opened was last saved when the file was written.
      setSaveStateRaw({ kind: 'clean', savedAt: result.article.updatedAt })
    },
    [bridge],
  )

  useEffect(() => {
    let cancelled = false
    const previous = session.current
    // Switching article flushes the previous one first (its own session, so nothing mixes).
    if (previous && (previous.dirty || previous.bodyDirty)) void saveRef.current(previous, 'auto')
    session.current = null
    bodySource.current = null
    setFields(null)
    setLoaded(null)
    setLoadError(null)
    stateKind.current = 'clean'
    setSaveStateRaw({ kind: 'clean', savedAt: null })
    if (articleId) void load(articleId, () => cancelled)
    return () => {
      cancelled = true
      const s = session.current
      // Take the body now, while the editor still exists.
      if (s && s.bodyDirty && bodySource.current) {
        s.latest = { ...s.latest, body: bodySource.current() }
        s.bodyDirty = false
        s.dirty = true
      }
    }
  }, [articleId, load])

  // Blur and closing the window flush pending edits.
  useEffect(() => {
    const flush = () => {
      const s = session.current
      if (s && (s.dirty || s.bodyDirty)) void saveRef.current(s, 'auto')
    }
    window.addEventListener('blur', flush)
    window.addEventListener('beforeunload', flush)
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('blur', flush)
      window.removeEventListener('beforeunload', flush)
      window.removeEventListener('pagehide', flush)
    }
  }, [])

  // Quit: main asks for a save now and waits (bounded) for the answer. When the save fails the fields are
  // journaled first, so the crash journal still holds the text after the app is gone.
  useEffect(
    () =>
      bridge.on('app:flush-request', (requestId) => {
        void (async (): Promise<FlushOutcome> => {
          const s = session.current
          if (!s) return { ok: true }
          await saveRef.current(s, 'explicit')
          if (!s.dirty && !s.bodyDirty) return { ok: true }
          const body = s.bodyDirty && bodySource.current ? bodySource.current() : s.latest.body
          await bridge.journal.write(s.id, s.baseHash, { ...s.latest, body }).catch(() => undefined)
          const state = stateKind.current === 'failed' ? lastFailure.current : null
          return { ok: false, reason: 'save-failed', message: state ?? 'not saved' }
        })()
          .catch((error: unknown): FlushOutcome => ({ ok: false, reason: 'save-failed', message: String(error) }))
          .then((outcome) => bridge.app.flushed(requestId, outcome))
          .catch(() => undefined)
      }),
    [bridge],
  )

  /** Applies a change from the form. */
  const update = useCallback(
    (patch: Partial<ArticleFields>) => {
      const s = session.current
      if (!s) return
      s.latest = { ...s.latest, ...patch }
      s.dirty = true
      setFields(s.latest)
      setSaveState({ kind: 'dirty' })
      schedule(s)
    },
    [setSaveState],
  )

  /** Notes a body change; cheap enough to call on every keystroke. */
  const markBodyDirty = useCallback(() => {
    const s = session.current
    if (!s) return
    s.bodyDirty = true
    setSaveState({ kind: 'dirty' })
    schedule(s)
  }, [setSaveState])

  /** Reloads the open article from disk (after a history restore); unsaved edits are saved first. */
  const reload = useCallback(async () => {
    const s = session.current
    if (!s) return
    await saveSession(s, 'auto')
    await load(s.id, () => session.current !== s && session.current !== null)
  }, [load, saveSession])

  /** The current fields including the body as the editor has it (for previews and history diffs). */
  const snapshot = useCallback((): ArticleFields | null => {
    const s = session.current
    if (!s) return null
    return s.bodyDirty && bodySource.current ? { ...s.latest, body: bodySource.current() } : s.latest
  }, [])

  /** True when the open article has edits not yet saved. */
  const isDirty = useCallback((): boolean => {
    const s = session.current
    return s !== null && (s.dirty || s.bodyDirty || s.inFlight !== null)
  }, [])

  /** Conflict "keep mine": adopt the disk's current hash as the base and save the edits over it. */
  const keepMine = useCallback(
    async (diskHash: string) => {
      const s = session.current
      if (!s) return
      s.baseHash = diskHash
      s.dirty = true
      await saveSession(s, 'explicit')
    },
    [saveSession],
  )

  /** Conflict "take the disk version", or a clean reload: drops unsaved edits and loads the file. */
  const takeDisk = useCallback(async () => {
    const s = session.current
    if (!s) return
    s.autosave?.cancel()
    s.journal?.cancel()
    s.dirty = false
    s.bodyDirty = false
    await load(s.id, () => session.current !== s && session.current !== null)
  }, [load])

  /** Replaces the open fields with restored ones (crash journal) as unsaved edits. */
  const restoreFields = useCallback(
    (restored: ArticleFields) => {
      const s = session.current
      if (!s) return
      s.latest = restored
      s.dirty = true
      s.bodyDirty = false
      setFields(restored)
      setGeneration((g) => g + 1)
      setSaveState({ kind: 'dirty' })
      schedule(s)
    },
    [setSaveState],
  )

  /** Deleted on disk while open: the text stays as unsaved edits; saving recreates the file. */
  const markUnsaved = useCallback(() => {
    const s = session.current
    if (!s) return
    s.dirty = true
    setSaveState({ kind: 'dirty' })
  }, [setSaveState])

  return {
    fields,
    loaded,
    saveState,
    loadError,
    generation,
    update,
    markBodyDirty,
    bodySource,
    saveNow,
    reload,
    snapshot,
    isDirty,
    keepMine,
    takeDisk,
    restoreFields,
    markUnsaved,
  }
}
