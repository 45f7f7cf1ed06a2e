import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NewsdeskBridge } from '../../../shared/ipc/contract'
import type { PdfTarget } from '../../../shared/listing/api-types'

/** Print-to-PDF through main (Electron's printToPDF); returns the action and a message for the user. */
export function usePdf(bridge: NewsdeskBridge) {
  const { t } = useTranslation()
  const [message, setMessage] = useState<string | null>(null)
  const print = async (target: PdfTarget) => {
    setMessage(t('listingPreview.printing'))
    const result = await bridge.preview.pdf(target)
    setMessage(
      result.ok
        ? t('listingPreview.printed', { file: result.fileName })
        : t('listingPreview.printFailed', { reason: result.message }),
    )
  }
  return { print, message }
}
