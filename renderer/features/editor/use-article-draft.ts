import { useCallback, useEffect, useRef, useState } from 'react'
import type { Article, ArticleFields } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'

/** Where the open draft stands with respect to the disk. */
export type SaveState =
  | { kind: 'clean'; savedAt: string | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; reason: string }

/** Autosave fires this long after the last edit. */
export const AUTOSAVE_DELAY_MS = 800

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
  }
}

/**
 * Holds the open article's fields, saves them through the bridge at most AUTOSAVE_DELAY_MS after typing
 * stops (and on demand), and keeps the edits when a save fails.
 */
export function useArticleDraft(bridge: NewsdeskBridge, articleId: string | null, onSaved: () => void) {
  const [fields, setFields] = useState<ArticleFields | null>(null)
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'clean', savedAt: null })
  const [loadError, setLoadError] = useState<string | null>(null)
  const baseHash = useRef<string | null>(null)
  const latest = useRef<ArticleFields | null>(null)
  const dirty = useRef(false)
  const inFlight = useRef<Promise<void> | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const onSavedRef = useRef(onSaved)
  onSavedRef.current = onSaved

  const saveNow = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (inFlight.current) await inFlight.current
    if (!dirty.current || !articleId || !latest.current || !baseHash.current) return
    const sent = latest.current
    dirty.current = false
    setSaveState({ kind: 'saving' })
    const run = (async () => {
      try {
        const result = await bridge.articles.save({ id: articleId, baseHash: baseHash.current ?? '', fields: sent })
        if (result.ok) {
          baseHash.current = result.hash
          if (latest.current === sent) setSaveState({ kind: 'clean', savedAt: result.savedAt })
          onSavedRef.current()
        } else {
          dirty.current = true
          setSaveState({ kind: 'failed', reason: result.message })
        }
      } catch (error) {
        dirty.current = true
        setSaveState({ kind: 'failed', reason: (error as Error).message })
      }
    })()
    inFlight.current = run
    await run
    inFlight.current = null
    // Edits typed while the save was in flight get their own save.
    if (dirty.current && latest.current !== sent && timer.current === null) {
      timer.current = setTimeout(() => void saveNowRef.current(), AUTOSAVE_DELAY_MS)
    }
  }, [bridge, articleId])
  const saveNowRef = useRef(saveNow)
  saveNowRef.current = saveNow

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void saveNowRef.current(), AUTOSAVE_DELAY_MS)
  }, [])

  useEffect(() => {
    let cancelled = false
    setFields(null)
    setLoadError(null)
    baseHash.current = null
    latest.current = null
    dirty.current = false
    setSaveState({ kind: 'clean', savedAt: null })
    if (!articleId) return
    void bridge.articles.load(articleId).then((result) => {
      if (cancelled) return
      if (!result.ok) {
        setLoadError(result.message)
        return
      }
      baseHash.current = result.hash
      latest.current = fieldsOf(result.article)
      setFields(latest.current)
    })
    return () => {
      cancelled = true
    }
  }, [bridge, articleId])

  // Switching article or closing the window flushes pending edits first.
  useEffect(() => {
    const flush = () => void saveNow()
    window.addEventListener('blur', flush)
    window.addEventListener('beforeunload', flush)
    return () => {
      window.removeEventListener('blur', flush)
      window.removeEventListener('beforeunload', flush)
      if (dirty.current) void saveNow()
    }
  }, [saveNow])

  const update = useCallback(
    (patch: Partial<ArticleFields>) => {
      if (!latest.current) return
      latest.current = { ...latest.current, ...patch }
      dirty.current = true
      setFields(latest.current)
      setSaveState({ kind: 'dirty' })
      schedule()
    },
    [schedule],
  )

  return { fields, saveState, loadError, update, saveNow }
}
