// Entry of the sync kill-9 child: `sync-kill-child <workspace> <driver script> <external 0|1>` runs one sync as
// the app does (syncWorkspace) and prints its report. scripts/stress/sync-kill.ts bundles it with rolldown and
// runs it with NEWSDESK_GIT set to a wrapper that SIGKILLs this process's group in the middle of a step.
import { syncWorkspace } from '../../electron/main/services/sync'

const [root, driverScript, external] = process.argv.slice(2)
// Started detached, this process leads its own process group: the git wrapper kills that group (this process,
// its git commands and the merge drivers git starts), never the stress script's.
process.env.NEWSDESK_KILL_GROUP = String(process.pid)
const report = await syncWorkspace(root ?? '', {
  driver: { argv: [process.execPath, driverScript ?? ''] },
  author: { name: 'A', email: 'a@example.org' },
  externalDriver: external === '1',
  networkTimeoutMs: 60_000,
})
process.stdout.write(`${JSON.stringify(report)}\n`)
