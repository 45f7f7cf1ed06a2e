/** Schemes a link in an article may open in the user's browser or mail program. */
export const OPENABLE_PROTOCOLS: readonly string[] = ['https:', 'http:', 'mailto:']

/** Outcome of checking a link: the normalised URL to open, or why it is refused. */
export type LinkCheck = { ok: true; url: string } | { ok: false; message: string }

/**
 * Decides whether a link may leave the app: it must parse with `new URL` and use https, http or mailto
 * (http(s) also needs a host, and credentials in the URL are refused). Everything else is refused with a reason.
 */
export function checkLink(raw: string): LinkCheck {
  const text = raw.trim()
  if (text === '') return { ok: false, message: 'the link is empty' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, message: `"${text.slice(0, 200)}" is not a complete URL` }
  }
  if (!OPENABLE_PROTOCOLS.includes(url.protocol)) {
    return {
      ok: false,
      message: `links using "${url.protocol}" are not opened; only https, http and mailto links are`,
    }
  }
  if (url.protocol !== 'mailto:' && url.hostname === '') return { ok: false, message: 'the link has no host' }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'links with a user name or password in them are not opened' }
  }
  return { ok: true, url: url.href }
}

/** Result of asking main to open a link. */
export type OpenLinkOutcome = { ok: true; url: string } | { ok: false; reason: 'refused' | 'failed'; message: string }

/** Opens links through `open` (shell.openExternal in main) only after `checkLink` allows them. */
export function createLinkOpener(open: (url: string) => Promise<void>) {
  return async (raw: string): Promise<OpenLinkOutcome> => {
    const check = checkLink(raw)
    if (!check.ok) return { ok: false, reason: 'refused', message: check.message }
    try {
      await open(check.url)
      return { ok: true, url: check.url }
    } catch (error) {
      return { ok: false, reason: 'failed', message: `the link could not be opened: ${(error as Error).message}` }
    }
  }
}
