import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkspaceInfo } from '../../../shared/ipc/contract'
import type { WorkspaceSwitch } from './use-workspace-switch'
import '../../styles/workspace.css'

/** Props of the workspace switcher. */
export interface WorkspaceMenuProps {
  info: WorkspaceInfo
  workspace: WorkspaceSwitch
}

/**
 * The workspace switcher at the foot of the library: the open workspace's name, and a panel with
 * "New workspace…", "Open workspace…" and the recent workspaces (folders are chosen in native dialogs).
 */
export function WorkspaceMenu({ info, workspace }: WorkspaceMenuProps) {
  const { t } = useTranslation()
  const [expanded, setExpanded] = useState(false)
  const panelId = useId()
  const toggle = useRef<HTMLButtonElement>(null)

  const { loadRecent } = workspace
  useEffect(() => {
    if (expanded) void loadRecent()
  }, [expanded, loadRecent])

  const close = () => {
    setExpanded(false)
    toggle.current?.focus()
  }
  const act = async (action: () => Promise<boolean>) => {
    if (await action()) setExpanded(false)
  }
  const others = workspace.recent.filter((r) => r.displayPath !== info.displayPath)

  return (
    <div
      className="workspace-menu"
      data-testid="workspace-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && expanded) close()
      }}
    >
      {expanded ? (
        <div id={panelId} className="workspace-panel" role="group" aria-label={t('workspace.panel')}>
          <p className="workspace-path" title={info.displayPath}>
            {info.displayPath}
          </p>
          <div className="workspace-actions">
            <button type="button" disabled={workspace.busy} onClick={() => void act(workspace.create)}>
              {t('workspace.new')}
            </button>
            <button type="button" disabled={workspace.busy} onClick={() => void act(workspace.open)}>
              {t('workspace.open')}
            </button>
          </div>
          <h2 className="workspace-recent-title" id={`${panelId}-recent`}>
            {t('workspace.recent')}
          </h2>
          {others.length === 0 ? (
            <p className="muted">{t('workspace.noRecent')}</p>
          ) : (
            <ul className="workspace-recent" aria-labelledby={`${panelId}-recent`}>
              {others.map((r) => (
                <li key={r.key}>
                  <button
                    type="button"
                    disabled={workspace.busy}
                    title={r.displayPath}
                    aria-label={t('workspace.openRecent', { name: r.name, path: r.displayPath })}
                    onClick={() => void act(() => workspace.openRecent(r.key))}
                  >
                    <span className="workspace-recent-name">{r.name}</span>
                    <span className="workspace-recent-path">{r.displayPath}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      {workspace.error ? (
        <p className="workspace-error" role="alert">
          {t('workspace.failed', { message: workspace.error })}{' '}
          <button type="button" onClick={workspace.clearError} aria-label={t('workspace.dismiss')}>
            ×
          </button>
        </p>
      ) : null}
      <button
        ref={toggle}
        type="button"
        className="workspace-toggle"
        aria-expanded={expanded}
        aria-controls={expanded ? panelId : undefined}
        aria-label={t('workspace.toggle', { name: info.name })}
        onClick={() => setExpanded((v) => !v)}
      >
        <span className="workspace-name">{info.name}</span>
        {info.readOnly ? <span className="workspace-badge">{t('workspace.readOnly')}</span> : null}
        <span aria-hidden="true">{expanded ? '▾' : '▴'}</span>
      </button>
    </div>
  )
}
