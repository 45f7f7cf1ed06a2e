import { useEffect, useRef, useState } from 'react'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { ArticleFilter } from '../../../shared/listing/filter'
import type { SearchAnswer } from '../../../shared/listing/api-types'

/** Debounce of the as-you-type search; the query itself runs in main, so typing never waits for it. */
const SEARCH_DELAY_MS = 60
/** While main is still indexing (a partial answer), the query re-runs this often until the answer is complete. */
const PARTIAL_REFRESH_MS = 1000

/**
 * Runs the library search as the user types; null while the box is empty. Late answers are dropped.
 * `version` changes when the library does (the list array), so results follow saves without a refetch per key.
 */
export function useSearch(bridge: NewsdeskBridge, text: string, filters: ArticleFilter, version: unknown) {
  const [answer, setAnswer] = useState<SearchAnswer | null>(null)
  const [error, setError] = useState<string | null>(null)
  const seq = useRef(0)
  const [refresh, setRefresh] = useState(0)
  const { status, kind, tag, language } = filters
  const partial = answer?.indexing !== undefined
  useEffect(() => {
    if (!partial) return
    const timer = setTimeout(() => setRefresh((n) => n + 1), PARTIAL_REFRESH_MS)
    return () => clearTimeout(timer)
  }, [partial, answer])
  useEffect(() => {
    const mine = ++seq.current
    if (text.trim() === '') {
      setAnswer(null)
      setError(null)
      return
    }
    const timer = setTimeout(() => {
      bridge.search
        .query(text, { status, kind, tag, language })
        .then((next) => {
          if (mine === seq.current) {
            setAnswer(next)
            setError(null)
          }
        })
        .catch((e: unknown) => {
          if (mine === seq.current) setError(e instanceof Error ? e.message : String(e))
        })
    }, SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [bridge, text, status, kind, tag, language, version, refresh])
  return { answer, error }
}
