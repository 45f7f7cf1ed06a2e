import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../../shared/article/schema'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { PreviewTheme } from '../../../shared/listing/api-types'
import { previewWidths, type PreviewWidth } from './lint'
import { tabIds } from '../../components/tabs'
import { PreviewFrame } from './preview-frame'
import { ThemeChoice, WidthTabs } from './preview-options'
import { usePdf } from './use-pdf'

/** How many articles the picker offers at most. */
export const PICKER_LIMIT = 500
const widths = Object.keys(previewWidths) as PreviewWidth[]

/** Props of the single-article preview. */
export interface ArticlePreviewProps {
  bridge: NewsdeskBridge
  articles: ArticleSummary[]
  initialId: string | null
}

/** One article's page as readers will see it (headline, standfirst, byline, dateline, date, body, images). */
export function ArticlePreview({ bridge, articles, initialId }: ArticlePreviewProps) {
  const { t } = useTranslation()
  const idBase = useId()
  const tabsId = `article-width${idBase.replace(/:/g, '')}`
  const [id, setId] = useState<string | null>(initialId ?? articles[0]?.id ?? null)
  const [width, setWidth] = useState<PreviewWidth>('desktop')
  const [theme, setTheme] = useState<PreviewTheme>('light')
  const [html, setHtml] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const { print, message, busy } = usePdf(bridge)
  const revision = articles.find((a) => a.id === id)?.revision ?? 0
  // A select of 50,000 headlines takes seconds to open: the picker offers the most recently updated ones (the
  // list is newest first) and always the article being previewed.
  const choices = useMemo(() => {
    const recent = articles.slice(0, PICKER_LIMIT)
    const current = id && !recent.some((a) => a.id === id) ? articles.find((a) => a.id === id) : undefined
    return current ? [current, ...recent] : recent
  }, [articles, id])

  useEffect(() => {
    if (!id) return
    let live = true
    void bridge.preview.articleHtml(id, { theme }).then((result) => {
      if (!live) return
      if (result.ok) {
        setHtml(result.html)
        setError(null)
      } else setError(result.message)
    })
    return () => {
      live = false
    }
  }, [bridge, id, theme, revision])

  return (
    <div className="article-preview">
      <div className="preview-toolbar" role="toolbar" aria-label={t('listingPreview.toolbar')}>
        <label htmlFor={`${idBase}-article`}>{t('listingPreview.article')}</label>
        {/* Not wrapped in its label: the options are headlines, which would otherwise become part of its label text. */}
        <select id={`${idBase}-article`} value={id ?? ''} onChange={(e) => setId(e.target.value)}>
          {choices.map((a) => (
            <option key={a.id} value={a.id}>
              {a.headline || t('library.untitled')}
            </option>
          ))}
        </select>
        {articles.length > PICKER_LIMIT ? (
          <span className="muted">{t('listingPreview.pickerLimited', { count: PICKER_LIMIT })}</span>
        ) : null}
        <WidthTabs widths={widths} selected={width} onSelect={setWidth} idPrefix={tabsId} />
        <ThemeChoice theme={theme} onChange={setTheme} name={`${tabsId}-theme`} />
        <button type="button" disabled={!id || busy} onClick={() => id && void print({ kind: 'article', id })}>
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
      <div
        role="tabpanel"
        id={tabIds(tabsId, width).panel}
        aria-labelledby={tabIds(tabsId, width).tab}
        className="preview-tabpanel"
      >
        {html ? (
          <div className="preview-frames">
            <PreviewFrame
              html={html}
              width={previewWidths[width]}
              title={t('listingPreview.articleFrameTitle')}
              testId="article-frame"
            />
          </div>
        ) : null}
      </div>
    </div>
  )
}
