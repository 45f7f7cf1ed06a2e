import { useEffect, useRef, type ReactNode, type RefObject } from 'react'

/**
 * A native modal <dialog>, shown as a modal once mounted (focus is trapped and Escape closes it). `onClose` runs
 * whenever it closes; a dialog that closes itself (a Close button) passes `dialogRef` and calls its `close()`.
 * The settings, shortcuts, export and import dialogs share it.
 */
export function ModalDialog({
  className,
  titleId,
  testId,
  onClose,
  dialogRef,
  children,
}: {
  className: string
  /** The id of the heading that names the dialog. */
  titleId: string
  testId?: string
  onClose: () => void
  dialogRef?: RefObject<HTMLDialogElement | null>
  children: ReactNode
}) {
  const ownRef = useRef<HTMLDialogElement>(null)
  const ref = dialogRef ?? ownRef
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [ref])
  return (
    <dialog ref={ref} className={className} aria-labelledby={titleId} onClose={onClose} data-testid={testId}>
      {children}
    </dialog>
  )
}
