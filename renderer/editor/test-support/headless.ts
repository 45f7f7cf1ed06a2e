import { Editor, type AnyExtension, type Content } from '@tiptap/core'
import { bodyExtensions, type BodyExtensionOptions } from '../body-extensions'

/** A TipTap editor mounted on a detached element of the test DOM (happy-dom), for headless extension tests. */
export function headlessEditor(extensions: AnyExtension[], content: Content = ''): Editor {
  const element = document.createElement('div')
  document.body.append(element)
  return new Editor({ element, extensions, content, injectCSS: false })
}

/** The body editor's extensions as the app builds them, with no callback wired (placeholder "Write"); `over` sets
 * any option. */
export function testBodyExtensions(over: Partial<BodyExtensionOptions> = {}): AnyExtension[] {
  const noop = () => undefined
  return bodyExtensions({
    placeholder: 'Write',
    kindLabel: (kind) => kind,
    image: {},
    onSave: noop,
    onPreview: noop,
    onOpenLink: noop,
    ...over,
  })
}

/** Types text one character at a time the way the browser does, so input rules run as they would for a user. */
export function typeText(editor: Editor, text: string): void {
  for (const char of text) {
    const { view } = editor
    const { from, to } = view.state.selection
    const handled = view.someProp('handleTextInput', (f) => f(view, from, to, char, () => view.state.tr))
    if (!handled) view.dispatch(view.state.tr.insertText(char, from, to))
  }
}

/** Pastes HTML through ProseMirror's own clipboard path (transformPastedHTML, parse rules, paste handlers). */
export function pasteHtml(editor: Editor, html: string): void {
  editor.view.pasteHTML(html)
}
