/** A labelled progress bar with a live "done of total" line, for long jobs that count items (export, import). */
export function CountProgress(props: {
  label: string
  progress: { done: number; total: number } | null
  text: (done: number, total: number) => string
}) {
  const { label, progress, text } = props
  return (
    <div>
      <progress aria-label={label} max={Math.max(1, progress?.total ?? 1)} value={progress?.done ?? 0} />
      {progress ? <p aria-live="polite">{text(progress.done, progress.total)}</p> : null}
    </div>
  )
}
