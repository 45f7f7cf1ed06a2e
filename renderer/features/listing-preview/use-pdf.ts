import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { PdfTarget } from '../../../shared/listing/api-types'

/**
 * Print-to-PDF through main (Electron's printToPDF; page.pdf() in the Chromium harness), saved where the user
 * picks in main's save dialog; returns the action, whether it is running, and a message for the user.
 */
export function usePdf(bridge: NewsdeskBridge) {
  const { t } = useTranslation()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const print = async (target: PdfTarget) => {
    setBusy(true)
    setMessage(t('listingPreview.printing'))
    try {
      const result = await bridge.preview.pdf(target)
      if (result.ok) setMessage(t('listingPreview.printed', { file: result.fileName }))
      else if (result.reason === 'cancelled') setMessage(null)
      else setMessage(t('listingPreview.printFailed', { reason: result.message }))
    } catch (error) {
      setMessage(t('listingPreview.printFailed', { reason: error instanceof Error ? error.message : String(error) }))
    } finally {
      setBusy(false)
    }
  }
  return { print, message, busy }
}
