import { Fragment, type ReactNode } from 'react'
import { highlightRanges } from '../../../shared/listing/search-text'

/** Text with the search terms wrapped in <mark>, matched accent- and case-insensitively. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }) {
  const ranges = highlightRanges(text, terms)
  if (ranges.length === 0) return <>{text}</>
  const parts: ReactNode[] = []
  let at = 0
  for (const r of ranges) {
    if (r.start > at) parts.push(<Fragment key={`t${at}`}>{text.slice(at, r.start)}</Fragment>)
    parts.push(<mark key={`m${r.start}`}>{text.slice(r.start, r.end)}</mark>)
    at = r.end
  }
  if (at < text.length) parts.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>)
  return <>{parts}</>
}
