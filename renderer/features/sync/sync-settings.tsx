import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUiSettings } from '../settings/ui-settings-context'
import { useSync, type SyncFailure } from './sync-context'
import { syncMessageText, syncProblemText, syncStateText } from './sync-indicator'

/**
 * The Team sync part of Settings: the editor's name and email (commit author and claim holder; empty: git's
 * user.name and user.email), turning team sync on, and the remote.
 */
export function TeamSyncSettings() {
  const { t } = useTranslation()
  const { settings, update } = useUiSettings()
  const { view, enable, setRemote } = useSync()
  const [name, setName] = useState(settings.editorName)
  const [email, setEmail] = useState(settings.editorEmail)
  const [remote, setRemoteText] = useState(view?.remote ?? '')
  const [problem, setProblem] = useState<SyncFailure | null>(null)
  const [working, setWorking] = useState(false)

  useEffect(() => setName(settings.editorName), [settings.editorName])
  useEffect(() => setEmail(settings.editorEmail), [settings.editorEmail])
  useEffect(() => setRemoteText(view?.remote ?? ''), [view?.remote])

  const fromGit = view?.authorSource === 'git' ? view.author : null
  const run = async (action: () => Promise<SyncFailure | null>) => {
    setWorking(true)
    setProblem(await action())
    setWorking(false)
  }

  return (
    <fieldset className="team-sync-settings" data-testid="team-sync-settings">
      <legend>{t('sync.settings.title')}</legend>
      <label className="field">
        <span>{t('sync.settings.name')}</span>
        <input
          value={name}
          placeholder={fromGit?.name ?? ''}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => void (name.trim() !== settings.editorName ? update({ editorName: name }) : undefined)}
          autoComplete="name"
          data-testid="editor-name"
        />
      </label>
      <label className="field">
        <span>{t('sync.settings.email')}</span>
        <input
          type="email"
          value={email}
          placeholder={fromGit?.email ?? ''}
          onChange={(e) => setEmail(e.target.value)}
          onBlur={() => void (email.trim() !== settings.editorEmail ? update({ editorEmail: email }) : undefined)}
          autoComplete="email"
          data-testid="editor-email"
        />
      </label>
      <p className="field-help">
        {fromGit
          ? t('sync.settings.identityFromGit', { name: fromGit.name, email: fromGit.email })
          : view?.author
            ? t('sync.settings.identityHelp')
            : t('sync.settings.identityMissing')}
      </p>
      {view && view.state !== 'git-missing' ? (
        <>
          <p className="muted" data-testid="team-sync-state">
            {syncStateText(view, t)}
          </p>
          {view.state === 'not-repository' ? (
            <button type="button" disabled={working} onClick={() => void run(enable)} data-testid="enable-sync">
              {t('sync.settings.enable')}
            </button>
          ) : null}
          <form
            className="field"
            onSubmit={(e) => {
              e.preventDefault()
              void run(() => setRemote(remote.trim()))
            }}
          >
            <label htmlFor="sync-remote-url">{t('sync.settings.remote')}</label>
            <input
              id="sync-remote-url"
              value={remote}
              onChange={(e) => setRemoteText(e.target.value)}
              placeholder="https://git.example.org/newsroom.git"
              spellCheck={false}
              data-testid="sync-remote"
            />
            <button type="submit" disabled={working} data-testid="set-remote">
              {t('sync.settings.setRemote')}
            </button>
          </form>
          <p className="field-help">{t('sync.settings.remoteHelp')}</p>
        </>
      ) : view ? (
        <p className="field-help">{syncProblemText(view, t)}</p>
      ) : null}
      {problem ? (
        <div className="field-error" role="alert" data-testid="sync-setup-problem">
          <p data-testid="sync-setup-message">{problem.problem ? syncMessageText(problem.problem, t) : problem.text}</p>
          {problem.problem && problem.detail ? (
            <p>
              {t('sync.gitSaid')} <code className="sync-git-message">{problem.detail}</code>
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  )
}
