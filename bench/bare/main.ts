// The keystroke benchmark's peer: a bare TipTap StarterKit editor with nothing else on the page, loaded with
// the same 20,000-word document the Newsdesk renderer edits in the same run.
import { Editor } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'

const element = document.querySelector<HTMLElement>('#editor')
if (!element) throw new Error('no #editor element')
const doc: unknown = await (await fetch('./doc.json')).json()
const editor = new Editor({ element, extensions: [StarterKit], content: doc as Record<string, unknown> })
Object.defineProperty(window, '__benchEditor', { value: editor })
document.body.dataset.ready = 'true'
