// The import wing's public door: imports of Markdown, JSON and zip bundles, the recovery of an interrupted
// import, and the import worker jobs. Other wings import from here ('../import').
export { ImportService, type ConflictChoice } from './import-service'
export { ImportController, type PickSources } from './import-controller'
export {
  importGeneration,
  importsInMotion,
  readOneGeneration,
  recoverInterruptedImports,
  settleImports,
} from './import-recovery'
export { markdownToArticle } from './markdown-item'
export { SourceRefusedError } from './source-reader'
export {
  importMarkdownItem,
  stageFilesBatch,
  type ImportJobContext,
  type ImportJobItem,
  type ImportJobResult,
  type StageJobItem,
} from './import-jobs'
