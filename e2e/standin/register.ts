// `node --import ./e2e/standin/register.ts out/main/index.js`: installs the resolve hook before main loads.
import { register } from 'node:module'

register('./resolve-hook.ts', import.meta.url)
