// The library wing's public door: the articles of one workspace (store, catalogue, scan), the article file
// format, the change log, the temp sweep, and the import staging protocol that keeps the articles folder
// consistent (generation token, settle before listing, recovery of an interrupted import). Other wings import
// from here ('../library').
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
export {
  importGeneration,
  importsInMotion,
  markDone,
  readOneGeneration,
  recoverInterruptedImports,
  settleImports,
  writeMoves,
} from './import-recovery'
