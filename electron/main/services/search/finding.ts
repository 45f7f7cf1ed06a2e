import type { ArticleLibrary } from '../library/library'
import { PreviewService, type PickPdfDestination } from '../preview/preview'
import { PublicationStore } from '../workspace/publication'
import { SearchService } from './search'
import { TagService } from '../editing/tags'

/** The finding-and-previewing services: search, tags, publication settings and previews. */
export interface FindingServices {
  search: SearchService
  tags: TagService
  publication: PublicationStore
  preview: PreviewService
}

/** Creates them over whichever library is open (a getter, so opening another workspace is followed). */
export function createFindingServices(
  libraryOf: () => ArticleLibrary,
  options: { pickPdfDestination?: PickPdfDestination } = {},
): FindingServices {
  const publication = new PublicationStore(() => libraryOf().root)
  return {
    search: new SearchService(libraryOf),
    tags: new TagService(libraryOf),
    publication,
    preview: new PreviewService(libraryOf, publication, () => new Date(), options.pickPdfDestination ?? null),
  }
}
