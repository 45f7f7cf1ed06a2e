import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { PreviewTheme } from '../../../shared/listing/api-types'
import { normalizePublication, type PublicationSettings } from '../../../shared/publication/publication'
import { markFlags, measureListing, previewWidths, type LintFlag, type PreviewWidth } from './lint'
import { tabIds } from '../../components/tabs'
import { PreviewFrame } from './preview-frame'
import { ThemeChoice, WidthTabs } from './preview-options'
import { usePdf } from './use-pdf'

/** Props of the listing preview. */
export interface ListingPreviewProps {
  bridge: NewsdeskBridge
  settings: PublicationSettings
  articles: ArticleSummary[]
  onOpenArticle: (id: string) => void
}

type WidthChoice = PreviewWidth | 'all'
/** Gap between side-by-side frames, in px (matches .preview-frames in listing-preview.css). */
const FRAME_GAP = 20
const widthOrder: PreviewWidth[] = ['desktop', 'tablet', 'phone']
const widthChoices: WidthChoice[] = ['all', ...widthOrder]

/** The news listing as readers will see it, at desktop, tablet and phone widths, light or dark, with the truncation lint. */
export function ListingPreview({ bridge, settings: edited, articles, onOpenArticle }: ListingPreviewProps) {
  const { t } = useTranslation()
  const idBase = `listing-width${useId().replace(/:/g, '')}`
  // The form may hold a half-typed value (0 items per page); the preview shows it brought into range.
  const settings = useMemo(() => normalizePublication(edited), [edited])
  const [choice, setChoice] = useState<WidthChoice>('all')
  const [theme, setTheme] = useState<PreviewTheme>('light')
  const [page, setPage] = useState(1)
  const [html, setHtml] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [flags, setFlags] = useState<Partial<Record<PreviewWidth, LintFlag[]>>>({})
  const { print, message, busy } = usePdf(bridge)
  const version = articles.reduce((n, a) => n + a.revision, articles.length)

  useEffect(() => {
    let live = true
    bridge.preview
      .listingHtml({ theme, page, settings })
      .then((result) => {
        if (!live) return
        if (result.ok) {
          setHtml(result.html)
          setError(null)
        } else setError(result.message)
        setFlags({})
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e))
      })
    return () => {
      live = false
    }
  }, [bridge, theme, page, settings, version])

  const shownWidths = choice === 'all' ? widthOrder : [choice]
  // Side by side, the three frames are shrunk to fit the window; each still lays out at its real width.
  const framesRef = useRef<HTMLDivElement>(null)
  const [available, setAvailable] = useState(0)
  useEffect(() => {
    const el = framesRef.current
    if (!el) return
    const observer = new ResizeObserver(() => setAvailable(el.clientWidth))
    observer.observe(el)
    setAvailable(el.clientWidth)
    return () => observer.disconnect()
  }, [html])
  const needed = shownWidths.reduce((sum, w) => sum + previewWidths[w], 0) + FRAME_GAP * (shownWidths.length - 1)
  // Each frame has a 1px border on both sides; keep a few pixels spare so nothing is cut at the edge.
  const scale = available > 0 && choice === 'all' ? Math.min(1, (available - 12) / needed) : 1
  const describe = useCallback(
    (flag: LintFlag) =>
      flag.reasons
        .map((r) =>
          r === 'headline-overflow'
            ? t('listingPreview.lint.headline', { lines: flag.headlineLines, clamp: settings.headlineLines })
            : t('listingPreview.lint.standfirst', { lines: flag.standfirstLines, clamp: settings.standfirstLines }),
        )
        .join(' · '),
    [t, settings.headlineLines, settings.standfirstLines],
  )

  const byArticle = useMemo(() => {
    const map = new Map<string, LintFlag[]>()
    for (const w of shownWidths) for (const f of flags[w] ?? []) map.set(f.id, [...(map.get(f.id) ?? []), f])
    return map
  }, [flags, shownWidths])
  const headlineOf = (id: string) => articles.find((a) => a.id === id)?.headline || t('library.untitled')

  return (
    <div className="listing-preview">
      <div className="preview-toolbar" role="toolbar" aria-label={t('listingPreview.toolbar')}>
        <WidthTabs widths={widthChoices} selected={choice} onSelect={setChoice} idPrefix={idBase} />
        <ThemeChoice theme={theme} onChange={setTheme} name={`${idBase}-theme`} />
        <label className="preview-page">
          {t('listingPreview.page')}
          <input
            type="number"
            min={1}
            value={page}
            onChange={(e) => setPage(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <button type="button" disabled={busy} onClick={() => void print({ kind: 'listing' })}>
          {t('listingPreview.printPdf')}
        </button>
        {message ? (
          <span className="muted" role="status" data-testid="pdf-status">
            {message}
          </span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="preview-error">
          {error}
        </p>
      ) : null}
      {articles.some((a) => a.status === 'ready' || a.status === 'published') ? null : (
        <p className="preview-empty" role="status" data-testid="listing-empty">
          {t('emptyStates.listing')}
        </p>
      )}
      <div
        role="tabpanel"
        id={tabIds(idBase, choice).panel}
        aria-labelledby={tabIds(idBase, choice).tab}
        className="preview-tabpanel"
      >
        <section className="lint-panel" aria-labelledby="lint-heading" data-testid="truncation-lint">
          <h3 id="lint-heading">{t('listingPreview.lint.heading', { count: byArticle.size })}</h3>
          {byArticle.size === 0 ? <p className="muted">{t('listingPreview.lint.none')}</p> : null}
          <ul>
            {[...byArticle.entries()].map(([id, list]) => (
              <li key={id} data-testid="lint-item" data-id={id}>
                <button type="button" className="link-button" onClick={() => onOpenArticle(id)}>
                  {headlineOf(id)}
                </button>
                <ul>
                  {list.map((f) => (
                    <li key={f.width}>
                      <strong>{t(`listingPreview.widths.${f.width}`)}:</strong> {describe(f)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
        {html ? (
          <div className="preview-frames" ref={framesRef}>
            {shownWidths.map((w) => (
              <figure key={w} className="preview-figure">
                <figcaption>
                  {t('listingPreview.frameCaption', { name: t(`listingPreview.widths.${w}`), px: previewWidths[w] })}
                </figcaption>
                <PreviewFrame
                  html={html}
                  width={previewWidths[w]}
                  title={t('listingPreview.frameTitle', { name: t(`listingPreview.widths.${w}`) })}
                  testId={`listing-frame-${w}`}
                  scale={scale}
                  onLoadDocument={(doc) => {
                    const found = measureListing(doc, settings, w)
                    markFlags(doc, found, describe)
                    setFlags((prev) => ({ ...prev, [w]: found }))
                  }}
                />
              </figure>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  )
}
