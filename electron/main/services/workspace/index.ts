// The workspace wing's public door: the layout of a workspace folder, its lock, first-run seed, publication
// settings, the watcher, and the session/switcher that open one. Other wings import from here ('../workspace').
export { IMPORT_STAGING_RE, STORE_DIR, STORE_ENTRIES, workspaceLayout, type WorkspaceLayout } from './layout'
export { describeHolder, readLockHolder, WorkspaceLock, type LockOptions } from './workspace-lock'
export { seedWorkspace } from './seed'
export { PublicationStore } from './publication'
export { WorkspaceSession, Workspaces, type PickFolder } from './workspaces'
