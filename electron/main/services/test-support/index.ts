// Helpers for tests and the bench only: never imported by production code (lint refuses it).
export {
  addAsset,
  listTree,
  makeArticle,
  PNG_1X1,
  richWorkspace,
  SAMPLE_WORKSPACE,
  tempDir,
  treeBytes,
  writeArticles,
} from './workspace'
export { bodyFacts, fidelityProblems, type BodyFacts } from './fidelity'
