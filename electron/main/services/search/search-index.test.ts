import { describe, expect, it } from 'vitest'
import { searchDoc as doc } from '../test-support'
import { ArticleSearchIndex, type SearchDoc } from './search-index'

function index(...docs: SearchDoc[]) {
  const i = new ArticleSearchIndex()
  for (const d of docs) i.add(d)
  return i
}

describe('ArticleSearchIndex', () => {
  const i = index(
    doc('a', { headline: 'La elección en México', language: 'es', tags: ['elecciones'] }),
    doc('b', { body: 'The council election turnout', status: 'ready' }),
    doc('c', { headline: 'Council budget', body: 'council council council' }),
    doc('d', { byline: 'By Carmen Ríos' }),
  )

  it('matches accent- and case-insensitively both ways', () => {
    // "election" is one typo away, so it matches too, ranked below the exact (folded) match.
    expect(i.search('eleccion').ids).toEqual(['a', 'b'])
    expect(i.search('ELECCIÓN').ids[0]).toBe('a')
    expect(i.search('mexico').ids).toEqual(['a'])
    expect(i.search('rios').ids).toEqual(['d'])
  })

  it('matches prefixes and typos, and needs every word', () => {
    expect(i.search('elec').ids.sort()).toEqual(['a', 'b'])
    expect(i.search('councl').ids.sort()).toEqual(['b', 'c'])
    expect(i.search('council turnout').ids).toEqual(['b'])
    expect(i.search('council zebra').ids).toEqual([])
  })

  it('ranks a headline match and repeated terms higher', () => {
    expect(i.search('council').ids).toEqual(['c', 'b'])
  })

  it('applies filters and reports the total and matched terms', () => {
    expect(i.search('elec', { status: 'ready' }).ids).toEqual(['b'])
    expect(i.search('elec', { tag: 'elecciones' }).ids).toEqual(['a'])
    const answer = i.search('elec')
    expect(answer.total).toBe(2)
    expect(answer.terms).toEqual(expect.arrayContaining(['elec', 'eleccion', 'election']))
  })

  it('replaces and removes documents, and compacts', () => {
    const j = index(doc('x', { headline: 'old words' }))
    j.add(doc('x', { headline: 'new words' }))
    expect(j.search('old').ids).toEqual([])
    expect(j.search('new').ids).toEqual(['x'])
    j.remove('x')
    expect(j.search('words').ids).toEqual([])
    const many = new ArticleSearchIndex()
    for (let k = 0; k < 3000; k += 1) many.add(doc(`d${k}`, { headline: `story ${k % 7 === 0 ? 'harbour' : 'quay'}` }))
    for (let k = 0; k < 2000; k += 1) many.remove(`d${k}`)
    expect(many.size).toBe(1000)
    expect(many.search('harbour').total).toBe([...Array(1000).keys()].filter((k) => (k + 2000) % 7 === 0).length)
  })

  it('caps the ids but not the total', () => {
    const many = new ArticleSearchIndex()
    for (let k = 0; k < 50; k += 1) many.add(doc(`d${k}`, { headline: 'river' }))
    const answer = many.search('river', {}, 10)
    expect(answer.ids).toHaveLength(10)
    expect(answer.total).toBe(50)
  })
})

describe('search with the conflicted and review filters', () => {
  it('applies them as the list does', () => {
    const i = index(
      doc('a', { headline: 'bridge', conflicted: true }),
      doc('b', { headline: 'bridge', assignee: 'ana@example.org' }),
      doc('c', { headline: 'bridge', reviewer: 'Ana', status: 'review' }),
    )
    const me = { name: 'Ana', email: 'ana@example.org' }
    expect(i.search('bridge', { conflicted: true }).ids).toEqual(['a'])
    expect(i.search('bridge', { review: { filter: 'assigned-to-me', me } }).ids).toEqual(['b'])
    expect(i.search('bridge', { review: { filter: 'waiting-for-my-review', me } }).ids).toEqual(['c'])
  })
})
