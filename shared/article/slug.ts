/** Turns a headline into a slug: accents folded, lowercase, hyphen-separated, at most 80 characters. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '')
  return slug === '' ? 'untitled' : slug
}

/** Returns `base`, or `base-2`, `base-3`… the first one not in `taken`. */
export function uniqueSlug(base: string, taken: Pick<ReadonlySet<string>, 'has'>): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`
    if (!taken.has(candidate)) return candidate
  }
}
