// Entry of the test build of the sync commands: git runs the merge driver through it in tests, as it runs
// the built `newsdesk` CLI in the app (see git-server.ts, buildTestDriver).
import { runSyncCommand } from '../../../cli/sync-commands'

void runSyncCommand(
  process.argv.slice(2),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
).then((code) => process.exit(code))
