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
export {
  buildTestDriver,
  GIT_TIMEOUT_MS,
  gitServerSuite,
  startGitServer,
  type GitServer,
  type GitServerSuite,
} from './git-server'
export { searchDoc } from './search-doc'
export { tempDirEach } from './temp-dir'
export { makeArticle as makeSyncArticle, para, TestEditor } from './sync-editors'
