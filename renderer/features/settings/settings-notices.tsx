import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NewsdeskBridge, SettingsNotice } from '../../../shared/ipc/contract'
import { assertNever } from '../../../shared/assert-never'
import '../../styles/settings-notices.css'

/** Adds or replaces a notice by key (the same notice may come from the start-up list and from the event). */
export function mergeSettingsNotices(
  list: readonly SettingsNotice[],
  more: readonly SettingsNotice[],
): SettingsNotice[] {
  const byKey = new Map(list.map((n) => [n.key, n]))
  for (const notice of more) byKey.set(notice.key, notice)
  return [...byKey.values()]
}

/**
 * The settings notices of this run, shown in the workspace notices area: a settings file that was damaged at
 * start and set aside (defaults in use), or a settings write that failed. Listed once at start
 * (`settings.notices()`, like the crash journal) and kept up to date by the 'settings:notice' event.
 */
export function SettingsNotices({ bridge }: { bridge: NewsdeskBridge }) {
  const { t } = useTranslation()
  const [notices, setNotices] = useState<SettingsNotice[]>([])
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())

  useEffect(() => {
    let live = true
    void bridge.settings.notices().then((list) => {
      if (live) setNotices((shown) => mergeSettingsNotices(list, shown))
    })
    const off = bridge.on('settings:notice', (notice) => {
      setNotices((shown) => mergeSettingsNotices(shown, [notice]))
      // A write that fails again after being dismissed is shown again.
      setDismissed((keys) => new Set([...keys].filter((k) => k !== notice.key)))
    })
    return () => {
      live = false
      off()
    }
  }, [bridge])

  const text = (notice: SettingsNotice): { main: string; detail: string } => {
    switch (notice.kind) {
      case 'set-aside':
        return {
          main: t('settingsNotices.setAside', { name: notice.setAsideAs }),
          detail: t('settingsNotices.setAsideDetail', {
            file: notice.file,
            reason: t(`settingsNotices.reasons.${notice.reason}`),
            path: notice.displayPath,
          }),
        }
      case 'write-failed':
        return { main: t('settingsNotices.writeFailed', { file: notice.file }), detail: notice.message }
      default:
        return assertNever(notice)
    }
  }

  return (
    <>
      {notices
        .filter((n) => !dismissed.has(n.key))
        .map((notice) => {
          const { main, detail } = text(notice)
          return (
            <div key={notice.key} className="notice notice-warning" role="alert" data-testid="settings-notice">
              <span>
                {main}
                <span className="muted settings-notice-detail">{detail}</span>
              </span>
              <button
                type="button"
                onClick={() => setDismissed((keys) => new Set([...keys, notice.key]))}
                aria-label={t('settingsNotices.dismiss')}
              >
                ×
              </button>
            </div>
          )
        })}
    </>
  )
}
