// Entry of the bench bundle: the app's own modules, bundled by vite (`build --ssr`) into out/bench/app/ so the
// runner (plain Node with type stripping, which cannot resolve the app's extensionless imports) can call them.
// Every service comes through its wing's door (electron/main/services/<wing>/index.ts), with its real types:
// the suites import this file's types (`import type * as AppBundle`), so a renamed method fails `tsc -b`.
export { ArticleLibrary, dropIndexCache, serializeArticle } from '../electron/main/services/library'
export { createServices } from '../electron/main/services'
export { workspaceLayout } from '../electron/main/services/storage'
export { SearchService } from '../electron/main/services/search'
export { cloneWorkspace, commitShared, initRepository, syncWorkspace } from '../electron/main/services/sync'
export { ExportService, renderArticle } from '../electron/main/services/export'
export { ImportService, importMarkdownItem, type ImportJobContext } from '../electron/main/services/import'
export { createWorkerPool, findWorkerScript, WorkerPool } from '../electron/main/services/storage'
export { HARNESS_ORIGIN, startContext, wireContext } from '../e2e/harness/chromium-bridge'
export { serveAppRequest } from '../electron/main/security/app-protocol'
export { articleFieldsSchema, articleSchema, safeParseArticle, schemaShapedDoc } from '../shared/article/schema'
export { splitFrontMatter } from '../shared/bundle/front-matter'
export { createMarkdownCodec } from '../shared/bundle/markdown-codec'
export { buildFilterIndex, filterIndexed, filterSummaries, sortSummaries } from '../shared/listing/browse'
export type { ArticleFilter } from '../shared/listing/filter'
export { renderBodyHtml } from '../shared/render'
