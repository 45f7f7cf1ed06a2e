// The search wing's public door: full-text search over a workspace and the finding services (search, tags,
// preview, publication) the renderer uses to find and show articles. Other wings import from here ('../search').
export { buildSearchIndex, searchIndex, SearchService, type SearchDoc } from './search'
export { createFindingServices, type FindingServices } from './finding'
