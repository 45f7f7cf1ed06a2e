import type { ArticleLibrary } from '../library'
import { type PickPdfDestination, PreviewService } from '../preview'
import { PublicationStore } from '../workspace'
import { SearchService } from './search'
import { TagService } from '../editing'

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
