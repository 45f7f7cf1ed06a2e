import type { AnyExtension } from '@tiptap/core'
import { Placeholder } from '@tiptap/extensions'
import { bodySchemaExtensions } from '../../shared/editor/tiptap'
import { BlockIds } from './extensions/block-ids/block-ids'
import { FigureImage, type FigureImageOptions } from './extensions/figure-image/figure-image'
import { LinkOpen } from './extensions/link-open/link-open'
import { MediaEmbed, type MediaKind } from './extensions/media-embed/media-embed'
import { NewsroomKeys } from './extensions/newsroom-keys/newsroom-keys'
import { PasteCleanup, type StoreDataImage } from './extensions/paste-cleanup/paste-cleanup'
import { NewsroomTypography } from './extensions/typography/typography'
import { UiLabels } from './extensions/ui-labels/ui-labels'

/** Everything the body editor's extensions need from the app (translated text and callbacks). */
export interface BodyExtensionOptions {
  /** A function so a UI language switch reaches the live editor. */
  placeholder: string | (() => string)
  kindLabel: (kind: MediaKind) => string
  image: Partial<FigureImageOptions>
  onSave: () => void
  onPreview: () => void
  onOpenLink: (href: string) => void
  onLink?: () => void
  /** Stores a pasted data: image as a workspace asset (Word, Google Docs); without it such images are dropped. */
  storeDataImage?: StoreDataImage
  /** Told when pasted pictures were local files (Word desktop) and could not be kept. */
  onLocalImagesDropped?: (count: number) => void
}

/** Only links the app would open are kept in the document: https, http and mailto. */
export function isStorableHref(url: string): boolean {
  try {
    return ['https:', 'http:', 'mailto:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}

/**
 * The article body's schema (shared/editor, the one definition every export reads) with the editor's views,
 * commands and behaviour: one list shared by the editor, its tests and the benchmark.
 */
export function bodyExtensions(options: BodyExtensionOptions): AnyExtension[] {
  return [
    ...bodySchemaExtensions({
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        isAllowedUri: (url, ctx) => ctx.defaultValidate(url) && isStorableHref(url),
        HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow' },
      },
      views: {
        image: FigureImage.configure(options.image),
        mediaEmbed: MediaEmbed.configure({ kindLabel: options.kindLabel }),
      },
    }),
    Placeholder.configure({
      placeholder:
        typeof options.placeholder === 'string' ? options.placeholder : () => (options.placeholder as () => string)(),
    }),
    NewsroomTypography,
    PasteCleanup.configure({
      storeDataImage: options.storeDataImage ?? null,
      onLocalImagesDropped: options.onLocalImagesDropped ?? null,
    }),
    UiLabels,
    BlockIds,
    LinkOpen.configure({ onOpen: options.onOpenLink }),
    NewsroomKeys.configure({
      onSave: options.onSave,
      onPreview: options.onPreview,
      onLink: options.onLink ?? (() => undefined),
    }),
  ]
}
