// The library wing's public door: the articles of one workspace (store, catalogue, scan), the article file
// format, the change log, and the temp sweep. Other wings import from here ('../library').
export { ArticleLibrary, dropIndexCache, type LibraryOptions } from './library'
export { HistoryStore } from './history'
export {
  contentHash,
  decodeArticleBytes,
  parseArticleBytes,
  readArticleFile,
  serializeArticle,
  strictUtf8,
  type DecodeOutcome,
} from './article-file'
export { listChanges, listPage } from './change-log'
export { IndexCache } from './index-cache'
export { listSyncCopies, syncCopyArticleId, syncCopyPath } from './sync-copies'
export { removeTempsOfSync } from './temp-sweep'
