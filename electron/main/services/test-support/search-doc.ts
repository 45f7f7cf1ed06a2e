import type { SearchDoc } from '../search'

/** A search document with every field empty or at its default, but the id and what `over` sets. */
export function searchDoc(id: string, over: Partial<SearchDoc> = {}): SearchDoc {
  return {
    id,
    headline: '',
    standfirst: '',
    body: '',
    tags: [],
    byline: '',
    status: 'draft',
    kind: 'article',
    language: 'en',
    conflicted: false,
    assignee: null,
    reviewer: null,
    ...over,
  }
}
