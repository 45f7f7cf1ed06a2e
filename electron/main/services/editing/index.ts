// The editing wing's public door: what the editor needs besides the library (assets, tags, the spelling menu,
// settings and links) and the quit-time flush of the open draft. Other wings import from here ('../editing').
export { createEditorServices, type EditorHooks, type EditorServices } from './editor-services'
export { spellingMenuItems } from './spelling-menu'
export { suggestMerges, tagKey, TagService } from './tags'
export { AssetStore } from './assets'
export { createBeforeQuitHandler, QuitFlush, settleWithin } from './quit-flush'
