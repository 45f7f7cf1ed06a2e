// The sync wing's door (issue #19): git as the engine, through the user's git command line.
export {
  claimArticle,
  CLAIM_TTL_MS,
  claimSchema,
  fetchClaims,
  listClaims,
  releaseClaim,
  renewClaims,
  type Claim,
  type ClaimResult,
} from './claims'
export { fieldHistory, lastChanges } from './field-history'
export { GIT_MISSING_MESSAGE, GitError, GitMissingError, gitVersion, runGit } from './git'
export { runMergeDriver, type DriverOutcome } from './merge-driver'
export {
  cloneWorkspace,
  configureRepository,
  DEFAULT_BRANCH,
  driverConfigValue,
  initRepository,
  isRepository,
  REMOTE_NAME,
  remoteUrl,
  setRemote,
  type CloneResult,
  type DriverCommand,
  type GitAuthor,
} from './repository'
export { appDriverCommand, SyncScheduler, type SchedulerOptions } from './sync-scheduler'
export { GITATTRIBUTES_TEXT, GITIGNORE_TEXT, SHARED_PATHS } from './shared-files'
export {
  articleSyncStates,
  commitShared,
  conflictedPaths,
  recoverRepository,
  syncStatus,
  syncWorkspace,
  SYNC_STATE_FILE,
  type ArticleSyncState,
  type SyncOptions,
  type SyncReport,
  type SyncState,
  type SyncStatus,
} from './sync-engine'
export { WorkspaceSync, type WorkspaceSyncOptions } from './workspace-sync'
