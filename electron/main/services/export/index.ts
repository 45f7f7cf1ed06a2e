// The export wing's public door: exports of a workspace to Markdown, JSON, ninjs, HTML and RSS bundles, and
// the export worker job. Other wings import from here ('../export').
export { ExportService } from './export-service'
export { ExportController, type PickDestination } from './export-controller'
export { AtomicOutput, recoverInterruptedExport } from './atomic-output'
export { workspaceOverlapProblem } from './destination'
export { exportMarkdownBatch, type ExportJobItem } from './export-jobs'
export { relAsset, renderArticle } from './markdown-file'
