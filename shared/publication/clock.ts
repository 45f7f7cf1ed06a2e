// The one clock of every output: times are shown and exported in the publication's IANA time zone, with its
// offset, through Intl (no time zone data of our own).

interface ZonedParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
  weekday: number
  /** Minutes east of UTC at that instant in that zone (+60 for Madrid in winter). */
  offset: number
}

const partFormats = new Map<string, Intl.DateTimeFormat>()

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partFormats.set(timeZone, format)
  }
  return format
}

/** The wall-clock parts of an instant in a time zone, and the zone's offset then. */
export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {}
  for (const p of partsFormat(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const ms = ((date.getTime() % 1000) + 1000) % 1000
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
    ms,
  )
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ms,
    weekday: new Date(wall).getUTCDay(),
    offset: Math.round((wall - date.getTime()) / 60000),
  }
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0')

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+'
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}${colon ? ':' : ''}${pad(Math.abs(minutes) % 60)}`
}

function parse(iso: string): Date | null {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

/**
 * An ISO 8601 time in the publication's zone with its offset ("2026-11-23T09:00:00+01:00"; milliseconds kept
 * when there are any). An unparseable value comes back as it is.
 */
export function isoInZone(iso: string, timeZone: string): string {
  const date = parse(iso)
  if (!date) return iso
  const p = zonedParts(date, timeZone)
  const ms = p.millisecond === 0 ? '' : `.${pad(p.millisecond, 3)}`
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${ms}${offsetText(p.offset, true)}`
}

/** `isoInZone` for a value that may be null. */
export function isoInZoneOrNull(iso: string | null, timeZone: string): string | null {
  return iso === null ? null : isoInZone(iso, timeZone)
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** An RFC 822 date (RSS 2.0 pubDate) in the publication's zone with its numeric offset: "Mon, 23 Nov 2026 09:00:00 +0100". */
export function rfc822InZone(iso: string, timeZone: string): string {
  const date = parse(iso) ?? new Date(0)
  const p = zonedParts(date, timeZone)
  return `${DAYS[p.weekday]}, ${pad(p.day)} ${MONTHS[p.month - 1]} ${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} ${offsetText(p.offset, false)}`
}

/**
 * A date and time for readers, in a locale's format and the publication's zone, with the zone named
 * ("November 23, 2026 at 9:00 AM GMT+1"). An unparseable value is shown as it is (escaped by the caller).
 */
export function formatDateInZone(iso: string, locale: string, timeZone: string): string {
  const date = parse(iso)
  if (!date) return iso
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }
  try {
    return new Intl.DateTimeFormat(locale, options).format(date)
  } catch {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' }).format(date)
  }
}

/** The wall-clock value of an instant in a zone, as a datetime-local input holds it ("2026-11-23T09:00"); '' for none. */
export function wallTimeInZone(iso: string | null, timeZone: string): string {
  if (!iso) return ''
  const date = parse(iso)
  if (!date) return ''
  const p = zonedParts(date, timeZone)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * The instant (UTC ISO) at which a zone's wall clock reads `wall` ("2026-11-23T09:00" in Europe/Madrid is
 * 08:00Z); null when empty or malformed. In a spring-forward gap the later offset is used.
 */
export function isoFromWallTime(wall: string, timeZone: string): string | null {
  const m = WALL_RE.exec(wall)
  if (!m) return null
  const [, y, mo, d, h, mi, s = '0'] = m
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  if (Number.isNaN(asUtc)) return null
  // The zone's offset at the guess, then at the corrected instant (twice settles it across a DST change).
  let instant = asUtc - zonedParts(new Date(asUtc), timeZone).offset * 60000
  instant = asUtc - zonedParts(new Date(instant), timeZone).offset * 60000
  return new Date(instant).toISOString()
}

/**
 * How much of an instant the UI shows: the time (with seconds, or not), a short or a medium date with the time,
 * or a date alone (day and month, or the short date with the year).
 */
export type ClockStyle = 'seconds' | 'time' | 'short' | 'medium' | 'dayMonth' | 'date'

const STYLE_OPTIONS: Record<ClockStyle, Intl.DateTimeFormatOptions> = {
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  time: { hour: 'numeric', minute: '2-digit' },
  short: { dateStyle: 'short', timeStyle: 'short' },
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  dayMonth: { day: 'numeric', month: 'short' },
  date: { dateStyle: 'short' },
}

/**
 * The formatter of `style` in a UI language and a zone (to format many instants alike, as a list does); an
 * unknown language or zone falls back to English in UTC rather than throw.
 */
export function clockFormat(locale: string, timeZone: string | undefined, style: ClockStyle): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { ...STYLE_OPTIONS[style], timeZone })
  } catch {
    return new Intl.DateTimeFormat('en', { ...STYLE_OPTIONS[style], timeZone: 'UTC' })
  }
}

/**
 * An instant as the UI shows it: in the UI language's format and the publication's zone ("1 dic 2026, 9:05" in
 * Spanish for 08:05Z in Europe/Madrid), never the machine's locale or zone. An unparseable value comes back as it is.
 */
export function formatInZone(iso: string, locale: string, timeZone: string, style: ClockStyle): string {
  const date = parse(iso)
  if (!date) return iso
  return clockFormat(locale, timeZone, style).format(date)
}

/**
 * The style a list row gives an instant, as mail clients do: the time for today, the day and month for this
 * year, the short date otherwise (the full date and time go in the row's tooltip). Days are the zone's.
 */
export function compactStyle(iso: string, now: Date, timeZone: string): 'time' | 'dayMonth' | 'date' {
  const date = parse(iso)
  if (!date) return 'date'
  const p = zonedParts(date, timeZone)
  const n = zonedParts(now, timeZone)
  if (p.year !== n.year) return 'date'
  return p.month === n.month && p.day === n.day ? 'time' : 'dayMonth'
}

/** Whether two instants fall on the same calendar day in a zone (the save clock shows the date otherwise). */
export function sameDayInZone(a: string, b: string, timeZone: string): boolean {
  const da = parse(a)
  const db = parse(b)
  if (!da || !db) return false
  const pa = zonedParts(da, timeZone)
  const pb = zonedParts(db, timeZone)
  return pa.year === pb.year && pa.month === pb.month && pa.day === pb.day
}

/** One number of a typed date and time, in the order the UI language writes them. */
export type WallField = 'day' | 'month' | 'year' | 'hour' | 'minute'

/** How a UI language writes a date and time by hand: the fields' order and whether hours run 1–12 with AM/PM. */
export interface WallInputFormat {
  order: WallField[]
  hour12: boolean
  /** The language's own AM and PM marks ("AM", "PM"), when it counts hours to 12. */
  dayPeriods: [string, string]
}

const WALL_FIELDS: readonly string[] = ['day', 'month', 'year', 'hour', 'minute']

function numericFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }
  try {
    return new Intl.DateTimeFormat(locale, options)
  } catch {
    return new Intl.DateTimeFormat('en', { ...options, timeZone: 'UTC' })
  }
}

/** The hand-written date-and-time format of a UI language (es: day month year, 24 h; en: month day year, AM/PM). */
export function wallInputFormat(locale: string): WallInputFormat {
  const format = numericFormat(locale, 'UTC')
  const order = format
    .formatToParts(new Date(Date.UTC(2026, 11, 1, 9, 5)))
    .map((p) => p.type)
    .filter((type): type is WallField => WALL_FIELDS.includes(type))
  const hour12 = format.resolvedOptions().hour12 === true
  const period = (hour: number) =>
    numericFormat(locale, 'UTC')
      .formatToParts(new Date(Date.UTC(2026, 0, 1, hour)))
      .find((p) => p.type === 'dayPeriod')?.value ?? (hour < 12 ? 'AM' : 'PM')
  return { order, hour12, dayPeriods: [period(9), period(21)] }
}

/**
 * The value a typed date-and-time field shows: the instant's wall clock in the publication's zone, written the
 * UI language's way ("01/12/2026, 09:05" in Spanish, "12/01/2026, 09:05 AM" in English); '' for none.
 */
export function formatWallInput(iso: string | null, locale: string, timeZone: string): string {
  if (!iso) return ''
  const date = parse(iso)
  if (!date) return ''
  return numericFormat(locale, timeZone).format(date)
}

/** What a typed date and time came to: the instant, or the problem in it. */
export type WallInputResult =
  | {
      ok: true
      iso: string | null
      /** The wall time does not exist that day (clocks went forward): moved on. */ shifted: boolean
    }
  | { ok: false; problem: 'format' | 'date' | 'time' }

const loose = (s: string) => s.toLocaleLowerCase().replace(/[.\s\u00a0\u202f]/g, '')

/**
 * Reads a date and time typed the UI language's way as a wall time in the publication's zone ("29/03/2026 9:30"
 * in Spanish is 07:30Z in Europe/Madrid). Empty is "not set". Any separators are accepted; AM/PM where the
 * language uses them (without one the hour is read on the 24-hour clock). A time that the zone skips at a
 * spring-forward change is moved to the later offset and flagged.
 */
export function parseWallInput(text: string, locale: string, timeZone: string): WallInputResult {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, iso: null, shifted: false }
  const numbers = trimmed.match(/\d+/g) ?? []
  const format = wallInputFormat(locale)
  if (numbers.length !== 5) return { ok: false, problem: 'format' }
  const value: Partial<Record<WallField, number>> = {}
  format.order.forEach((field, i) => (value[field] = Number(numbers[i])))
  const { day = 0, month = 0, year = 0, minute = 0 } = value
  let hour = value.hour ?? 0
  const letters = loose(trimmed.replace(/[\d/:,.\-\s]+/g, ' '))
  const [am, pm] = format.dayPeriods.map(loose) as [string, string]
  const isPm = letters !== '' && (letters === pm || letters === 'pm')
  const isAm = letters !== '' && (letters === am || letters === 'am')
  if (letters !== '' && !isPm && !isAm) return { ok: false, problem: 'format' }
  if (isAm || isPm) {
    if (hour < 1 || hour > 12) return { ok: false, problem: 'time' }
    hour = (hour % 12) + (isPm ? 12 : 0)
  }
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return { ok: false, problem: 'date' }
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return { ok: false, problem: 'date' }
  if (hour > 23 || minute > 59) return { ok: false, problem: 'time' }
  const wall = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`
  const iso = isoFromWallTime(wall, timeZone)
  if (!iso) return { ok: false, problem: 'format' }
  return { ok: true, iso, shifted: wallTimeInZone(iso, timeZone) !== wall }
}
