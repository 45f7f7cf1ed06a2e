import type { Article } from '../article/schema'
import { attrString, eachNode, mediaFileType } from '../editor'
import { compareListing, listingDate } from '../listing/listing'
import { rfc822InZone } from '../publication/clock'
import type { PublicationSettings } from '../publication/publication'
import { escapeHtml, safeHref } from '../render/html'

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

/**
 * Formats an ISO date as RFC 822 (RSS 2.0 pubDate) in a time zone, with its offset: "Mon, 23 Nov 2026 09:00:00
 * +0100"; a date outside RSS_DATE_RANGE is clamped into it first.
 */
export function rfc822(iso: string, timeZone = 'UTC'): string {
  return rfc822InZone(rssDate(iso), timeZone)
}

/** The channel of a publication's feed: its name, base URL, heading and listing language. */
export function channelOf(
  publication: Pick<PublicationSettings, 'name' | 'heading' | 'baseUrl' | 'locale'>,
): RssChannel {
  return {
    title: publication.name,
    link: publication.baseUrl ?? '',
    description: publication.heading.trim() || publication.name,
    language: publication.locale,
  }
}

/** Why a publication cannot have an RSS feed (no base URL), in words that say how to fix it; null when it can. */
export function rssRefusal(publication: Pick<PublicationSettings, 'baseUrl'>): string | null {
  return publication.baseUrl
    ? null
    : 'an RSS feed needs absolute links, and the publication has no base URL; set it in Publication settings ' +
        '(Site address) or with: newsdesk publication --workspace DIR --set baseUrl=https://news.example.org/'
}

/** The items of a feed: the newest `limit` articles in listing order (the date shown is the date sorted by). */
export function feedItems(articles: readonly Article[], limit: number): Article[] {
  return [...articles].sort(compareListing).slice(0, Math.max(0, limit))
}

/** How an RSS item carries its article's body: the body's HTML form (figures and media cards included). */
export interface RssItemContent {
  bodyHtml: (a: Article) => string
}

/**
 * The enclosure of an item: the first media card whose URL names a media file (.mp3, .m4a, .mp4, .m3u8…).
 * RSS 2.0 allows one enclosure per item; its length is unknown offline, so it is 0, as the spec's readers accept.
 */
export function enclosureOf(a: Pick<Article, 'body'>): { url: string; type: string } | null {
  let found: { url: string; type: string } | null = null
  eachNode(a.body, (node) => {
    if (found || node.type !== 'mediaEmbed') return
    const url = safeHref(attrString(node, 'url'))
    const type = url ? mediaFileType(url) : null
    if (url && type) found = { url, type }
  })
  return found
}

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

/**
 * An RSS 2.0 feed of the listing: items in the given order with guid (isPermaLink="false", urn:uuid),
 * RFC 822 pubDate, one category per tag and the standfirst as description. `itemLink` builds each link.
 * With `content`, each item also carries its body as `content:encoded` HTML (every text run, link, caption,
 * alt text and media link) and an `<enclosure>` for a media card that points at a media file.
 */
export function renderRss(
  channel: RssChannel,
  articles: readonly Article[],
  itemLink: (a: Article) => string,
  timeZone = 'UTC',
  content?: RssItemContent,
): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
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
    lines.push(`      <pubDate>${rfc822(listingDate(a), timeZone)}</pubDate>`)
    if (a.byline !== '') lines.push(`      <author>${escapeXml(a.byline)}</author>`)
    for (const tag of a.tags) lines.push(`      <category>${escapeXml(feedText(tag))}</category>`)
    // RSS readers show <description> as entity-decoded HTML; the standfirst is plain text, so it is
    // HTML-escaped first (markup in it stays visible text) and then XML-escaped.
    lines.push(`      <description>${escapeXml(escapeHtml(a.standfirst))}</description>`)
    if (content) {
      lines.push(`      <content:encoded>${escapeXml(content.bodyHtml(a))}</content:encoded>`)
      const enclosure = enclosureOf(a)
      if (enclosure)
        lines.push(
          `      <enclosure url="${escapeXml(enclosure.url)}" length="0" type="${escapeXml(enclosure.type)}"/>`,
        )
    }
    lines.push('    </item>')
  }
  lines.push('  </channel>', '</rss>', '')
  return lines.join('\n')
}
