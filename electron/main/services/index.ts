import { join } from 'node:path'
import { ArticleLibrary } from './library'
import { seedWorkspace } from './seed'

/** Where the main process keeps its data, resolved by the caller (electron's app paths, or a test's temp dir). */
export interface ServicePaths {
  /** The user-data folder; the default workspace lives at `<userData>/workspace`. */
  userData: string
  /** The bundled sample workspace copied into a brand-new default workspace, or null for none. */
  sampleDir: string | null
  /** Open this workspace instead of the default one. */
  workspace?: string
}

/** Every service main owns for one open workspace. */
export interface Services {
  workspaceRoot: string
  library: ArticleLibrary
}

/** Folder of the default workspace inside a user-data folder. */
export function defaultWorkspace(userData: string): string {
  return join(userData, 'workspace')
}

/** Creates the services over a workspace (seeding the default one on first run). Used by main, e2e and the CLI. */
export async function createServices(paths: ServicePaths): Promise<Services> {
  const workspaceRoot = paths.workspace ?? defaultWorkspace(paths.userData)
  if (paths.workspace === undefined) await seedWorkspace(workspaceRoot, paths.sampleDir)
  const library = await ArticleLibrary.open(workspaceRoot)
  return { workspaceRoot, library }
}
