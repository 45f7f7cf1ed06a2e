import { ARTICLE_SCHEMA_VERSION } from './schema'

/** One step from version N to N+1 on a parsed article file; unknown keys must be carried over. */
type Migration = (raw: Record<string, unknown>) => Record<string, unknown>

/** Steps indexed by the version they upgrade from. Version 1 is the first; add `1: (a) => ...` for v2. */
const migrations: Record<number, Migration> = {}

/** Result of bringing a parsed file up to the current schema version. */
export type MigrationResult =
  { ok: true; value: Record<string, unknown>; migrated: boolean } | { ok: false; message: string }

/** Upgrades a parsed article file to the current schema version, or says why it cannot. */
export function migrateArticle(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: 'article file is not a JSON object' }
  }
  let value = raw as Record<string, unknown>
  let version = value.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: 'schemaVersion is missing or not a positive integer' }
  }
  if (version > ARTICLE_SCHEMA_VERSION) {
    return {
      ok: false,
      message: `schemaVersion ${version} is newer than this Newsdesk understands (${ARTICLE_SCHEMA_VERSION})`,
    }
  }
  const migrated = version < ARTICLE_SCHEMA_VERSION
  while (version < ARTICLE_SCHEMA_VERSION) {
    const step = migrations[version]
    if (!step) return { ok: false, message: `no migration from schemaVersion ${version}` }
    value = { ...step(value), schemaVersion: version + 1 }
    version += 1
  }
  return { ok: true, value, migrated }
}
