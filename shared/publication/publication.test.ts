import { describe, expect, it } from 'vitest'
import {
  applyPublicationEdits,
  defaultPublication,
  normalizePublication,
  publicationKeyDocs,
  publicationSettingsSchema,
} from './publication'

const DEFAULTS = defaultPublication('Test Daily')

describe('defaultPublication', () => {
  it('names a new workspace after its folder, never after the sample, and validates', () => {
    const d = defaultPublication('harbour-gazette', 'Europe/Madrid')
    expect(d.name).toBe('harbour-gazette')
    expect(d.name).not.toContain('Riverton')
    expect(d.timeZone).toBe('Europe/Madrid')
    expect(d.baseUrl).toBeNull()
    expect(publicationSettingsSchema.safeParse(d).success).toBe(true)
  })

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(defaultPublication('x', 'Mars/Olympus').timeZone).toBe('UTC')
  })
})

describe('normalizePublication', () => {
  it('clamps out-of-range counts, line clamps and budgets', () => {
    const n = normalizePublication(
      { itemsPerPage: 1000, headlineLines: 0, standfirstLines: 99.6, budgets: { headline: 3, standfirst: 9e9 } },
      DEFAULTS,
    )
    expect(n.itemsPerPage).toBe(100)
    expect(n.headlineLines).toBe(1)
    expect(n.standfirstLines).toBe(10)
    expect(n.budgets).toEqual({ headline: 10, standfirst: 5000, slug: DEFAULTS.budgets.slug })
    expect(normalizePublication({ itemsPerPage: Number.NaN }, DEFAULTS).itemsPerPage).toBe(DEFAULTS.itemsPerPage)
  })

  it('keeps the workspace defaults for missing keys (an older file) and drops a bad zone or URL', () => {
    const n = normalizePublication(
      { name: 'Old Paper', timeZone: 'Nowhere/Special', baseUrl: 'javascript:x' },
      DEFAULTS,
    )
    expect(n).toMatchObject({ name: 'Old Paper', timeZone: 'UTC', baseUrl: null, rssItems: 50 })
  })

  it('always gives settings the schema accepts, whatever the form or file held (the preview sends them)', () => {
    const garbage: Record<string, unknown>[] = [
      {},
      { name: '', timeZone: 'Europe/Ma', baseUrl: 'https://', locale: 'e', language: '??', kind: 'podcast' },
      { itemsPerPage: 'ten', budgets: { headline: -1, standfirst: 'x' }, statuses: 'ready', tag: '   ' },
      { rssItems: 1e9, headlineLines: Number.NaN, standfirstLines: -3, heading: 'h'.repeat(500) },
    ]
    for (const input of garbage) {
      const result = publicationSettingsSchema.safeParse(normalizePublication(input, DEFAULTS))
      expect(result.success, JSON.stringify(input)).toBe(true)
    }
  })

  it('falls back to the default statuses when none are left and drops duplicates', () => {
    expect(normalizePublication({ statuses: [] }, DEFAULTS).statuses).toEqual(['ready', 'published'])
    expect(normalizePublication({ statuses: ['draft', 'draft', 'bogus'] }, DEFAULTS).statuses).toEqual(['draft'])
  })
})

describe('the schema', () => {
  it('refuses bad settings with a specific message', () => {
    const r = publicationSettingsSchema.safeParse({ ...DEFAULTS, itemsPerPage: 0 })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['itemsPerPage'])
    const zone = publicationSettingsSchema.safeParse({ ...DEFAULTS, timeZone: 'Madrid' })
    expect(zone.error?.issues[0]?.message).toContain('IANA time zone')
    expect(publicationSettingsSchema.safeParse({ ...DEFAULTS, extra: 1 }).success).toBe(false)
  })

  it('documents every key of the file', () => {
    const documented = new Set(publicationKeyDocs.map((d) => d.key.split('.')[0]))
    expect([...documented].sort()).toEqual(Object.keys(publicationSettingsSchema.shape).sort())
  })
})

describe('applyPublicationEdits', () => {
  it('sets strings, numbers, lists, nested budgets, and clears with an empty value', () => {
    const r = applyPublicationEdits({ ...DEFAULTS, tag: 'x' }, [
      'name=El Diario',
      'baseUrl=https://diario.example.org',
      'timeZone=Europe/Madrid',
      'statuses=published',
      'rssItems=20',
      'budgets.headline=70',
      'tag=',
    ])
    expect(r).toEqual({
      ok: true,
      settings: {
        ...DEFAULTS,
        name: 'El Diario',
        baseUrl: 'https://diario.example.org/',
        timeZone: 'Europe/Madrid',
        statuses: ['published'],
        rssItems: 20,
        budgets: { ...DEFAULTS.budgets, headline: 70 },
        tag: null,
      },
    })
  })

  it('refuses unknown keys, non-numbers and invalid values, naming the key', () => {
    expect(applyPublicationEdits(DEFAULTS, ['colour=red'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown key "colour"'),
    })
    expect(applyPublicationEdits(DEFAULTS, ['rssItems=many'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('rssItems must be a number'),
    })
    expect(applyPublicationEdits(DEFAULTS, ['baseUrl=ftp://x'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('baseUrl'),
    })
    expect(applyPublicationEdits(DEFAULTS, ['timeZone=Mars/Base'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('timeZone'),
    })
    expect(applyPublicationEdits(DEFAULTS, ['nokey'])).toMatchObject({
      ok: false,
      message: expect.stringContaining('key=value'),
    })
  })
})
