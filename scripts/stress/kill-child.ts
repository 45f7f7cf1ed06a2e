// Entry of the kill-9 child process: `kill-child <path> <root> <from> [<kill at rename k>]`. stress.ts bundles it with rolldown (a
// bundled child starts in ~0.1 s instead of ~0.6 s, which is most of a kill cycle) and falls back to running
// it through Node's type stripping when bundling is not possible.
import { child, type KillPath } from './kill'

const [path, root, from, killAt] = process.argv.slice(2)
await child(path as KillPath, root ?? '', Number(from), Number(killAt ?? 0))
