/// <reference types="vite/client" />
// Entry of the bench bundle: the app's own modules, bundled by vite (`build --ssr`) into out/bench/app/ so the
// runner (plain Node with type stripping, which cannot resolve the app's extensionless imports) can call them.
// Services that may not exist yet (search, export, import) come through import.meta.glob: a missing file
// yields an empty map, and the runner reports that row as "not measured".
export { ArticleLibrary, dropIndexCache, serializeArticle } from '../electron/main/services/library'
export { createServices } from '../electron/main/services'
export { workspaceLayout } from '../electron/main/services/workspace'
export { HARNESS_ORIGIN, startContext, wireContext } from '../e2e/harness/chromium-bridge'
export { serveAppRequest } from '../electron/main/security/app-protocol'
export { articleFieldsSchema, articleSchema } from '../shared/article/schema'
export { splitFrontMatter } from '../shared/bundle/front-matter'
export { createMarkdownCodec } from '../shared/bundle/markdown-codec'
export { buildFilterIndex, filterIndexed, filterSummaries, sortSummaries } from '../shared/listing/browse'

/** Lazily loaded optional service modules, keyed by their path relative to this file. */
export const optionalModules: Record<string, () => Promise<unknown>> = import.meta.glob([
  '../electron/main/services/*/index.ts',
  '../shared/render/index.ts',
])
