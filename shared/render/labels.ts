import type { ListingBadge } from '../listing/listing'

/** Reader-facing words of a rendered page, in the page's language (not the editor's UI language). */
export interface PageLabels {
  badge: Record<ListingBadge, string>
  embargoedUntil: (date: string) => string
  page: (page: number, pageCount: number) => string
  empty: string
  untitled: string
  previous: string
  next: string
  backTo: (publication: string) => string
}

const en: PageLabels = {
  badge: { audio: '[Audio]', video: '[Video]', livestream: 'Livestream' },
  embargoedUntil: (date) => `Embargoed until ${date}`,
  page: (page, count) => `Page ${page} of ${count}`,
  empty: 'Nothing to show yet.',
  untitled: '(untitled)',
  previous: '← Newer',
  next: 'Older →',
  backTo: (name) => `← ${name}`,
}

const es: PageLabels = {
  badge: { audio: '[Audio]', video: '[Vídeo]', livestream: 'En directo' },
  embargoedUntil: (date) => `Embargado hasta el ${date}`,
  page: (page, count) => `Página ${page} de ${count}`,
  empty: 'Todavía no hay noticias.',
  untitled: '(sin título)',
  previous: '← Más recientes',
  next: 'Anteriores →',
  backTo: (name) => `← ${name}`,
}

/** The labels for a BCP 47 language tag; Spanish for any "es-*", English otherwise. */
export function labelsFor(language: string): PageLabels {
  return language.toLowerCase().split('-')[0] === 'es' ? es : en
}
