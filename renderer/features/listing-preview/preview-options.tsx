import { useTranslation } from 'react-i18next'
import type { PreviewTheme } from '../../../shared/listing/api-types'
import { Tabs } from '../../components/tabs'
import type { PreviewWidth } from './lint'

/**
 * The widths a preview shows, as one tablist (arrow keys move between them); the panel it controls is the
 * caller's (`tabIds(idPrefix, selected)`). The listing and the article preview use the same control.
 */
export function WidthTabs<K extends PreviewWidth | 'all'>({
  widths,
  selected,
  onSelect,
  idPrefix,
}: {
  widths: readonly K[]
  selected: K
  onSelect: (width: K) => void
  idPrefix: string
}) {
  const { t } = useTranslation()
  return (
    <Tabs
      label={t('listingPreview.width')}
      items={widths.map((key) => ({ key, label: t(`listingPreview.widths.${key as PreviewWidth | 'all'}`) }))}
      selected={selected}
      onSelect={onSelect}
      idPrefix={idPrefix}
      className="preview-tabs"
    />
  )
}

/** Light or dark page, as two joined buttons of one radio group (arrow keys choose); the same in both previews. */
export function ThemeChoice({
  theme,
  onChange,
  name,
}: {
  theme: PreviewTheme
  onChange: (theme: PreviewTheme) => void
  /** The radio group's name, unique in the window. */
  name: string
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="segmented">
      <legend>{t('listingPreview.theme')}</legend>
      {(['light', 'dark'] as const).map((th) => (
        <label key={th}>
          <input type="radio" name={name} value={th} checked={theme === th} onChange={() => onChange(th)} />
          <span>{t(`listingPreview.themes.${th}`)}</span>
        </label>
      ))}
    </fieldset>
  )
}
