import { STORE_DIR, STORE_ENTRIES } from '../storage'

/** The publication settings, relative to the workspace root with '/' (as git names it). */
export const PUBLICATION_PATH = `${STORE_DIR}/${STORE_ENTRIES.publication}`
/** The workspace marker, relative to the workspace root with '/' (as git names it). */
const MARKER_PATH = `${STORE_DIR}/${STORE_ENTRIES.marker}`

/**
 * What a synced workspace shares through git, decided once (README "Sync"): the articles, the assets, the
 * publication settings, the workspace marker (so a clone is never seeded with sample articles) and the two
 * git files Newsdesk writes. Everything else under `.newsdesk/` stays on this machine: index cache, search
 * index, journal, lock, quarantine, history, trash, import staging and sync's own state.
 */
export const SHARED_PATHS = [
  'articles',
  'assets',
  PUBLICATION_PATH,
  MARKER_PATH,
  '.gitignore',
  '.gitattributes',
] as const

/** Files whose merges go through Newsdesk's merge driver rather than git's line merge. */
export const DRIVER_PATTERNS = ['articles/*.json', `/${PUBLICATION_PATH}`] as const

/** Name of the merge driver in `.gitattributes` and the repository config (`merge.newsdesk.driver`). */
export const MERGE_DRIVER_NAME = 'newsdesk'

/** The `.gitignore` Newsdesk writes: everything not shared is ignored (ignore all, then allow the shared). */
export const GITIGNORE_TEXT = `# Written by Newsdesk (git sync). What is shared: articles, assets, the publication settings, the workspace
# marker and these two files. Everything else, including every other file under .newsdesk/ (index cache,
# search index, journal, lock, quarantine, history, trash, import staging), stays on this machine.
/*
!/articles/
!/assets/
!/${STORE_DIR}/
!/.gitignore
!/.gitattributes
/${STORE_DIR}/*
!/${PUBLICATION_PATH}
!/${MARKER_PATH}
/articles/*
!/articles/*.json
*.ndtmp
.*.ndtmp
`

/** The `.gitattributes` Newsdesk writes: article and publication files merge per field, never with markers. */
export const GITATTRIBUTES_TEXT = `# Written by Newsdesk (git sync): articles and the publication settings merge field by field through
# "newsdesk merge-driver", which never writes conflict markers into JSON.
${DRIVER_PATTERNS.map((p) => `${p} merge=${MERGE_DRIVER_NAME} -text`).join('\n')}
assets/** binary
`

/** True when a path (relative, with forward slashes) is an article file. */
export function isArticlePath(path: string): boolean {
  return /^articles\/[^/]+\.json$/.test(path)
}

/** True when a path (relative, with forward slashes) is the publication settings file. */
export function isPublicationPath(path: string): boolean {
  return path === PUBLICATION_PATH
}
