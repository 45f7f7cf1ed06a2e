import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ShowInFolderResult } from '../../shared/ipc/contract'

/**
 * "Show in folder": asks main to open the system's file manager at a file (main knows the path; the renderer
 * names the file by what it is, never by a path). A refusal or a missing file manager is said in words.
 */
export function ShowInFolderButton({
  show,
  testId = 'show-in-folder',
}: {
  /** The bridge call that shows the file (exports.showInFolder, articles.showInFolder(ref)). */
  show: () => Promise<ShowInFolderResult>
  testId?: string
}) {
  const { t } = useTranslation()
  const [failure, setFailure] = useState<string | null>(null)
  return (
    <>
      <button
        type="button"
        className="show-in-folder"
        data-testid={testId}
        onClick={() =>
          void show().then(
            (r) => setFailure(r.ok ? null : t('showInFolder.failed', { reason: r.message })),
            (error: unknown) => setFailure(t('showInFolder.failed', { reason: String(error) })),
          )
        }
      >
        {t('showInFolder.label')}
      </button>
      {failure ? (
        <span role="alert" className="show-in-folder-failed">
          {' '}
          {failure}
        </span>
      ) : null}
    </>
  )
}
