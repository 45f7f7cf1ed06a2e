import type { NewsdeskEvents } from './contract'

/** Every main -> renderer event name; a missing or extra name fails to compile. Kept free of zod for the preload. */
export const eventNames = Object.keys({
  'menu:command': true,
  'articles:changed-on-disk': true,
  'articles:deleted-on-disk': true,
  'articles:list-changed': true,
  'workspace:notice': true,
  'workspace:changed': true,
  'exports:progress': true,
  'imports:progress': true,
  'app:flush-request': true,
  'settings:notice': true,
  'sync:changed': true,
} satisfies Record<keyof NewsdeskEvents, true>) as (keyof NewsdeskEvents)[]
