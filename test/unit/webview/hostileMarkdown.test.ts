import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownRenderer, renderMarkdown, MAX_RENDERED_CHARS } from '../../../webview/compare/markdown';
import { computeDraftDiff } from '../../../webview/compare/textDiff';

const dir = join(import.meta.dirname, '../../fixtures/hostile');
const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
const md = createMarkdownRenderer();

const ALLOWED_TAGS = new Set(['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong',
  's', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'img']);

/** Checks markdown-it output: only markdown's own tags, safe attributes, safe URLs. */
function assertSafe(html: string, name: string): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase(), attrs = m[2];
    assert.ok(ALLOWED_TAGS.has(tag), `${name}: unexpected <${tag}>`);
    assert.doesNotMatch(attrs, /\son[a-z]+\s*=/i, `${name}: event handler attribute in <${tag}${attrs}>`);
    assert.doesNotMatch(attrs, /\sstyle\s*=/i, `${name}: style attribute`);
    assert.doesNotMatch(attrs, /\shref\s*=/i, `${name}: an href the webview host could open before the user confirms`);
    for (const h of attrs.matchAll(/\ssrc="([^"]*)"/g)) assert.match(h[1], /^data:image\/(png|gif|jpe?g|webp);base64,/i, `${name}: image that would load: ${h[1]}`);
    for (const h of attrs.matchAll(/\sdata-pw-link="([^"]*)"/g)) {
      assert.match(h[1], /^(https?:|mailto:)/i, `${name}: unsafe link target ${h[1]}`);
      assert.ok(tag === 'span' && /role="link"/.test(attrs) && /tabindex="0"/.test(attrs), `${name}: a link must be a focusable span[role=link]: <${tag}${attrs}>`);
    }
  }
  assert.doesNotMatch(html, /<(script|iframe|object|embed|style|svg|form|meta|base|link|video|details|input)\b/i, `${name}: raw HTML survived`);
  assert.doesNotMatch(html, /data-pw-link="\s*(javascript|vbscript|data|file|command|vscode):/i, `${name}: dangerous link`);
}

describe('hostile corpus through the markdown pipeline', () => {
  test('the corpus is present', () => { assert.ok(files.length >= 9, `found ${files.join(', ')}`); });
  for (const f of files) {
    test(f, () => {
      const src = readFileSync(join(dir, f), 'utf8');
      const { html, clipped } = renderMarkdown(md, src);
      assert.equal(clipped, false);
      assertSafe(html, f);
      assert.ok(html.length > 0);
    });
  }

  test('dangerous links stay text; the one safe link is clickable but has no href (opens only after the host asks)', () => {
    const { html } = renderMarkdown(md, readFileSync(join(dir, 'dangerous-links.md'), 'utf8'));
    const links = [...html.matchAll(/<span class="pw-link" role="link" tabindex="0" data-pw-link="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(links, ['https://example.org/docs']);
    assert.doesNotMatch(html, /<a[\s>]|href=/i, 'no anchor and no href anywhere');
    assert.match(html, /\[plain javascript\]\(javascript:alert\(1\)\)/, 'shown as literal text');
  });

  test('remote images become placeholders that show the URL; only the inline PNG loads', () => {
    const { html } = renderMarkdown(md, readFileSync(join(dir, 'remote-images.md'), 'utf8'));
    const imgs = [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(imgs.length, 1);
    assert.match(imgs[0], /^data:image\/png;base64,/);
    assert.match(html, /Image not loaded: pixel <code>http:\/\/evil\.example\/pixel\.gif<\/code>/);
    assert.match(html, /evil\.example\/ref\.png/);
  });

  test('raw HTML is escaped into visible text', () => {
    const { html } = renderMarkdown(md, readFileSync(join(dir, 'script-tags.md'), 'utf8'));
    assert.match(html, /&lt;script&gt;alert\('inline script'\)&lt;\/script&gt;/);
  });

  test('a 5 MB single line is clipped for rendering and diffs within the budget', () => {
    const unit = `${'A'.repeat(1024)} [x](javascript:alert(1)) <img src=x onerror=alert(1)> `;
    const huge = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    assert.ok(huge.length >= 5 * 1024 * 1024 && !huge.includes('\n'));
    const t0 = performance.now();
    const { html, clipped } = renderMarkdown(md, huge);
    const renderMs = performance.now() - t0;
    assert.equal(clipped, true);
    assert.ok(html.length < MAX_RENDERED_CHARS * 3);
    assertSafe(html, 'huge-single-line');
    const t1 = performance.now();
    const d = computeDraftDiff(huge, '# A normal draft\n\nSome text.\n');
    const diffMs = performance.now() - t1;
    assert.equal(d.removed, 1);
    assert.equal(d.added, 3);
    assert.ok(renderMs < 5000, `render took ${renderMs} ms`);
    assert.ok(diffMs < 2000, `diff took ${diffMs} ms`);
  });
});
