import type { Article } from '../article/schema'
import {
  badgeFor,
  buildListing,
  embargoOf,
  type ListingEntry,
  type ListingSource,
  type PublicationSettings,
} from '../listing/listing'
import { mediaKindLabel, renderBodyHtml } from '../editor'
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
  /** IANA time zone for dates (default: the runtime's own). */
  timeZone?: string
}

/** Options of the listing page. */
export interface ListingRenderOptions extends PageRenderOptions {
  /** 1-based page of the listing (clamped). */
  page?: number
  /** Link target of an item's headline (e.g. the exported article file); null or absent for no link. */
  hrefFor?: (entry: ListingEntry) => string | null
}

/** Options of the article page. */
export interface ArticleRenderOptions extends PageRenderOptions {
  /** Maps an image source (a body image `src` or a featured image's asset name) to the URL to embed. */
  resolveImage?: (src: string) => string | null
}

/** Formats an ISO date in a page's language; an unparseable value is shown as is (escaped by the caller). */
export function formatDate(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date)
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)
  }
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
      ? `<span class="nd-embargo">${escapeHtml(labels.embargoedUntil(formatDate(entry.embargoedUntil, locale, options.timeZone)))}</span>`
      : ''
    return [
      `<li class="nd-item" data-id="${escapeHtml(entry.id)}" lang="${escapeHtml(entry.language)}">`,
      badgeHtml(entry.badge, locale),
      `<h2 class="nd-headline nd-clamp nd-hl-${publication.headlineLines}">${headline}</h2>`,
      standfirst,
      '<p class="nd-meta">',
      `<time datetime="${escapeHtml(entry.date)}">${escapeHtml(formatDate(entry.date, locale, options.timeZone))}</time>`,
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
    model.pageCount > 1 ? `<p class="nd-pager">${escapeHtml(labels.page(model.page, model.pageCount))}</p>` : '',
    '</main>',
  ].join('\n')
  return documentHtml(locale, options.theme ?? 'light', `${heading} — ${publication.name}`, 'nd-listing-page', main)
}

/**
 * Renders one article page (badge, headline, standfirst, byline, dateline, date, featured image with
 * caption, body) as a complete, self-contained HTML document; every text and attribute is escaped.
 */
export function renderArticlePage(article: Article, options: ArticleRenderOptions = {}): string {
  const language = article.language
  const labels = labelsFor(language)
  const resolve = options.resolveImage ?? safeImageSrc
  const date = article.publishAt ?? article.updatedAt
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
    `<time datetime="${escapeHtml(date)}">${escapeHtml(formatDate(date, language, options.timeZone))}</time>`,
    embargo
      ? `<span class="nd-embargo">${escapeHtml(labels.embargoedUntil(formatDate(embargo, language, options.timeZone)))}</span>`
      : '',
  ].join('')
  const headline = article.headline.trim() || labels.untitled
  const main = [
    `<main class="nd-page nd-article" data-id="${escapeHtml(article.id)}">`,
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
  return documentHtml(language, options.theme ?? 'light', headline, 'nd-article-page', main)
}
