import type { Article } from '../article/schema'
import { attrString, eachNode, mediaFileType } from '../editor'
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

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Formats an ISO date as RFC 822 (RSS 2.0 pubDate), always in GMT: "Mon, 23 Nov 2026 16:00:00 GMT". */
export function rfc822(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`
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
    lines.push(`      <title>${escapeXml(a.headline)}</title>`)
    lines.push(`      <link>${escapeXml(itemLink(a))}</link>`)
    lines.push(`      <guid isPermaLink="false">urn:uuid:${a.id}</guid>`)
    const date = a.publishAt ?? a.updatedAt
    lines.push(`      <pubDate>${rfc822(date)}</pubDate>`)
    if (a.byline !== '') lines.push(`      <author>${escapeXml(a.byline)}</author>`)
    for (const tag of a.tags) lines.push(`      <category>${escapeXml(tag)}</category>`)
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
