// The storage wing's public door: durable writes, folders of records, bounded and worker pools, fs errors, the
// layout of a workspace folder (every path under it) and the workspace lock (a generic file lock on it).
// Other wings import from here ('../storage'), never from the files behind it.
export {
  fsyncDir,
  TEMP_SUFFIX,
  tempPathFor,
  writeDurable,
  writeNewFile,
  writeNewFileFromWorker,
  type WrittenStamp,
} from './durable-write'
export { isCode, pathExists } from './fs-errors'
export { RecordFolder } from './record-folder'
export { BoundedQueue, runBounded } from './bounded-pool'
export {
  batchesOf,
  createWorkerPool,
  findWorkerScript,
  MIN_FILES_FOR_WORKERS,
  usableWorkers,
  WORKER_ROLE,
  WorkerPool,
  type WorkerReply,
  type WorkerRequest,
} from './worker-pool'
export { IMPORT_STAGING_RE, STORE_DIR, STORE_ENTRIES, workspaceLayout, type WorkspaceLayout } from './layout'
export { CRASH_STEP_ENV, CRASH_STEPS, crashStep, type CrashStep } from './crash-step'
export { describeHolder, readLockHolder, WorkspaceLock, type LockOptions } from './workspace-lock'
