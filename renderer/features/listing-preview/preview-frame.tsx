import { useState } from 'react'

/** Props of a preview frame. */
export interface PreviewFrameProps {
  html: string
  width: number
  title: string
  /** Called with the frame's document once it has laid out (to measure and mark truncation). */
  onLoadDocument?: (doc: Document) => void
  testId?: string
  /** Shrinks the frame on screen (side-by-side view) without changing the width its page lays out at. */
  scale?: number
}

/**
 * Shows a page from the shared HTML renderer in an iframe. Why an iframe with `srcdoc` and
 * `sandbox="allow-same-origin"`: the renderer's output is a complete document whose media queries must
 * respond to the reader's width (an iframe of that width is a real viewport), and it stays isolated from the
 * app's CSS and DOM. No `allow-scripts`, so nothing in it can run even if escaping ever failed; no
 * `allow-popups`/`allow-top-navigation`/`allow-forms`. `allow-same-origin` (safe without `allow-scripts`) lets
 * the app read the frame's layout to measure line clamps and outline overflowing items. The srcdoc document
 * inherits the app's CSP, which allows exactly the renderer's one stylesheet by its hash.
 */
export function PreviewFrame({ html, width, title, onLoadDocument, testId, scale = 1 }: PreviewFrameProps) {
  const [height, setHeight] = useState(600)
  return (
    <div className="preview-frame-box" style={{ width: width * scale, height: height * scale }}>
      <iframe
        className="preview-frame"
        title={title}
        sandbox="allow-same-origin"
        srcDoc={html}
        width={width}
        style={{ width, height, transform: scale === 1 ? undefined : `scale(${scale})` }}
        data-testid={testId}
        onLoad={(event) => {
          const doc = event.currentTarget.contentDocument
          if (!doc) return
          onLoadDocument?.(doc)
          setHeight(Math.max(200, doc.documentElement.scrollHeight + 4))
        }}
      />
    </div>
  )
}
