import { useMemo } from 'react'
import type { EditorIdentity } from '../../../shared/article/review'
import { useUiSettings } from '../settings/ui-settings-context'
import { useSync } from './sync-context'

/**
 * Who "me" is in this window: the editor's name and email from Settings, else git's user.name/user.email as
 * team sync reads them (the same person who signs the commits); null when neither is known.
 */
export function useEditorIdentity(): EditorIdentity | null {
  const { settings } = useUiSettings()
  const author = useSync().view?.author
  const [name, email] =
    settings.editorName || settings.editorEmail
      ? [settings.editorName, settings.editorEmail]
      : [author?.name ?? '', author?.email ?? '']
  return useMemo(() => (name || email ? { name, email } : null), [name, email])
}
