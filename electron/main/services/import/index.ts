// The import wing's public door: imports of Markdown, JSON and zip bundles and the import worker jobs. The
// staging protocol and the recovery of an interrupted import are the library's ('../library'). Other wings
// import from here ('../import').
export { ImportService, type ConflictChoice } from './import-service'
export { ImportController, type PickSources } from './import-controller'
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
