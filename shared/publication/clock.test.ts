import { describe, expect, it } from 'vitest'
import { formatDateInZone, isoFromWallTime, isoInZone, rfc822InZone, wallTimeInZone } from './clock'

// An editor in Madrid sets 09:00 on 23 November (CET, UTC+1): stored as 08:00Z.
const MADRID_NINE = '2026-11-23T08:00:00.000Z'

describe('the Madrid clock', () => {
  it('shows 9:00 in Madrid, not 8:00, with the zone named', () => {
    const shown = formatDateInZone(MADRID_NINE, 'en', 'Europe/Madrid')
    expect(shown).toMatch(/9:00/)
    expect(shown).not.toMatch(/8:00/)
    expect(shown).toMatch(/GMT\+1|CET/)
    expect(formatDateInZone(MADRID_NINE, 'es', 'Europe/Madrid')).toMatch(/9:00/)
  })

  it('writes ISO 8601 with the offset (summer time too)', () => {
    expect(isoInZone(MADRID_NINE, 'Europe/Madrid')).toBe('2026-11-23T09:00:00+01:00')
    expect(isoInZone('2026-07-01T07:00:00.000Z', 'Europe/Madrid')).toBe('2026-07-01T09:00:00+02:00')
    expect(isoInZone('2026-07-01T07:00:00.250Z', 'America/New_York')).toBe('2026-07-01T03:00:00.250-04:00')
    expect(isoInZone('2026-07-01T07:00:00Z', 'Asia/Kolkata')).toBe('2026-07-01T12:30:00+05:30')
    expect(isoInZone(MADRID_NINE, 'UTC')).toBe('2026-11-23T08:00:00+00:00')
    // The same instant: parsing the offset form gives the stored time back.
    expect(new Date(isoInZone(MADRID_NINE, 'Europe/Madrid')).toISOString()).toBe(MADRID_NINE)
  })

  it('writes RFC 822 with the zone offset, the weekday and date of the zone', () => {
    expect(rfc822InZone(MADRID_NINE, 'Europe/Madrid')).toBe('Mon, 23 Nov 2026 09:00:00 +0100')
    expect(rfc822InZone('2026-11-23T23:30:00.000Z', 'Europe/Madrid')).toBe('Tue, 24 Nov 2026 00:30:00 +0100')
    expect(rfc822InZone('2026-11-20T10:00:00.000Z', 'UTC')).toBe('Fri, 20 Nov 2026 10:00:00 +0000')
  })

  it('leaves an unparseable value as it is', () => {
    expect(isoInZone('not a date', 'Europe/Madrid')).toBe('not a date')
    expect(formatDateInZone('not a date', 'en', 'Europe/Madrid')).toBe('not a date')
  })
})

describe("the editor's publish-time field in the publication zone", () => {
  it('09:00 typed in Madrid is stored as 08:00Z and shown back as 09:00, whatever the machine zone', () => {
    expect(isoFromWallTime('2026-11-23T09:00', 'Europe/Madrid')).toBe(MADRID_NINE)
    expect(wallTimeInZone(MADRID_NINE, 'Europe/Madrid')).toBe('2026-11-23T09:00')
    expect(isoFromWallTime('2026-07-01T09:00', 'Europe/Madrid')).toBe('2026-07-01T07:00:00.000Z')
    expect(isoFromWallTime('2026-11-23T09:00', 'America/New_York')).toBe('2026-11-23T14:00:00.000Z')
    expect(isoFromWallTime('', 'Europe/Madrid')).toBeNull()
    expect(isoFromWallTime('23/11/2026', 'Europe/Madrid')).toBeNull()
    expect(wallTimeInZone(null, 'UTC')).toBe('')
  })
})
