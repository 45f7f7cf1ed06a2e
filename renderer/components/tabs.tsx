import type { KeyboardEvent } from 'react'

/** One tab of a tablist: its key and its label. */
export interface TabItem<K extends string> {
  key: K
  label: string
}

/** The id of a tab's element and of the panel it controls, from the tablist's id prefix. */
export function tabIds(prefix: string, key: string): { tab: string; panel: string } {
  return { tab: `${prefix}-tab-${key}`, panel: `${prefix}-panel` }
}

/**
 * A WAI-ARIA tablist: one tab in the tab order (the selected one), Left/Right (and Up/Down) move to the
 * previous/next tab and select it, Home/End to the first/last. The panel is the caller's element with
 * `role="tabpanel"`, `id={tabIds(prefix, k).panel}` and `aria-labelledby={tabIds(prefix, selected).tab}`.
 */
export function Tabs<K extends string>({
  label,
  items,
  selected,
  onSelect,
  idPrefix,
  className,
}: {
  /** What the tabs choose between, for assistive technology. */
  label: string
  items: readonly TabItem<K>[]
  selected: K
  onSelect: (key: K) => void
  idPrefix: string
  className?: string
}) {
  const handleKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // From the tab that has focus (the selected one, unless focus was moved there by a script).
    const focused = items.findIndex((item) => tabIds(idPrefix, item.key).tab === (e.target as HTMLElement).id)
    const at = focused >= 0 ? focused : items.findIndex((item) => item.key === selected)
    const last = items.length - 1
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? at === last
          ? 0
          : at + 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? at <= 0
            ? last
            : at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null
    const item = next === null ? undefined : items[next]
    if (!item) return
    e.preventDefault()
    onSelect(item.key)
    document.getElementById(tabIds(idPrefix, item.key).tab)?.focus()
  }
  return (
    <div
      role="tablist"
      aria-label={label}
      className={`tabs${className ? ` ${className}` : ''}`}
      onKeyDown={handleKeyDown}
    >
      {items.map((item) => {
        const ids = tabIds(idPrefix, item.key)
        const isSelected = item.key === selected
        return (
          <button
            key={item.key}
            type="button"
            role="tab"
            id={ids.tab}
            aria-selected={isSelected}
            aria-controls={ids.panel}
            tabIndex={isSelected ? 0 : -1}
            onClick={() => onSelect(item.key)}
          >
            {item.label}
          </button>
        )
      })}
    </div>
  )
}
