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
