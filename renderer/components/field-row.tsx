import type { ReactNode } from 'react'

/**
 * One labelled field of a form: the label's text above its control, an optional note below, all inside the
 * label so a click on the text reaches the control. The editor's details panel and the publication settings
 * share it (one markup, one look: `.field`).
 */
export function FieldRow({
  label,
  children,
  note,
  grow = false,
}: {
  label: ReactNode
  /** The control (input, select, textarea). */
  children: ReactNode
  /** Shown under the control (a hint or a problem). */
  note?: ReactNode
  /** Shares a row with other fields, taking an equal part of its width. */
  grow?: boolean
}) {
  return (
    <label className={grow ? 'field grow' : 'field'}>
      <span>{label}</span>
      {children}
      {note}
    </label>
  )
}

/** One choice of a select field. */
export interface FieldOption<V extends string> {
  value: V
  label: string
}

/** A labelled select (status, kind, language…). */
export function SelectFieldRow<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
  grow,
}: {
  label: string
  value: V
  options: readonly FieldOption<V>[]
  onChange: (value: V) => void
  testId?: string
  grow?: boolean
}) {
  return (
    <FieldRow label={label} grow={grow ?? false}>
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldRow>
  )
}

/** A labelled whole number within a range (items per page, clamps, budgets). */
export function NumberFieldRow({
  label,
  value,
  range,
  onChange,
}: {
  label: string
  value: number
  range: { min: number; max: number }
  onChange: (value: number) => void
}) {
  return (
    <FieldRow label={label}>
      <input
        type="number"
        min={range.min}
        max={range.max}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </FieldRow>
  )
}
