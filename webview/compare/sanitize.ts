/**
 * DOMPurify pass over markdown-it output (defence in depth: markdown-it already runs with html:false).
 * Allows only markdown's own tags; links only http(s)/mailto; images only small raster data: URLs;
 * no style, no event handlers, no data-* except data-pw-link. Needs a DOM (runs in the webview).
 */
import DOMPurify from 'dompurify';
import { isAllowedLinkTarget, isInlineDataImage } from './markdown';

const ALLOWED_TAGS = ['a', 'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong',
  's', 'del', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'img', 'sup', 'sub', 'kbd'];
const ALLOWED_ATTR = ['href', 'title', 'class', 'rel', 'start', 'src', 'alt', 'aria-hidden', 'data-pw-link'];

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!isAllowedLinkTarget(href)) { node.removeAttribute('href'); node.removeAttribute('data-pw-link'); }
      else node.setAttribute('data-pw-link', href);
    }
    if (node.tagName === 'IMG' && !isInlineDataImage(node.getAttribute('src') ?? '')) {
      const ph = node.ownerDocument.createElement('span');
      ph.className = 'pw-image-placeholder';
      ph.textContent = `Image not loaded: ${node.getAttribute('alt') || 'image'}`;
      node.replaceWith(ph);
    }
  });
}

/** Sanitises markdown HTML into a fragment ready to insert. */
export function sanitizeMarkdownHtml(html: string): DocumentFragment {
  installHooks();
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false, RETURN_DOM_FRAGMENT: true,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);base64,)/i,
    FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'math'],
  });
}

/** Sanitises host-built SVG (dashboard charts) with DOMPurify's SVG profile. */
export function sanitizeSvg(svg: string): DocumentFragment {
  return DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true }, RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['foreignObject', 'script', 'style', 'a', 'use', 'image'] });
}
