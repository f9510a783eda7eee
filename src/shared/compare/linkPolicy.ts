/**
 * Which links from model output may be offered for opening: http(s) and mailto only, parsed with URL so the
 * host shows the punycode host name (homographs visible). Pure; the webview and the host both apply it.
 */

/** A link that may be offered to the user, or why not. */
export type LinkCheck = { ok: true; href: string; host: string; hasCredentials: boolean } | { ok: false; reason: string };

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** Checks a link target; the host still asks before opening. */
export function checkLink(raw: string): LinkCheck {
  const href = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (href.length === 0 || href.length > 8192 || /[\u0000-\u001f\u007f]/.test(href)) return { ok: false, reason: 'The link is empty, too long or contains control characters.' };
  let url: URL;
  try { url = new URL(href); } catch { return { ok: false, reason: 'Only absolute http(s) and mailto links can be opened.' }; }
  if (!ALLOWED.has(url.protocol)) return { ok: false, reason: `Links with ${url.protocol} are never opened; only http(s) and mailto.` };
  return { ok: true, href: url.href, host: url.protocol === 'mailto:' ? url.pathname : url.host, hasCredentials: url.username !== '' || url.password !== '' };
}
