/**
 * DOMPurify pass over markdown-it output (defence in depth: markdown-it already runs with html:false).
 * Allows only markdown's own tags and no <a> at all (no href the webview host could open): a link is a
 * span.pw-link[role=link][tabindex=0][data-pw-link] with an http(s)/mailto target; images only small raster
 * data: URLs; no style, no event handlers, no data-* except data-pw-link. Needs a DOM (runs in the webview).
 */
import DOMPurify from 'dompurify';
import { isAllowedLinkTarget, isInlineDataImage } from './markdown';

const ALLOWED_TAGS = ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong',
  's', 'del', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'img', 'sup', 'sub', 'kbd'];
const ALLOWED_ATTR = ['title', 'class', 'start', 'src', 'alt', 'aria-hidden', 'data-pw-link', 'role', 'tabindex'];

let hooked = false;
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    // Only a span carrying an allowed target is a link; role and tabindex exist for nothing else.
    const target = node.getAttribute('data-pw-link');
    if (node.tagName === 'SPAN' && target !== null && isAllowedLinkTarget(target)) {
      node.setAttribute('role', 'link');
      node.setAttribute('tabindex', '0');
      node.classList.add('pw-link');
    } else {
      for (const a of ['data-pw-link', 'role', 'tabindex']) node.removeAttribute(a);
      node.classList.remove('pw-link');
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
    FORBID_TAGS: ['a', 'area', 'style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'math'], FORBID_ATTR: ['href', 'xlink:href', 'action', 'formaction'],
  });
}

/** Sanitises host-built SVG (dashboard charts) with DOMPurify's SVG profile. */
export function sanitizeSvg(svg: string): DocumentFragment {
  return DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true }, RETURN_DOM_FRAGMENT: true, FORBID_TAGS: ['foreignObject', 'script', 'style', 'a', 'use', 'image'] });
}
