// The workspace wing's public door: first-run seed, publication settings, the watcher, and the session/switcher
// that open one (its library, after recovering interrupted imports). The layout of a workspace folder and its
// lock are storage's ('../storage'). Other wings import from here ('../workspace').
export { seedWorkspace } from './seed'
export { PublicationStore } from './publication'
export { WorkspaceSession, Workspaces, type PickFolder } from './workspaces'
