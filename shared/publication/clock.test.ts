import { describe, expect, it } from 'vitest'
import {
  clockFormat,
  compactStyle,
  formatDateInZone,
  formatInZone,
  formatWallInput,
  isoFromWallTime,
  isoInZone,
  parseWallInput,
  rfc822InZone,
  sameDayInZone,
  wallInputFormat,
  wallTimeInZone,
} from './clock'

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

// Madrid changes clocks on 29 March 2026 (02:00 CET -> 03:00 CEST, at 01:00Z) and on 25 October 2026
// (03:00 CEST -> 02:00 CET, at 01:00Z). The machine running the tests may be anywhere: nothing here reads it.
describe('times in the UI language and the publication zone, across a DST change', () => {
  it("writes a typed value the UI language's way, in the zone", () => {
    expect(wallInputFormat('es')).toEqual({
      order: ['day', 'month', 'year', 'hour', 'minute'],
      hour12: false,
      dayPeriods: expect.any(Array),
    })
    expect(wallInputFormat('en').order).toEqual(['month', 'day', 'year', 'hour', 'minute'])
    expect(wallInputFormat('en').hour12).toBe(true)
    // The day before and the day after spring forward: 09:00 on both sides, one hour apart in UTC.
    expect(formatWallInput('2026-03-28T08:00:00.000Z', 'es', 'Europe/Madrid')).toBe('28/03/2026, 09:00')
    expect(formatWallInput('2026-03-29T07:00:00.000Z', 'es', 'Europe/Madrid')).toBe('29/03/2026, 09:00')
    expect(formatWallInput('2026-03-29T07:00:00.000Z', 'en', 'Europe/Madrid')).toBe('03/29/2026, 09:00 AM')
    expect(formatWallInput('2026-10-26T08:00:00.000Z', 'es', 'Europe/Madrid')).toBe('26/10/2026, 09:00')
    expect(formatWallInput(null, 'es', 'Europe/Madrid')).toBe('')
  })

  it('reads a typed value as the wall clock of the zone on either side of the change', () => {
    expect(parseWallInput('28/03/2026 09:00', 'es', 'Europe/Madrid')).toEqual({
      ok: true,
      iso: '2026-03-28T08:00:00.000Z',
      shifted: false,
    })
    expect(parseWallInput('29/03/2026, 09:00', 'es', 'Europe/Madrid')).toEqual({
      ok: true,
      iso: '2026-03-29T07:00:00.000Z',
      shifted: false,
    })
    expect(parseWallInput('03/29/2026, 9:00 PM', 'en', 'Europe/Madrid')).toEqual({
      ok: true,
      iso: '2026-03-29T19:00:00.000Z',
      shifted: false,
    })
    expect(parseWallInput('10/25/2026 12:30 a.m.', 'en', 'Europe/Madrid')).toMatchObject({
      ok: true,
      iso: '2026-10-24T22:30:00.000Z',
    })
    // Autumn: 04:00 is CET again (UTC+1).
    expect(parseWallInput('25/10/2026 04:00', 'es', 'Europe/Madrid')).toMatchObject({ iso: '2026-10-25T03:00:00.000Z' })
    // The same text, another publication zone: another instant.
    expect(parseWallInput('29/03/2026 09:00', 'es', 'America/New_York')).toMatchObject({
      iso: '2026-03-29T13:00:00.000Z',
    })
  })

  it('moves a time the zone skips to the later offset and says so', () => {
    const gap = parseWallInput('29/03/2026 02:30', 'es', 'Europe/Madrid')
    expect(gap).toEqual({ ok: true, iso: '2026-03-29T01:30:00.000Z', shifted: true })
    expect(formatWallInput(gap.ok ? gap.iso : null, 'es', 'Europe/Madrid')).toBe('29/03/2026, 03:30')
  })

  it('round-trips what it writes, in both languages and both halves of the year', () => {
    for (const iso of [
      '2026-03-29T00:59:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T00:59:00.000Z',
      '2026-10-25T01:00:00.000Z',
    ]) {
      for (const locale of ['es', 'en']) {
        const typed = formatWallInput(iso, locale, 'Europe/Madrid')
        const back = parseWallInput(typed, locale, 'Europe/Madrid')
        // 02:59 on 25 October happens twice; the wall text cannot tell which, and the later (CET) is read.
        if (iso === '2026-10-25T00:59:00.000Z')
          expect(back).toMatchObject({ ok: true, iso: '2026-10-25T01:59:00.000Z' })
        else expect(back).toMatchObject({ ok: true, iso })
      }
    }
  })

  it('names what is wrong with a bad value', () => {
    expect(parseWallInput('', 'es', 'Europe/Madrid')).toEqual({ ok: true, iso: null, shifted: false })
    expect(parseWallInput('mañana', 'es', 'Europe/Madrid')).toEqual({ ok: false, problem: 'format' })
    expect(parseWallInput('31/02/2026 09:00', 'es', 'Europe/Madrid')).toEqual({ ok: false, problem: 'date' })
    expect(parseWallInput('12/31/2026 09:00', 'es', 'Europe/Madrid')).toEqual({ ok: false, problem: 'date' })
    expect(parseWallInput('01/12/2026 24:10', 'es', 'Europe/Madrid')).toEqual({ ok: false, problem: 'time' })
    expect(parseWallInput('12/01/2026 13:00 PM', 'en', 'Europe/Madrid')).toEqual({ ok: false, problem: 'time' })
    expect(parseWallInput('01/12/2026 09:00 xyz', 'es', 'Europe/Madrid')).toEqual({ ok: false, problem: 'format' })
  })

  it("shows instants in the UI language and the zone, whatever the machine's zone", () => {
    // 23:30Z on 28 March is already the 29th in Madrid; the hour after the change reads 03:xx, not 02:xx.
    expect(formatInZone('2026-03-28T23:30:00.000Z', 'es', 'Europe/Madrid', 'medium')).toBe('29 mar 2026, 0:30')
    expect(formatInZone('2026-03-29T01:30:00.000Z', 'es', 'Europe/Madrid', 'time')).toBe('3:30')
    expect(formatInZone('2026-03-29T00:30:00.000Z', 'en', 'Europe/Madrid', 'time')).toMatch(/^1:30\sAM$/)
    expect(formatInZone('2026-10-25T01:30:00.000Z', 'es', 'Europe/Madrid', 'short')).toBe('25/10/26, 2:30')
    expect(sameDayInZone('2026-03-28T23:30:00.000Z', '2026-03-29T10:00:00.000Z', 'Europe/Madrid')).toBe(true)
    expect(sameDayInZone('2026-03-28T23:30:00.000Z', '2026-03-29T10:00:00.000Z', 'UTC')).toBe(false)
  })
})

describe('a list row\'s compact date', () => {
  const now = new Date('2026-12-05T14:00:00.000Z')
  it('is the time today, the day and month this year, the short date before, with days in the zone', () => {
    expect(compactStyle('2026-12-05T08:00:00.000Z', now, 'Europe/Madrid')).toBe('time')
    expect(compactStyle('2026-11-23T08:00:00.000Z', now, 'Europe/Madrid')).toBe('dayMonth')
    expect(compactStyle('2025-12-05T08:00:00.000Z', now, 'Europe/Madrid')).toBe('date')
    // 23:30Z on 4 December is already the 5th in Madrid, still the 4th in New York.
    expect(compactStyle('2026-12-04T23:30:00.000Z', now, 'Europe/Madrid')).toBe('time')
    expect(compactStyle('2026-12-04T23:30:00.000Z', now, 'America/New_York')).toBe('dayMonth')
    expect(compactStyle('not a date', now, 'UTC')).toBe('date')
  })
  it('is written in the UI language, and an unknown zone falls back to UTC instead of throwing', () => {
    const at = new Date('2026-11-23T08:00:00.000Z')
    expect(clockFormat('es', 'Europe/Madrid', 'dayMonth').format(at)).toBe('23 nov')
    expect(clockFormat('en', 'Europe/Madrid', 'dayMonth').format(at)).toBe('Nov 23')
    expect(clockFormat('en', 'Europe/Madrid', 'date').format(at)).toBe('11/23/26')
    expect(clockFormat('en', 'Mars/Olympus', 'date').resolvedOptions().timeZone).toBe('UTC')
  })
})
