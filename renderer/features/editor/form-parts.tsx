import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BudgetMeasure } from '../../../shared/article/readiness'
import type { FeaturedImage } from '../../../shared/article/schema'
import {
  formatDateInZone,
  formatWallInput,
  parseWallInput,
  wallInputFormat,
  type WallField,
} from '../../../shared/publication/clock'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import { FieldRow } from '../../components/field-row'
import { assetUrl } from '../../editor/asset-urls'
import { moveItem, tagSuggestions } from './form-logic'

/** A length budget meter: "42 / 80", measured by the rulebook against the publication budget; over budget is flagged (never cut). */
export function BudgetMeter({ id, measure }: { id: string; measure: BudgetMeasure }) {
  const { t, i18n } = useTranslation()
  const { length, budget, over } = measure
  const nf = new Intl.NumberFormat(i18n.language)
  return (
    <span id={id} className={over ? 'budget budget-over' : 'budget'} data-testid={`${id}`}>
      <meter
        min={0}
        max={budget}
        low={budget * 0.85}
        high={budget}
        optimum={budget * 0.5}
        value={Math.min(length, budget)}
        aria-hidden="true"
      />
      {over
        ? t('articleForm.budgetOver', { count: length - budget, length: nf.format(length), budget: nf.format(budget) })
        : t('articleForm.budget', { length: nf.format(length), budget: nf.format(budget) })}
    </span>
  )
}

/** A zone name as people read it ("America/New York"). */
function zoneLabel(timeZone: string): string {
  return timeZone.replace(/_/g, ' ')
}

/** The pattern and an example of a date and time typed the UI language's way ("dd/mm/aaaa, hh:mm", "01/12/2026, 09:05"). */
function useWallPattern(): { pattern: string; example: string } {
  const { t, i18n } = useTranslation()
  return useMemo(() => {
    const format = wallInputFormat(i18n.language)
    const letter = (f: WallField) => t(`dateInput.letters.${f}`)
    const date = format.order.filter((f) => f !== 'hour' && f !== 'minute').map(letter)
    const pattern = `${date.join('/')}, ${letter('hour')}:${letter('minute')}${format.hour12 ? ` ${format.dayPeriods[0]}` : ''}`
    return { pattern, example: formatWallInput('2026-12-01T09:05:00.000Z', i18n.language, 'UTC') }
  }, [t, i18n.language])
}

/**
 * A date-and-time field bound to an ISO value, typed and shown in the publication's time zone and the UI
 * language's way (Spanish: "01/12/2026, 09:05"; English: "12/01/2026, 09:05 AM"), never the machine's locale or
 * zone. Empty is "not set". A value that cannot be read is marked and left in the field; nothing is sent until
 * it reads, so the rest of the article keeps saving.
 */
export function DateTimeField({
  label,
  value,
  onChange,
  hint,
  timeZone,
  testId,
}: {
  label: string
  value: string | null
  onChange: (iso: string | null) => void
  hint?: string
  timeZone: string
  testId?: string
}) {
  const { t, i18n } = useTranslation()
  const hintId = useId()
  const language = i18n.language
  const { pattern, example } = useWallPattern()
  /** What is being typed (or a text that does not read, left in place); null shows the value itself. */
  const [typed, setTyped] = useState<string | null>(null)
  const [problem, setProblem] = useState<'format' | 'date' | 'time' | null>(null)
  const [shifted, setShifted] = useState(false)
  const zone = zoneLabel(timeZone)

  const handleChange = (text: string) => {
    setTyped(text)
    const read = parseWallInput(text, language, timeZone)
    if (!read.ok) {
      setProblem(read.problem)
      return
    }
    setProblem(null)
    setShifted(read.shifted)
    if (read.iso !== value) onChange(read.iso)
  }

  const note = problem
    ? t(`dateInput.problem.${problem}`, { pattern, example })
    : value
      ? shifted
        ? t('dateInput.shifted', { zone, when: formatDateInZone(value, language, timeZone) })
        : t('dateInput.inZone', { zone, when: formatDateInZone(value, language, timeZone) })
      : [hint, t('dateInput.zoneOnly', { zone })].filter(Boolean).join(' · ')

  return (
    <FieldRow
      label={label}
      note={
        <small
          id={hintId}
          className={problem ? 'field-error' : 'muted'}
          data-testid={testId ? `${testId}-note` : undefined}
        >
          {note}
        </small>
      }
    >
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={typed ?? formatWallInput(value, language, timeZone)}
        placeholder={pattern}
        aria-invalid={problem ? true : undefined}
        aria-describedby={hintId}
        data-testid={testId}
        onChange={(e) => handleChange(e.target.value)}
        onBlur={() => {
          // A value that reads is shown back the canonical way; one that does not stays, marked.
          if (!problem) setTyped(null)
        }}
      />
    </FieldRow>
  )
}

/** Tags as chips: autocomplete from the workspace vocabulary, drag or Alt+arrow to reorder, the first is primary. */
export function TagEditor({
  tags,
  vocabulary,
  onChange,
}: {
  tags: string[]
  /** The workspace's tags, most used first; called only when suggestions are needed. */
  vocabulary: () => readonly string[]
  onChange: (tags: string[]) => void
}) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [dragFrom, setDragFrom] = useState<number | null>(null)
  const [announce, setAnnounce] = useState('')
  const listId = useId()
  const inputId = useId()
  const chips = useRef<HTMLUListElement>(null)
  const focusChip = useRef<number | null>(null)

  useEffect(() => {
    if (focusChip.current === null) return
    chips.current?.querySelectorAll<HTMLElement>('[data-chip]')[focusChip.current]?.focus()
    focusChip.current = null
  })

  const add = (raw: string) => {
    const tag = raw.trim().replace(/,+$/, '').trim()
    if (tag === '' || tag.length > 100) return
    if (tags.some((x) => x.toLowerCase() === tag.toLowerCase())) {
      setAnnounce(t('articleForm.tagDuplicate', { tag }))
      setText('')
      return
    }
    onChange([...tags, tag])
    setAnnounce(t('articleForm.tagAdded', { tag }))
    setText('')
  }
  const remove = (i: number) => {
    setAnnounce(t('articleForm.tagRemoved', { tag: tags[i] }))
    onChange(tags.filter((_, j) => j !== i))
  }
  const move = (from: number, to: number) => {
    if (to < 0 || to >= tags.length || from === to) return
    onChange(moveItem(tags, from, to))
    focusChip.current = to
    setAnnounce(t('articleForm.tagMoved', { tag: tags[from], position: to + 1, count: tags.length }))
  }
  const handleInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault()
      add(text)
    } else if (e.key === 'Backspace' && text === '' && tags.length > 0) {
      remove(tags.length - 1)
    }
  }
  const handleChipKey = (e: KeyboardEvent<HTMLElement>, i: number) => {
    if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowUp')) {
      e.preventDefault()
      move(i, i - 1)
    } else if (e.altKey && (e.key === 'ArrowRight' || e.key === 'ArrowDown')) {
      e.preventDefault()
      move(i, i + 1)
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault()
      remove(i)
    }
  }
  // Only what matches the typed text is offered (a datalist of 2,000 tags helps nobody and costs every render).
  const suggestions = useMemo(
    () => tagSuggestions(text === '' ? [] : vocabulary(), text, tags),
    [vocabulary, text, tags],
  )

  return (
    <div className="field tag-editor" role="group" aria-labelledby={`${inputId}-label`}>
      <span id={`${inputId}-label`}>{t('editor.tags')}</span>
      <ul className="tag-chips" ref={chips} aria-label={t('articleForm.tagList')}>
        {tags.map((tag, i) => (
          <li
            key={tag}
            className={`tag-chip${i === 0 ? ' tag-primary' : ''}${dragFrom === i ? ' dragging' : ''}`}
            draggable
            onDragStart={(e: DragEvent) => {
              setDragFrom(i)
              e.dataTransfer.effectAllowed = 'move'
              e.dataTransfer.setData('text/plain', tag)
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault()
              if (dragFrom !== null) move(dragFrom, i)
              setDragFrom(null)
            }}
            onDragEnd={() => setDragFrom(null)}
          >
            <span
              data-chip
              tabIndex={0}
              role="button"
              aria-roledescription={t('articleForm.tagChip')}
              aria-label={i === 0 ? t('articleForm.tagPrimaryLabel', { tag }) : tag}
              aria-describedby={`${inputId}-help`}
              onKeyDown={(e) => handleChipKey(e, i)}
            >
              {tag}
              {i === 0 ? (
                <>
                  {' '}
                  <em className="tag-primary-mark">{t('articleForm.primary')}</em>
                </>
              ) : null}
            </span>
            <button
              type="button"
              className="tag-remove"
              aria-label={t('articleForm.tagRemove', { tag })}
              onClick={() => remove(i)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        id={inputId}
        type="text"
        list={listId}
        value={text}
        aria-label={t('articleForm.tagAdd')}
        aria-describedby={`${inputId}-help`}
        placeholder={t('articleForm.tagAddPlaceholder')}
        onChange={(e) => {
          const v = e.target.value
          // Picking a suggestion from the list adds it at once; typing a tag letter by letter does not (the
          // editor may be on the way to a longer one).
          const typed = (e.nativeEvent as InputEvent).inputType === 'insertText'
          if (!typed && suggestions.includes(v)) add(v)
          else setText(v)
        }}
        onKeyDown={handleInputKey}
        onBlur={() => text.trim() !== '' && add(text)}
      />
      <datalist id={listId}>
        {suggestions.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <small id={`${inputId}-help`} className="muted">
        {t('articleForm.tagHelp')}
      </small>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </span>
    </div>
  )
}

/** The featured image: an asset chosen with the native dialog, with alt text and caption. */
export function FeaturedImageField({
  bridge,
  value,
  onChange,
  onNotice,
}: {
  bridge: NewsdeskBridge
  value: FeaturedImage | null
  onChange: (value: FeaturedImage | null) => void
  onNotice: (message: string) => void
}) {
  const { t } = useTranslation()
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    setUrl(null)
    if (value) void assetUrl(bridge, value.asset).then((u) => live && setUrl(u))
    return () => {
      live = false
    }
  }, [bridge, value?.asset])
  const choose = async () => {
    const result = await bridge.assets.pickImage()
    if (result.ok) onChange({ asset: result.asset.name, alt: value?.alt ?? '', caption: value?.caption ?? '' })
    else if (result.reason !== 'cancelled') onNotice(t('bodyEditor.imageFailed', { reason: result.message }))
  }
  return (
    <fieldset className="featured-image">
      <legend>{t('articleForm.featuredImage')}</legend>
      {value ? (
        <div className="featured-image-row">
          {url ? <img src={url} alt={value.alt} className="featured-thumb" /> : <span className="featured-thumb" />}
          <div className="featured-fields">
            <FieldRow label={t('articleForm.featuredAlt')}>
              <input value={value.alt} onChange={(e) => onChange({ ...value, alt: e.target.value })} />
            </FieldRow>
            <FieldRow label={t('articleForm.featuredCaption')}>
              <input value={value.caption} onChange={(e) => onChange({ ...value, caption: e.target.value })} />
            </FieldRow>
            <div className="button-row">
              <button type="button" onClick={() => void choose()}>
                {t('articleForm.featuredReplace')}
              </button>
              <button type="button" onClick={() => onChange(null)}>
                {t('articleForm.featuredRemove')}
              </button>
            </div>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => void choose()}>
          {t('articleForm.featuredChoose')}
        </button>
      )}
    </fieldset>
  )
}
