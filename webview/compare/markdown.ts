/**
 * Markdown -> HTML for drafts, before DOMPurify. markdown-it with raw HTML off and linkify off. A link is never an
 * <a href>: the webview host opens a real href at once whatever the page's click handler does, so an allowed
 * (http(s)/mailto) link becomes <span class="pw-link" role="link" tabindex="0" data-pw-link="URL"> and a click or
 * Enter posts 'link/open' — the host opens it only after the user confirms; other targets become plain text;
 * images never load: remote ones become a placeholder showing the URL, only small raster data: images stay.
 * Pure (no DOM), so the hostile corpus is tested in Node; the webview still sanitises the result.
 */
import markdownit, { type MarkdownIt, type Token } from 'markdown-it';

/** Markdown longer than this renders only its head (Raw shows everything). */
export const MAX_RENDERED_CHARS = 400_000;
/** Largest data: image kept inline. */
export const MAX_DATA_IMAGE_CHARS = 300_000;

const LINK_OK = /^(?:https?:|mailto:)/i;
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|jpg|webp);base64,[a-z0-9+/=\s]*$/i;

/** Whether a URL may appear as an <a href> target. */
export function isAllowedLinkTarget(url: string): boolean { return LINK_OK.test(url.trim()); }
/** Whether an image source may load (only small raster data: URLs). */
export function isInlineDataImage(src: string): boolean { return src.length <= MAX_DATA_IMAGE_CHARS && DATA_IMAGE.test(src.trim()); }

const attr = (t: Token, name: string): string => String(t.attrGet(name) ?? '');

interface LinkEnv { pwBlockedLink?: boolean }

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A markdown-it instance configured for untrusted model output. */
export function createMarkdownRenderer(): MarkdownIt {
  const md = markdownit({ html: false, linkify: false, typographer: false, breaks: false });
  md.validateLink = (url) => isAllowedLinkTarget(url) || isInlineDataImage(url);
  const renderToken = md.renderer.renderToken.bind(md.renderer);
  // Links cannot nest in markdown, so one flag in env pairs each link_close with its link_open.
  md.renderer.rules.link_open = (tokens, idx, options, rawEnv) => {
    const env = rawEnv as LinkEnv;
    const t = tokens[idx];
    const href = attr(t, 'href');
    env.pwBlockedLink = !isAllowedLinkTarget(href);
    if (env.pwBlockedLink) return '<span class="pw-link-blocked">';
    const h = escapeHtml(href);
    return `<span class="pw-link" role="link" tabindex="0" data-pw-link="${h}" title="${h}">`;
  };
  md.renderer.rules.link_close = (_tokens, _idx, _options, rawEnv) => {
    (rawEnv as LinkEnv).pwBlockedLink = false;
    return '</span>';
  };
  md.renderer.rules.image = (tokens, idx) => {
    const t = tokens[idx];
    const src = attr(t, 'src');
    const alt = t.children ? md.renderer.renderInlineAsText(t.children, md.options, {}) : t.content;
    if (isInlineDataImage(src)) return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" class="pw-inline-image">`;
    const label = src.startsWith('data:') ? 'inline image not shown' : src;
    return `<span class="pw-image-placeholder" title="${escapeHtml(label)}">`
      + `<span class="codicon codicon-file-media" aria-hidden="true"></span> Image not loaded: ${escapeHtml(alt || 'image')} `
      + `<code>${escapeHtml(label.slice(0, 300))}</code></span>`;
  };
  // Tables: markdown-it puts alignment in style="" which the CSP blocks anyway; use classes instead.
  for (const rule of ['th_open', 'td_open'] as const) {
    md.renderer.rules[rule] = (tokens, idx, options) => {
      const t = tokens[idx];
      const style = attr(t, 'style');
      if (style) {
        const align = /text-align:(left|right|center)/.exec(style)?.[1];
        t.attrs = (t.attrs ?? []).filter(([k]) => k !== 'style');
        if (align) t.attrSet('class', `pw-align-${align}`);
      }
      return renderToken(tokens, idx, options);
    };
  }
  return md;
}

/**
 * A long draft's rendered head, kept while it does not change: past MAX_RENDERED_CHARS a streaming draft only grows
 * beyond what is shown, and rendering its first 400 KB again on every update took a second each time.
 */
export class ClippedMarkdown {
  private head: string | null = null;

  constructor(private readonly md: MarkdownIt) {}

  /** The HTML of text's head, or null when that head is what was rendered last. */
  render(text: string): string | null {
    const head = text.length > MAX_RENDERED_CHARS ? text.slice(0, MAX_RENDERED_CHARS) : text;
    if (head === this.head) return null;
    this.head = head;
    return this.md.render(head, {});
  }

  /** Forgets what was rendered (the next render renders). */
  reset(): void { this.head = null; }
}

/** Renders a draft to (unsanitised) HTML; very long drafts render their head only. */
export function renderMarkdown(md: MarkdownIt, text: string): { html: string; clipped: boolean } {
  const clipped = text.length > MAX_RENDERED_CHARS;
  return { html: md.render(clipped ? text.slice(0, MAX_RENDERED_CHARS) : text, {}), clipped };
}
