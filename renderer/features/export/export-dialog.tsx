import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { articleKinds, articleStatuses, type ArticleKind, type ArticleStatus } from '../../../shared/article/schema'
import type { ExportProgressEvent, ExportReport } from '../../../shared/bundle/api-types'
import { exportFormats, type ExportFormat } from '../../../shared/bundle/manifest'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { CountProgress } from '../../components/count-progress'
import { ModalDialog } from '../../components/modal-dialog'
import { ShowInFolderButton } from '../../components/show-in-folder-button'
import '../../styles/export.css'
import {
  choiceLabel,
  matchChoices,
  offeredScopes,
  resolveChoice,
  scopeRequestFor,
  type ArticleChoice,
  type ScopeChoice,
} from './export-scope'

/** What the app passes the export dialog: the open article, the library's selection and its current view. */
export interface ExportContextProps {
  selectedId: string | null
  /** Ids selected in the library (defaults to the open article). */
  selectedIds?: readonly string[]
  /** Ids the library shows now (its filters and search applied). */
  viewIds?: readonly string[]
  /** Every article, for the "one article" chooser. */
  articles?: readonly ArticleChoice[]
}

/** The File > Export… entry point: a button plus the dialog, also opened by the menu's "export" command. */
export function ExportControl({ bridge, ...context }: { bridge: NewsdeskBridge } & ExportContextProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  useEffect(() => bridge.on('menu:command', (command) => command === 'export' && setOpen(true)), [bridge])
  return (
    <>
      <button type="button" className="export-open-button" onClick={() => setOpen(true)} data-testid="open-export">
        {t('export.open')}
      </button>
      {open ? <ExportDialog bridge={bridge} {...context} onClose={() => setOpen(false)} /> : null}
    </>
  )
}

/** The export dialog: format, scope, options, a progress bar and cancel. Paths are chosen in main. */
export function ExportDialog(props: { bridge: NewsdeskBridge; onClose: () => void } & ExportContextProps) {
  const { bridge, selectedId, onClose } = props
  // The view and selection are taken when the dialog opens, so a list refresh cannot change what is exported.
  const [viewIds] = useState(() => props.viewIds ?? [])
  const [selectedIds] = useState(() => props.selectedIds ?? (selectedId ? [selectedId] : []))
  const [articles] = useState(() => props.articles ?? [])
  const { t } = useTranslation()
  const untitled = t('export.untitled')
  const chooserId = useId()
  // "One article" starts on the open article; the user can type to pick any other.
  const [oneText, setOneText] = useState(() => {
    const open = articles.find((a) => a.id === selectedId)
    return open ? choiceLabel(open, untitled) : ''
  })
  const oneId = articles.length > 0 ? resolveChoice(articles, oneText, untitled) : selectedId
  const suggestions = useMemo(() => matchChoices(articles, oneText, untitled), [articles, oneText, untitled])
  const ref = useRef<HTMLDialogElement>(null)
  const [format, setFormat] = useState<ExportFormat>('markdown')
  const [zip, setZip] = useState(false)
  const [reproducible, setReproducible] = useState(false)
  const [includeInternal, setIncludeInternal] = useState(false)
  const [scope, setScope] = useState<ScopeChoice>('all')
  const [tag, setTag] = useState('')
  const [status, setStatus] = useState<ArticleStatus>('ready')
  const [kind, setKind] = useState<ArticleKind>('video')
  const [language, setLanguage] = useState('')
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<ExportProgressEvent | null>(null)
  const [report, setReport] = useState<ExportReport | null>(null)

  useEffect(() => bridge.on('exports:progress', (p) => setProgress(p)), [bridge])

  const scopeContext = { viewIds, selectedIds, oneId, tag, status, kind, language }
  const scopeRequest = scopeRequestFor(scope, scopeContext)
  const scopeCount = (choice: ScopeChoice): number | null =>
    choice === 'view' ? viewIds.length : choice === 'selection' ? selectedIds.length : null

  const handleExport = async () => {
    if (!scopeRequest) return
    setRunning(true)
    setReport(null)
    setProgress(null)
    try {
      setReport(await bridge.exports.run({ format, zip, reproducible, includeInternal, scope: scopeRequest }))
    } finally {
      setRunning(false)
    }
  }

  const resultText = (r: ExportReport): string => {
    if (r.ok) return t('export.done', { count: r.articleCount, files: r.fileCount, path: r.displayPath })
    return r.reason === 'cancelled' ? t('export.cancelled') : t('export.failed', { message: r.message })
  }

  return (
    <ModalDialog
      dialogRef={ref}
      className="export-dialog"
      titleId="export-title"
      onClose={onClose}
      testId="export-dialog"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          void handleExport()
        }}
      >
        <h2 id="export-title">{t('export.title')}</h2>
        <label>
          {t('export.format')}
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} disabled={running}>
            {exportFormats.map((f) => (
              <option key={f} value={f}>
                {t(`export.formats.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset disabled={running}>
          <legend>{t('export.scope')}</legend>
          {offeredScopes(scopeContext).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="export-scope"
                value={choice}
                checked={scope === choice}
                disabled={
                  choice !== 'tag' &&
                  choice !== 'status' &&
                  choice !== 'kind' &&
                  choice !== 'language' &&
                  choice !== 'one' &&
                  scopeRequestFor(choice, scopeContext) === null
                }
                onChange={() => setScope(choice)}
              />
              {t(`export.scopes.${choice}`, { count: scopeCount(choice) ?? 0 })}
            </label>
          ))}
          {scope === 'one' ? (
            <div className="export-chooser">
              <label htmlFor={`${chooserId}-article`}>{t('export.article')}</label>
              <input
                id={`${chooserId}-article`}
                value={oneText}
                onChange={(e) => setOneText(e.target.value)}
                list={`${chooserId}-articles`}
                placeholder={t('export.articlePlaceholder')}
                aria-describedby={oneId ? undefined : `${chooserId}-hint`}
                aria-invalid={oneId === null}
                required
              />
              <datalist id={`${chooserId}-articles`}>
                {suggestions.map((a) => (
                  <option key={a.id} value={choiceLabel(a, untitled)} />
                ))}
              </datalist>
              {oneId ? null : (
                <span id={`${chooserId}-hint`} className="export-hint">
                  {t('export.articleHint')}
                </span>
              )}
            </div>
          ) : null}
          {scope === 'tag' ? (
            <label>
              {t('export.tag')}
              <input value={tag} onChange={(e) => setTag(e.target.value)} required maxLength={100} />
            </label>
          ) : null}
          {scope === 'kind' ? (
            <label>
              {t('export.kind')}
              <select value={kind} onChange={(e) => setKind(e.target.value as ArticleKind)}>
                {articleKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`export.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {scope === 'language' ? (
            <label>
              {t('export.language')}
              <input
                value={language}
                onChange={(e) => setLanguage(e.target.value)}
                required
                maxLength={35}
                placeholder="es"
              />
            </label>
          ) : null}
          {scope === 'status' ? (
            <label>
              {t('export.status')}
              <select value={status} onChange={(e) => setStatus(e.target.value as ArticleStatus)}>
                {articleStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`export.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </fieldset>
        <label>
          <input type="checkbox" checked={zip} onChange={(e) => setZip(e.target.checked)} disabled={running} />
          {t('export.zip')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={reproducible}
            onChange={(e) => setReproducible(e.target.checked)}
            disabled={running}
          />
          {t('export.reproducible')}
        </label>
        {format === 'markdown' ? (
          <label>
            <input
              type="checkbox"
              checked={includeInternal}
              onChange={(e) => setIncludeInternal(e.target.checked)}
              disabled={running}
              data-testid="export-include-internal"
            />
            {t('export.includeInternal')}
          </label>
        ) : null}
        {format === 'html' || format === 'rss' ? <p className="muted">{t('export.readerFacing')}</p> : null}
        {running || progress ? (
          <CountProgress
            label={t('export.progressLabel')}
            progress={progress}
            text={(done, total) => t('export.progress', { done, total })}
          />
        ) : null}
        {report ? (
          <p className="export-result" role="status" data-testid="export-result">
            {resultText(report)} {report.ok ? <ShowInFolderButton show={() => bridge.exports.showInFolder()} /> : null}
          </p>
        ) : null}
        {report?.ok && report.warnings.length > 0 ? (
          <ul aria-label={t('export.warnings')}>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
        <div className="export-actions">
          {running ? (
            <button type="button" onClick={() => void bridge.exports.cancel()}>
              {t('export.cancel')}
            </button>
          ) : (
            <button type="button" onClick={() => ref.current?.close()}>
              {t('export.close')}
            </button>
          )}
          <button type="submit" disabled={running || scopeRequest === null}>
            {t('export.start')}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
