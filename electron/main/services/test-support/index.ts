// Helpers for tests and the bench only: never imported by production code (lint refuses it).
export {
  addAsset,
  listTree,
  makeArticle,
  PNG_1X1,
  richWorkspace,
  saveEdit,
  SAMPLE_WORKSPACE,
  tempDir,
  treeBytes,
  writeArticles,
} from './workspace'
export { bodyFacts, fidelityProblems, type BodyFacts } from './fidelity'
export { buildTestDriver, startGitServer, type GitServer } from './git-server'
export { makeArticle as makeSyncArticle, para, TestEditor } from './sync-editors'
