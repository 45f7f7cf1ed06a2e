/** The export formats Newsdesk writes. */
export const exportFormats = ['markdown', 'json', 'ninjs', 'rss', 'html'] as const
/** One of the export formats. */
export type ExportFormat = (typeof exportFormats)[number]

/** One file listed in a bundle manifest. */
export interface ManifestFile {
  path: string
  sha256: string
  size: number
}

/** `manifest.json` of every Newsdesk export: what is in it, with a sha256 per file. */
export interface BundleManifest {
  format: 'newsdesk-manifest'
  version: 1
  bundleFormat: ExportFormat
  articleCount: number
  /** Export time; the only time stamp in a bundle, left out of reproducible exports. */
  exportedAt?: string
  files: ManifestFile[]
}

/** Name of the manifest file at the root of every export. */
export const MANIFEST_NAME = 'manifest.json'

/** Builds the manifest for a set of files (sorted by path so it is stable). */
export function buildManifest(
  bundleFormat: ExportFormat,
  articleCount: number,
  files: readonly ManifestFile[],
  exportedAt: string | null,
): BundleManifest {
  const manifest: BundleManifest = {
    format: 'newsdesk-manifest',
    version: 1,
    bundleFormat,
    articleCount,
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  }
  if (exportedAt) manifest.exportedAt = exportedAt
  return manifest
}
