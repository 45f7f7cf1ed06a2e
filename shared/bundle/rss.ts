import type { Article } from '../article/schema'
import { escapeHtml } from '../render/html'

/** The channel of an RSS feed. */
export interface RssChannel {
  title: string
  link: string
  description: string
  language?: string
}

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  // Characters not allowed in XML 1.0 are dropped rather than escaped.
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  )
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Earliest and latest instants an RFC 822/2822 date can carry (four-digit years from 1900). */
export const RSS_DATE_RANGE = { min: '1900-01-01T00:00:00.000Z', max: '9999-12-31T23:59:59.000Z' } as const

/** The date an RSS feed carries for `iso`: the same, or clamped into RSS_DATE_RANGE (the export warns). */
export function rssDate(iso: string): string {
  const t = Date.parse(iso)
  if (!(t >= Date.parse(RSS_DATE_RANGE.min))) return RSS_DATE_RANGE.min
  if (t > Date.parse(RSS_DATE_RANGE.max)) return RSS_DATE_RANGE.max
  return iso
}

/**
 * Text for a feed's <title> and <category>: markup removed (tags dropped, entities kept as text), since many
 * feed readers render these as HTML; the words stay, escaped once for XML.
 */
export function feedText(text: string): string {
  return text.replace(/<[^<>]*>/g, '').replace(/[<>]/g, '')
}

/** Formats an ISO date as RFC 822 (RSS 2.0 pubDate), always in GMT: "Mon, 23 Nov 2026 16:00:00 GMT". */
export function rfc822(iso: string): string {
  const d = new Date(rssDate(iso))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`
}

/**
 * An RSS 2.0 feed of the listing: items in the given order with guid (isPermaLink="false", urn:uuid),
 * RFC 822 pubDate, one category per tag and the standfirst as description. `itemLink` builds each link.
 */
export function renderRss(channel: RssChannel, articles: readonly Article[], itemLink: (a: Article) => string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${escapeXml(channel.title)}</title>`,
    `    <link>${escapeXml(channel.link)}</link>`,
    `    <description>${escapeXml(channel.description)}</description>`,
  ]
  if (channel.language) lines.push(`    <language>${escapeXml(channel.language)}</language>`)
  lines.push('    <generator>Newsdesk</generator>')
  for (const a of articles) {
    lines.push('    <item>')
    // Titles and categories carry no markup (see feedText); the description is escaped HTML text.
    lines.push(`      <title>${escapeXml(feedText(a.headline))}</title>`)
    lines.push(`      <link>${escapeXml(itemLink(a))}</link>`)
    lines.push(`      <guid isPermaLink="false">urn:uuid:${a.id}</guid>`)
    const date = a.publishAt ?? a.updatedAt
    lines.push(`      <pubDate>${rfc822(date)}</pubDate>`)
    if (a.byline !== '') lines.push(`      <author>${escapeXml(a.byline)}</author>`)
    for (const tag of a.tags) lines.push(`      <category>${escapeXml(feedText(tag))}</category>`)
    // RSS readers show <description> as entity-decoded HTML; the standfirst is plain text, so it is
    // HTML-escaped first (markup in it stays visible text) and then XML-escaped.
    lines.push(`      <description>${escapeXml(escapeHtml(a.standfirst))}</description>`)
    lines.push('    </item>')
  }
  lines.push('  </channel>', '</rss>', '')
  return lines.join('\n')
}
