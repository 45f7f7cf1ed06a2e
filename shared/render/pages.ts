import type { Article } from '../article/schema'
import {
  badgeFor,
  buildListing,
  embargoOf,
  listingDate,
  type ListingEntry,
  type ListingSource,
} from '../listing/listing'
import { mediaKindLabel, renderBodyHtml } from '../editor'
import { formatDateInZone, isoInZone } from '../publication/clock'
import type { PublicationSettings } from '../publication/publication'
import { RENDER_CSS, RENDER_CSS_SHA256 } from './css'
import { escapeHtml, safeImageSrc } from './html'
import { labelsFor } from './labels'

/** Colour scheme of a rendered page; "auto" follows the reader's system setting. */
export type PageTheme = 'light' | 'dark' | 'auto'

/** Options shared by both page renderers. */
export interface PageRenderOptions {
  theme?: PageTheme
  /** The moment embargoes are judged against (default: now). */
  now?: Date
}

/** Options of the listing page. */
export interface ListingRenderOptions extends PageRenderOptions {
  /** 1-based page of the listing (clamped). */
  page?: number
  /** Link target of an item's headline (e.g. the exported article file); null or absent for no link. */
  hrefFor?: (entry: ListingEntry) => string | null
  /** Link to another page of the listing (the previous/next links); absent for no links. */
  pageHref?: (page: number) => string
}

/** Options of the article page. */
export interface ArticleRenderOptions extends PageRenderOptions {
  /** Maps an image source (a body image `src` or a featured image's asset name) to the URL to embed. */
  resolveImage?: (src: string) => string | null
  /** Link back to the listing page that carries the article; absent for none. */
  backHref?: string
}

/**
 * Formats an ISO date for readers in a page's language and the publication's time zone, with the zone named;
 * an unparseable value is shown as is (escaped by the caller).
 */
export function formatDate(iso: string, language: string, timeZone: string): string {
  return formatDateInZone(iso, language, timeZone)
}

function documentHtml(language: string, theme: PageTheme, title: string, bodyClass: string, main: string): string {
  const lang = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language) ? language : 'en'
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}" data-theme="${theme}">`,
    '<head>',
    '<meta charset="utf-8">',
    // The exported file carries its own policy: no scripts, no network, only its embedded stylesheet.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${RENDER_CSS_SHA256}'; img-src data: 'self'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${RENDER_CSS}</style>`,
    '</head>',
    `<body class="${bodyClass}">`,
    main,
    '</body>',
    '</html>',
  ].join('\n')
}

function badgeHtml(badge: ReturnType<typeof badgeFor>, language: string): string {
  if (!badge) return ''
  return `<p class="nd-badge nd-badge-${badge}" data-badge="${badge}">${escapeHtml(labelsFor(language).badge[badge])}</p>`
}

/**
 * Renders the news listing as readers will see it: filtered by the publication settings, newest first,
 * badges above headlines, dates in the listing's language, embargoed items marked. A complete, self-contained
 * HTML document (inline CSS, no scripts, no remote resources); every text and attribute is escaped.
 */
export function renderListingPage(
  items: readonly ListingSource[],
  publication: PublicationSettings,
  options: ListingRenderOptions = {},
): string {
  const locale = publication.locale
  const zone = publication.timeZone
  const labels = labelsFor(locale)
  const model = buildListing(items, publication, options.now ?? new Date(), options.page ?? 1)
  const entries = model.entries.map((entry) => {
    const href = options.hrefFor?.(entry) ?? null
    const headlineText = escapeHtml(entry.headline.trim() || labels.untitled)
    const headline = href ? `<a href="${escapeHtml(href)}">${headlineText}</a>` : headlineText
    const standfirst =
      publication.standfirstLines > 0 && entry.standfirst.trim() !== ''
        ? `<p class="nd-standfirst nd-clamp nd-sf-${publication.standfirstLines}">${escapeHtml(entry.standfirst)}</p>`
        : ''
    const embargo = entry.embargoedUntil
      ? `<span class="nd-embargo">${escapeHtml(labels.embargoedUntil(formatDate(entry.embargoedUntil, locale, zone)))}</span>`
      : ''
    return [
      `<li class="nd-item" data-id="${escapeHtml(entry.id)}" lang="${escapeHtml(entry.language)}">`,
      badgeHtml(entry.badge, locale),
      `<h2 class="nd-headline nd-clamp nd-hl-${publication.headlineLines}">${headline}</h2>`,
      standfirst,
      '<p class="nd-meta">',
      `<time datetime="${escapeHtml(isoInZone(entry.date, zone))}">${escapeHtml(formatDate(entry.date, locale, zone))}</time>`,
      entry.byline ? `<span class="nd-byline">${escapeHtml(entry.byline)}</span>` : '',
      embargo,
      '</p>',
      '</li>',
    ].join('')
  })
  const heading = publication.heading.trim() || publication.name
  const main = [
    '<main class="nd-page nd-listing">',
    '<header class="nd-masthead">',
    `<p class="nd-publication">${escapeHtml(publication.name)}</p>`,
    `<h1 class="nd-heading">${escapeHtml(heading)}</h1>`,
    '</header>',
    entries.length > 0
      ? `<ol class="nd-list">${entries.join('\n')}</ol>`
      : `<p class="nd-empty">${escapeHtml(labels.empty)}</p>`,
    model.pageCount > 1 ? pagerHtml(model.page, model.pageCount, labels, options.pageHref) : '',
    '</main>',
  ].join('\n')
  return documentHtml(locale, options.theme ?? 'light', `${heading} — ${publication.name}`, 'nd-listing-page', main)
}

function pagerHtml(
  page: number,
  pageCount: number,
  labels: ReturnType<typeof labelsFor>,
  pageHref: ((page: number) => string) | undefined,
): string {
  const link = (target: number, rel: 'prev' | 'next', text: string) =>
    pageHref
      ? `<a rel="${rel}" class="nd-pager-${rel}" href="${escapeHtml(pageHref(target))}">${escapeHtml(text)}</a>`
      : ''
  return [
    '<nav class="nd-pager">',
    page > 1 ? link(page - 1, 'prev', labels.previous) : '',
    `<span>${escapeHtml(labels.page(page, pageCount))}</span>`,
    page < pageCount ? link(page + 1, 'next', labels.next) : '',
    '</nav>',
  ].join(' ')
}

/**
 * Renders one article page (badge, headline, standfirst, byline, dateline, date, featured image with
 * caption, body) as a complete, self-contained HTML document; every text and attribute is escaped.
 */
export function renderArticlePage(
  article: Article,
  publication: Pick<PublicationSettings, 'name' | 'timeZone'>,
  options: ArticleRenderOptions = {},
): string {
  const language = article.language
  const zone = publication.timeZone
  const labels = labelsFor(language)
  const resolve = options.resolveImage ?? safeImageSrc
  const date = listingDate(article)
  const embargo = embargoOf(article, options.now ?? new Date())
  let figure = ''
  if (article.featuredImage) {
    const fi = article.featuredImage
    const src = resolve(fi.asset) ?? resolve(`assets/${fi.asset}`)
    const img = src
      ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(fi.alt)}">`
      : `<div class="nd-image-missing" role="img" aria-label="${escapeHtml(fi.alt)}">${escapeHtml(fi.alt)}</div>`
    figure = `<figure class="nd-figure">${img}${fi.caption ? `<figcaption>${escapeHtml(fi.caption)}</figcaption>` : ''}</figure>`
  }
  const meta = [
    article.byline ? `<span class="nd-byline">${escapeHtml(article.byline)}</span>` : '',
    article.dateline ? `<span class="nd-dateline">${escapeHtml(article.dateline)}</span>` : '',
    `<time datetime="${escapeHtml(isoInZone(date, zone))}">${escapeHtml(formatDate(date, language, zone))}</time>`,
    embargo
      ? `<span class="nd-embargo">${escapeHtml(labels.embargoedUntil(formatDate(embargo, language, zone)))}</span>`
      : '',
  ].join('')
  const headline = article.headline.trim() || labels.untitled
  const main = [
    `<main class="nd-page nd-article" data-id="${escapeHtml(article.id)}">`,
    options.backHref
      ? `<nav class="nd-back"><a rel="index" href="${escapeHtml(options.backHref)}">${escapeHtml(labels.backTo(publication.name))}</a></nav>`
      : '',
    '<article>',
    badgeHtml(badgeFor(article.kind), language),
    `<h1 class="nd-headline">${escapeHtml(headline)}</h1>`,
    article.standfirst ? `<p class="nd-standfirst">${escapeHtml(article.standfirst)}</p>` : '',
    `<p class="nd-meta">${meta}</p>`,
    figure,
    `<div class="nd-body">${renderBodyHtml(article.body, { resolveImage: resolve, kindLabel: (kind) => mediaKindLabel(kind, language) })}</div>`,
    '</article>',
    '</main>',
  ].join('\n')
  return documentHtml(language, options.theme ?? 'light', `${headline} — ${publication.name}`, 'nd-article-page', main)
}
