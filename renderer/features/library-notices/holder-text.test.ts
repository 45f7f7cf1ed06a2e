import { describe, expect, it } from 'vitest'
import { localTime, parseLockHolder } from './holder-text'

describe('the read-only banner text', () => {
  it('takes the host and the lock time out of main’s description, leaving the pid out', () => {
    const holder = parseLockHolder('pid 4242 on newsroom-3 since 2026-12-05T09:12:00.000Z')
    expect(holder?.host).toBe('newsroom-3')
    expect(holder?.since?.toISOString()).toBe('2026-12-05T09:12:00.000Z')
  })

  it('keeps unknown text whole and has no time for it', () => {
    expect(parseLockHolder('someone else')).toEqual({ host: 'someone else', since: null })
    expect(parseLockHolder(null)).toBeNull()
  })

  it('writes the time in the UI language, not as an ISO string', () => {
    const text = localTime(new Date('2026-12-05T09:12:00.000Z'), 'es')
    expect(text).not.toContain('T09')
    expect(text).toMatch(/2026/)
  })
})
