export * from './types'
export * from './schema'
export * from './render'
export { figureMarkdown, escapeMarkdownText } from './nodes/figure'
export {
  isMediaUrl,
  mediaEmbedMarkdown,
  mediaFileType,
  mediaKindLabel,
  mediaKindOf,
  MEDIA_MARKDOWN_TITLE,
  readMediaMarkdown,
} from './nodes/media-embed'
export { headingLevel } from './nodes/text-blocks'
export {
  BLOCK_ID_ATTR,
  blockId,
  blockIdAttribute,
  blockIdRepairs,
  newBlockId,
  withBlockIds,
  withoutBlockIds,
} from './block-ids'
