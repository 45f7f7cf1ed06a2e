import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  ExportProgressEvent,
  ImportApplyResult,
  ImportDryRunResult,
  ImportPick,
  ImportReportItem,
} from '../../../shared/bundle/api-types'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { CountProgress } from '../../components/count-progress'
import { ModalDialog } from '../../components/modal-dialog'
import { ShowInFolderButton } from '../../components/show-in-folder-button'
import '../../styles/import.css'

type ConflictChoice = 'skip' | 'overwrite' | 'keep-both'
const choices: ConflictChoice[] = ['skip', 'overwrite', 'keep-both']
const statuses: ImportReportItem['status'][] = ['new', 'update', 'unchanged', 'conflict', 'invalid']
/** Rows listed for plain new / updated / unchanged items; conflicts, invalid items and warnings are always listed. */
const PLAIN_ROWS_SHOWN = 200

/** The File > Import… entry point: a button plus the dialog, also opened by the menu's "import" command. */
export function ImportControl({
  bridge,
  onImported,
  openRequest = 0,
}: {
  bridge: NewsdeskBridge
  onImported: () => void
  /** Bumped by another control (the empty workspace's "Import…") to open the dialog. */
  openRequest?: number
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  useEffect(() => {
    if (openRequest > 0) setOpen(true)
  }, [openRequest])
  useEffect(() => bridge.on('menu:command', (command) => command === 'import' && setOpen(true)), [bridge])
  return (
    <>
      <button type="button" className="import-open-button" onClick={() => setOpen(true)} data-testid="open-import">
        {t('import.open')}
      </button>
      {open ? <ImportDialog bridge={bridge} onImported={onImported} onClose={() => setOpen(false)} /> : null}
    </>
  )
}

/**
 * The import dialog: choose files, a zip or a folder (native dialog in main), read the dry-run report (new,
 * updated, conflicting, invalid with reasons, warnings), decide each conflict, then apply all or nothing.
 */
export function ImportDialog(props: { bridge: NewsdeskBridge; onImported: () => void; onClose: () => void }) {
  const { bridge, onImported, onClose } = props
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const [busy, setBusy] = useState<'reading' | 'applying' | null>(null)
  const [report, setReport] = useState<ImportDryRunResult | null>(null)
  const [defaultChoice, setDefaultChoice] = useState<ConflictChoice>('skip')
  const [decisions, setDecisions] = useState<Record<string, ConflictChoice>>({})
  const [progress, setProgress] = useState<ExportProgressEvent | null>(null)
  const [result, setResult] = useState<ImportApplyResult | null>(null)

  useEffect(() => bridge.on('imports:progress', (p) => setProgress(p)), [bridge])

  const handlePick = async (pick: ImportPick) => {
    setBusy('reading')
    setResult(null)
    setProgress(null)
    setDecisions({})
    try {
      setReport(await bridge.imports.dryRun(pick))
    } finally {
      setBusy(null)
    }
  }

  const handleApply = async () => {
    if (!report?.ok) return
    setBusy('applying')
    try {
      const applied = await bridge.imports.apply({ planId: report.planId, onConflict: defaultChoice, decisions })
      setResult(applied)
      if (applied.ok) onImported()
    } finally {
      setBusy(null)
    }
  }

  const rows = useMemo(() => {
    if (!report?.ok) return []
    let plain = 0
    return report.items.filter((i) => {
      if (i.status === 'conflict' || i.status === 'invalid' || i.warnings) return true
      plain += 1
      return plain <= PLAIN_ROWS_SHOWN
    })
  }, [report])
  const hidden = report?.ok ? report.items.length - rows.length : 0
  const applied = result?.ok === true
  const writable = report?.ok ? report.counts.new + report.counts.update + report.counts.conflict : 0

  const resultText = (r: ImportApplyResult): string =>
    r.ok
      ? t('import.done', { created: r.created, updated: r.updated, skipped: r.skipped })
      : t('import.failed', { message: r.message })

  return (
    <ModalDialog dialogRef={ref} className="import-dialog" titleId="import-title" onClose={onClose}>
      <h2 id="import-title">{t('import.title')}</h2>
      <p className="muted">{t('import.intro')}</p>
      <div className="import-actions">
        <button type="button" onClick={() => void handlePick('files')} disabled={busy !== null}>
          {t('import.pickFiles')}
        </button>
        <button type="button" onClick={() => void handlePick('folder')} disabled={busy !== null}>
          {t('import.pickFolder')}
        </button>
      </div>
      {busy === 'reading' ? <p aria-live="polite">{t('import.reading')}</p> : null}
      {report && !report.ok ? (
        <p className="import-error" role="alert" data-testid="import-refused">
          {report.reason === 'cancelled' ? t('import.nothingChosen') : t('import.refused', { message: report.message })}
        </p>
      ) : null}
      {report?.ok ? (
        <section aria-label={t('import.report')} data-testid="import-report">
          <ul className="import-counts" aria-label={t('import.summary')}>
            {statuses.map((s) => (
              <li key={s} data-testid={`import-count-${s}`}>
                <strong>{report.counts[s]}</strong> {t(`import.status.${s}`)}
              </li>
            ))}
          </ul>
          {report.counts.conflict > 0 ? (
            <label className="import-default">
              {t('import.defaultChoice')}
              <select
                value={defaultChoice}
                onChange={(e) => setDefaultChoice(e.target.value as ConflictChoice)}
                disabled={busy !== null || applied}
              >
                <ChoiceOptions />
              </select>
            </label>
          ) : null}
          <div className="import-table-wrap">
            <table className="import-table">
              <thead>
                <tr>
                  <th scope="col">{t('import.col.status')}</th>
                  <th scope="col">{t('import.col.item')}</th>
                  <th scope="col">{t('import.col.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <tr key={item.index} className={`import-row import-${item.status}`} data-testid="import-row">
                    <td>{t(`import.status.${item.status}`)}</td>
                    <td>
                      <span className="import-headline">{item.headline || item.slug || '—'}</span>
                      <span className="import-source muted">{item.source}</span>
                    </td>
                    <td>
                      <ItemDetails
                        item={item}
                        choice={decisions[String(item.index)] ?? defaultChoice}
                        disabled={busy !== null || applied}
                        onChoose={(c) => setDecisions((d) => ({ ...d, [String(item.index)]: c }))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {hidden > 0 ? <p className="muted">{t('import.moreRows', { count: hidden })}</p> : null}
        </section>
      ) : null}
      {busy === 'applying' || (progress && report?.ok) ? (
        <CountProgress
          label={t('import.progressLabel')}
          progress={progress}
          text={(done, total) => t('import.progress', { done, total })}
        />
      ) : null}
      {result ? (
        <p className={result.ok ? 'import-result' : 'import-error'} role="status" data-testid="import-result">
          {resultText(result)}
          {result.ok && result.firstId ? (
            <>
              {' '}
              <ShowInFolderButton
                show={() => bridge.articles.showInFolder({ kind: 'article', id: result.firstId ?? '' })}
                testId="import-show-in-folder"
              />
            </>
          ) : null}
        </p>
      ) : null}
      <div className="import-actions">
        <button type="button" onClick={() => ref.current?.close()} disabled={busy === 'applying'}>
          {t('import.close')}
        </button>
        {report?.ok && !applied ? (
          <button
            type="button"
            className="primary"
            onClick={() => void handleApply()}
            disabled={busy !== null || writable === 0}
          >
            {t('import.apply')}
          </button>
        ) : null}
      </div>
    </ModalDialog>
  )
}

/** The details cell: the reason of an invalid item, the collision and choice of a conflict, any warnings. */
function ItemDetails(props: {
  item: ImportReportItem
  choice: ConflictChoice
  disabled: boolean
  onChoose: (choice: ConflictChoice) => void
}) {
  const { item, choice, disabled, onChoose } = props
  const { t } = useTranslation()
  return (
    <>
      {item.problem ? (
        <span className="import-problem">
          {item.problem.message}
          {item.problem.line ? ` ${t('import.line', { line: item.problem.line })}` : ''}
          {item.problem.field ? ` ${t('import.field', { field: item.problem.field })}` : ''}
        </span>
      ) : null}
      {item.conflict ? (
        <label className="import-choice">
          <span>
            {t(item.conflict.on === 'id' ? 'import.conflictId' : 'import.conflictSlug', {
              headline: item.conflict.headline || item.conflict.slug,
            })}
          </span>
          <select
            value={choice}
            onChange={(e) => onChoose(e.target.value as ConflictChoice)}
            disabled={disabled}
            aria-label={t('import.choiceFor', { headline: item.headline || item.slug || item.source })}
          >
            <ChoiceOptions />
          </select>
        </label>
      ) : null}
      {item.warnings?.map((w) => (
        <span key={w} className="import-warning">
          {t('import.warning', { message: w })}
        </span>
      ))}
    </>
  )
}

/** The options of a conflict choice (skip, overwrite, keep both). */
function ChoiceOptions() {
  const { t } = useTranslation()
  return choices.map((c) => (
    <option key={c} value={c}>
      {t(`import.choice.${c}`)}
    </option>
  ))
}
