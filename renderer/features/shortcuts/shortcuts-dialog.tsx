import { useTranslation } from 'react-i18next'
import { ModalDialog } from '../../components/modal-dialog'
import '../../styles/trash.css'
import { keyLabels, shortcuts } from './shortcut-list'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** Help › Keyboard shortcuts: a modal list of every shortcut; Escape or Close leaves it. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <ModalDialog className="shortcuts-dialog" titleId="shortcuts-heading" onClose={onClose} testId="shortcuts">
      <h2 id="shortcuts-heading">{t('shortcuts.heading')}</h2>
      <table>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.action}>
              <td>
                {keyLabels(s.keys, isMac).map((k, i) => (
                  <kbd key={i}>{k}</kbd>
                ))}
              </td>
              <td>{t(`shortcuts.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose} autoFocus>
        {t('shortcuts.close')}
      </button>
    </ModalDialog>
  )
}
