import SearchableMap from 'minisearch/SearchableMap'
import { matchesFilter, type ArticleFilter, type FilterFacts } from '../../../../shared/listing/filter'
import { foldText } from '../../../../shared/listing/search-text'

/** What the search index holds for one article. */
export interface SearchDoc {
  id: string
  headline: string
  standfirst: string
  body: string
  tags: string[]
  byline: string
  status: string
  kind: string
  language: string
  conflicted: boolean
  assignee: string | null
  reviewer: string | null
}

/** Ranked ids (best first, at most `limit`), how many matched in all, and the folded terms that matched. */
export interface IndexAnswer {
  ids: string[]
  total: number
  terms: string[]
}

/** Splits on whitespace and punctuation, Unicode-aware (minisearch's default tokenizer). */
export const SPLIT = /[\n\r\p{Z}\p{P}]+/u

const FIELDS = [
  ['headline', 3],
  ['standfirst', 1.5],
  ['tags', 2],
  ['byline', 1],
  ['body', 1],
] as const
type FieldName = (typeof FIELDS)[number][0]

/**
 * Bumped whenever tokens, fields, term weights or the filter facts change, so a persisted index from older
 * code is rebuilt (2: the conflicted flag and the review fields joined the facts).
 */
export const INDEX_FORMAT = 2

/** Filter facts kept per document (what `matchesFilter` reads). */
export type DocMeta = FilterFacts

/**
 * The whole index as plain data (live documents only, renumbered 0..n-1), for the on-disk cache: the
 * postings of term `t` are `docs`/`weights` from the sum of the earlier `counts` on, `counts[t]` long.
 */
export interface IndexSnapshot {
  ids: string[]
  meta: DocMeta[]
  /** Token count of each field per document (`FIELD_NAMES` order, 5 per document; -1 = body not yet read). */
  lengths: number[]
  terms: string[]
  counts: Int32Array
  docs: Int32Array
  weights: Float32Array
}

/** Called between slices of long work; may return a promise (yield to the event loop) or throw (cancel). */
export type Pace = () => Promise<void> | void

/** The field names, in index order (the cache checks a snapshot against them). */
export const FIELD_NAMES: readonly FieldName[] = FIELDS.map(([f]) => f)

/** BM25 parameters (the usual defaults, as minisearch uses). */
const K1 = 1.2
const B = 0.7
/** Weight of a term reached by prefix and by fuzzy match, relative to an exact match (minisearch's defaults). */
const PREFIX_WEIGHT = 0.375
const FUZZY_WEIGHT = 0.45
/** Expansions of one query word considered at most (shortest/closest first), so "c" cannot fan out to thousands. */
const MAX_EXPANSIONS = 64

/** The folded tokens of a text. */
export function tokens(text: string): string[] {
  const out: string[] = []
  for (const raw of text.split(SPLIT)) {
    if (!raw) continue
    const t = foldText(raw)
    if (t) out.push(t)
  }
  return out
}

/**
 * The documents holding one term and the term's weight in each, in typed arrays that grow by doubling: a
 * 50,000-article library has tens of millions of postings, and typed arrays keep them out of what the
 * garbage collector has to trace (plain number arrays made every major GC pause long enough to be felt).
 */
class Postings {
  docs: Int32Array = new Int32Array(2)
  weights: Float32Array = new Float32Array(2)
  length = 0

  push(doc: number, weight: number): void {
    if (this.length === this.docs.length) {
      const size = Math.max(2, this.length * 2)
      const docs = new Int32Array(size)
      docs.set(this.docs)
      this.docs = docs
      const weights = new Float32Array(size)
      weights.set(this.weights)
      this.weights = weights
    }
    this.docs[this.length] = doc
    this.weights[this.length] = weight
    this.length += 1
  }

  /** Keeps only the postings whose document survives, renumbered by `remap` (-1 = removed). */
  compact(remap: Int32Array): void {
    let to = 0
    for (let k = 0; k < this.length; k += 1) {
      const doc = remap[this.docs[k] as number] as number
      if (doc < 0) continue
      this.docs[to] = doc
      this.weights[to] = this.weights[k] as number
      to += 1
    }
    this.length = to
  }
}

/**
 * Full-text index for the library: folded (accent- and case-insensitive) terms, prefix and fuzzy matching,
 * BM25-style ranking with field boosts, AND across query words.
 *
 * The term dictionary is minisearch's SearchableMap (a radix tree with prefix and fuzzy lookup). Postings and
 * scoring are done here over flat arrays because MiniSearch's own `search` was measured at 170–500 ms for one
 * common term over 50,000 articles (it builds an object per matching document); accumulating scores in typed
 * arrays answers the same query in a few milliseconds. Term weights are fixed when a document is added
 * (against the running average field lengths); idf is computed at query time. Replaced or removed documents
 * are tombstoned and compacted away once they make up a fifth of the index.
 */
export class ArticleSearchIndex {
  private dict = new SearchableMap<number>()
  private postings: Postings[] = []
  /** The term of each postings list (by term id), so a snapshot need not walk the radix tree. */
  private terms: string[] = []
  private ids: string[] = []
  private alive: boolean[] = []
  private meta: DocMeta[] = []
  private docNo = new Map<string, number>()
  private dead = 0
  private buffers: { score: Float64Array; hits: Uint16Array; seenByWord: Int32Array } | null = null
  /** Sum of the token counts of each field, and how many documents count towards it (for the averages). */
  private totalLength: Record<FieldName, number> = { headline: 0, standfirst: 0, tags: 0, byline: 0, body: 0 }
  private fieldDocs: Record<FieldName, number> = { headline: 0, standfirst: 0, tags: 0, byline: 0, body: 0 }
  /** Per document number, its field token counts (see `IndexSnapshot.lengths`). */
  private lengths: number[] = []
  /** False during a bulk (re)build: tombstones pile up and one `compact()` at the end clears them. */
  autoCompact = true

  /** Number of live documents. */
  get size(): number {
    return this.docNo.size
  }

  /** True when a document with this id is indexed. */
  has(id: string): boolean {
    return this.docNo.has(id)
  }

  /**
   * Adds a document, replacing any earlier version with the same id. `bodyPending`: the body is not known
   * yet (a summary indexed before its file is read), so it does not pull the average body length down.
   */
  add(doc: SearchDoc, bodyPending = false): void {
    this.remove(doc.id)
    const n = this.ids.length
    this.ids.push(doc.id)
    this.alive.push(true)
    this.meta.push({
      status: doc.status,
      kind: doc.kind,
      language: doc.language,
      tags: [...doc.tags],
      conflicted: doc.conflicted,
      assignee: doc.assignee,
      reviewer: doc.reviewer,
    })
    this.docNo.set(doc.id, n)
    const weights = new Map<string, number>()
    for (const [field, boost] of FIELDS) {
      if (bodyPending && field === 'body') {
        this.lengths.push(-1)
        continue
      }
      const value = field === 'tags' ? doc.tags.join(' ') : doc[field]
      const list = tokens(value)
      this.totalLength[field] += list.length
      this.fieldDocs[field] += 1
      this.lengths.push(list.length)
      if (list.length === 0) continue
      const avg = Math.max(1, this.totalLength[field] / this.fieldDocs[field])
      const tf = new Map<string, number>()
      for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1)
      for (const [term, f] of tf) {
        const w = (boost * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * list.length) / avg))
        weights.set(term, (weights.get(term) ?? 0) + w)
      }
    }
    for (const [term, w] of weights) {
      let id = this.dict.get(term)
      if (id === undefined) {
        id = this.postings.length
        this.dict.set(term, id)
        this.postings.push(new Postings())
        this.terms.push(term)
      }
      ;(this.postings[id] as Postings).push(n, w)
    }
  }

  /** Removes a document (a tombstone until the next compaction). */
  remove(id: string): void {
    const n = this.docNo.get(id)
    if (n === undefined) return
    this.alive[n] = false
    this.docNo.delete(id)
    FIELDS.forEach(([field], f) => {
      const length = this.lengths[n * FIELDS.length + f] as number
      if (length < 0) return
      this.totalLength[field] -= length
      this.fieldDocs[field] -= 1
    })
    this.dead += 1
    if (this.autoCompact && this.dead > 1000 && this.dead > this.ids.length / 5) this.compact()
  }

  /** Drops tombstoned documents and their postings, renumbering the rest. */
  compact(): void {
    if (this.dead === 0) return
    const remap = new Int32Array(this.ids.length).fill(-1)
    const ids: string[] = []
    const meta: typeof this.meta = []
    const lengths: number[] = []
    const f = FIELDS.length
    for (let i = 0; i < this.ids.length; i += 1) {
      if (!this.alive[i]) continue
      remap[i] = ids.length
      ids.push(this.ids[i] as string)
      meta.push(this.meta[i] as (typeof this.meta)[number])
      for (let k = 0; k < f; k += 1) lengths.push(this.lengths[i * f + k] as number)
    }
    this.lengths = lengths
    for (const p of this.postings) p.compact(remap)
    this.ids = ids
    this.meta = meta
    this.alive = ids.map(() => true)
    this.docNo = new Map(ids.map((id, i) => [id, i]))
    this.dead = 0
  }

  /**
   * The live index as plain data, renumbered without tombstones, for the on-disk cache. What is copied is
   * fixed when this is called (the live documents and terms of that moment); the postings are then copied
   * between `pace` calls. Later changes only append postings (of newer document numbers, left out) or
   * tombstone documents (the copy uses the liveness recorded at the start), so they do not disturb it.
   */
  async snapshot(pace: Pace): Promise<IndexSnapshot> {
    const n = this.ids.length
    const { remap, ids, meta: live, lengths } = this.liveDocs()
    const meta = live.map((m) => ({ ...m, tags: [...m.tags] }))
    const termCount = this.postings.length
    const postingLengths = new Int32Array(termCount)
    let bound = 0
    for (let t = 0; t < termCount; t += 1) {
      const length = (this.postings[t] as Postings).length
      postingLengths[t] = length
      bound += length
    }
    const docs = new Int32Array(bound)
    const weights = new Float32Array(bound)
    const terms: string[] = []
    const counts: number[] = []
    let at = 0
    for (let t = 0; t < termCount; t += 1) {
      const p = this.postings[t] as Postings
      const start = at
      for (let k = 0; k < (postingLengths[t] as number); k += 1) {
        const d = p.docs[k] as number
        const to = d < n ? (remap[d] as number) : -1
        if (to < 0) continue
        docs[at] = to
        weights[at] = p.weights[k] as number
        at += 1
      }
      if (at > start) {
        terms.push(this.terms[t] as string)
        counts.push(at - start)
      }
      if (t % 1024 === 1023) await pace()
    }
    return {
      ids,
      meta,
      lengths,
      terms,
      counts: Int32Array.from(counts),
      docs: docs.subarray(0, at),
      weights: weights.subarray(0, at),
    }
  }

  /** The live documents renumbered from 0 (`remap[old]` = new number, -1 when tombstoned) with their facts. */
  private liveDocs(): { remap: Int32Array; ids: string[]; meta: DocMeta[]; lengths: number[] } {
    const n = this.ids.length
    const f = FIELDS.length
    const remap = new Int32Array(n).fill(-1)
    const ids: string[] = []
    const meta: DocMeta[] = []
    const lengths: number[] = []
    for (let d = 0; d < n; d += 1) {
      if (!this.alive[d]) continue
      remap[d] = ids.length
      ids.push(this.ids[d] as string)
      meta.push(this.meta[d] as DocMeta)
      for (let k = 0; k < f; k += 1) lengths.push(this.lengths[d * f + k] as number)
    }
    return { remap, ids, meta, lengths }
  }

  /**
   * `compact()` in slices: the compacted postings are built beside the live ones (which keep answering
   * queries) and swapped in at the end. The caller must not change the index meanwhile (the background build
   * calls this while it alone writes to the index).
   */
  async compactPaced(pace: Pace): Promise<void> {
    if (this.dead === 0) return
    const { remap, ids, meta, lengths } = this.liveDocs()
    const postings: Postings[] = []
    for (let t = 0; t < this.postings.length; t += 1) {
      const old = this.postings[t] as Postings
      const p = new Postings()
      let live = 0
      for (let k = 0; k < old.length; k += 1) if ((remap[old.docs[k] as number] as number) >= 0) live += 1
      p.docs = new Int32Array(Math.max(2, live))
      p.weights = new Float32Array(Math.max(2, live))
      for (let k = 0; k < old.length; k += 1) {
        const to = remap[old.docs[k] as number] as number
        if (to < 0) continue
        p.docs[p.length] = to
        p.weights[p.length] = old.weights[k] as number
        p.length += 1
      }
      postings.push(p)
      if (t % 512 === 511) await pace()
    }
    this.postings = postings
    this.ids = ids
    this.meta = meta
    this.lengths = lengths
    this.alive = ids.map(() => true)
    this.docNo = new Map(ids.map((id, i) => [id, i]))
    this.dead = 0
  }

  /**
   * Rebuilds an index from a snapshot (already checked by the cache), calling `pace` every few thousand
   * terms so a large index loads without holding the event loop. Postings are views into the snapshot's
   * arrays, copied only when a document is added to that term later.
   */
  static async restore(snapshot: IndexSnapshot, pace: Pace): Promise<ArticleSearchIndex> {
    const index = new ArticleSearchIndex()
    index.ids = [...snapshot.ids]
    index.meta = snapshot.meta
    index.alive = snapshot.ids.map(() => true)
    index.docNo = new Map(snapshot.ids.map((id, i) => [id, i]))
    index.lengths = [...snapshot.lengths]
    FIELDS.forEach(([field], f) => {
      for (let d = 0; d < snapshot.ids.length; d += 1) {
        const length = snapshot.lengths[d * FIELDS.length + f] as number
        if (length < 0) continue
        index.totalLength[field] += length
        index.fieldDocs[field] += 1
      }
    })
    let at = 0
    for (let t = 0; t < snapshot.terms.length; t += 1) {
      const count = snapshot.counts[t] as number
      const p = new Postings()
      p.docs = snapshot.docs.subarray(at, at + count)
      p.weights = snapshot.weights.subarray(at, at + count)
      p.length = count
      at += count
      index.dict.set(snapshot.terms[t] as string, index.postings.length)
      index.postings.push(p)
      index.terms.push(snapshot.terms[t] as string)
      if (t % 2048 === 2047) await pace()
    }
    return index
  }

  /**
   * Per-query score arrays, reused from one query to the next (cleared, not reallocated), so typing does not
   * churn megabytes of typed arrays through the garbage collector in a large library.
   */
  private scratch(n: number): { score: Float64Array; hits: Uint16Array; seenByWord: Int32Array } {
    if (!this.buffers || this.buffers.score.length < n) {
      const size = Math.max(n, Math.ceil((this.buffers?.score.length ?? 0) * 1.5))
      this.buffers = { score: new Float64Array(size), hits: new Uint16Array(size), seenByWord: new Int32Array(size) }
    }
    const { score, hits, seenByWord } = this.buffers
    score.fill(0, 0, n)
    hits.fill(0, 0, n)
    seenByWord.fill(-1, 0, n)
    return this.buffers
  }

  /** The dictionary terms a query word reaches, each with its weight: exact, prefix (≥ 2 letters), fuzzy (≥ 4). */
  private expand(word: string): Map<number, { term: string; weight: number }> {
    const found = new Map<number, { term: string; weight: number }>()
    const exact = this.dict.get(word)
    if (exact !== undefined) found.set(exact, { term: word, weight: 1 })
    if (word.length >= 2) {
      const prefixed: [string, number][] = []
      for (const [suffix, id] of this.dict.atPrefix(word)) if (suffix !== word) prefixed.push([suffix, id])
      prefixed.sort((a, b) => a[0].length - b[0].length)
      for (const [term, id] of prefixed.slice(0, MAX_EXPANSIONS)) {
        if (!found.has(id)) found.set(id, { term, weight: (PREFIX_WEIGHT * word.length) / term.length })
      }
    }
    if (word.length >= 4) {
      const maxDistance = Math.min(2, Math.round(word.length * 0.2))
      const fuzzy = [...this.dict.fuzzyGet(word, maxDistance).entries()].sort((a, b) => a[1][1] - b[1][1])
      for (const [term, [id, distance]] of fuzzy.slice(0, MAX_EXPANSIONS)) {
        if (!found.has(id)) found.set(id, { term, weight: (FUZZY_WEIGHT * word.length) / (word.length + distance) })
      }
    }
    return found
  }

  /** Ranked matches of `text` that pass `filters`: every query word must match (AND). */
  search(text: string, filters: ArticleFilter = {}, limit = 500): IndexAnswer {
    const words = [...new Set(tokens(text))]
    if (words.length === 0 || this.docNo.size === 0) return { ids: [], total: 0, terms: [] }
    const n = this.ids.length
    const live = this.docNo.size
    const { score, hits, seenByWord } = this.scratch(n)
    const terms = new Set<string>(words)
    for (let w = 0; w < words.length; w += 1) {
      const expansions = this.expand(words[w] as string)
      if (expansions.size === 0) return { ids: [], total: 0, terms: [] }
      for (const [id, { term, weight }] of expansions) {
        const p = this.postings[id] as Postings
        if (p.length === 0) continue
        terms.add(term)
        const df = p.length
        const idf = Math.log(1 + (live - df + 0.5) / (df + 0.5))
        const factor = weight * idf
        const { docs, weights, length } = p
        for (let k = 0; k < length; k += 1) {
          const d = docs[k] as number
          score[d] = (score[d] as number) + factor * (weights[k] as number)
          if (seenByWord[d] !== w) {
            seenByWord[d] = w
            hits[d] = (hits[d] as number) + 1
          }
        }
      }
    }
    const need = words.length
    const matched: number[] = []
    for (let d = 0; d < n; d += 1) {
      if (hits[d] !== need || !this.alive[d]) continue
      if (!matchesFilter(this.meta[d] as DocMeta, filters)) continue
      matched.push(d)
    }
    const top = topK(matched, score, limit)
    return { ids: top.map((d) => this.ids[d] as string), total: matched.length, terms: [...terms] }
  }
}

/** The `k` best-scoring documents, best first (ties by insertion order): a bounded selection, not a full sort. */
function topK(docs: number[], score: Float64Array, k: number): number[] {
  const better = (a: number, b: number) =>
    (score[a] as number) > (score[b] as number) || (score[a] === score[b] && a < b)
  if (docs.length <= k) return docs.sort((a, b) => (better(a, b) ? -1 : 1))
  // A min-heap of the best k so far.
  const heap: number[] = []
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!better(heap[parent] as number, heap[i] as number)) break
      ;[heap[parent], heap[i]] = [heap[i] as number, heap[parent] as number]
      i = parent
    }
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < heap.length && better(heap[worst] as number, heap[l] as number)) worst = l
      if (r < heap.length && better(heap[worst] as number, heap[r] as number)) worst = r
      if (worst === i) return
      ;[heap[worst], heap[i]] = [heap[i] as number, heap[worst] as number]
      i = worst
    }
  }
  for (const d of docs) {
    if (heap.length < k) {
      heap.push(d)
      up(heap.length - 1)
    } else if (better(d, heap[0] as number)) {
      heap[0] = d
      down(0)
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1))
}
