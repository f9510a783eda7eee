import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMarkdownRenderer, renderMarkdown } from '../../../webview/compare/markdown';
import { IncrementalMarkdown, type MarkdownUpdate } from '../../../webview/compare/incrementalMarkdown';

const md = createMarkdownRenderer();
const render = (src: string): string => renderMarkdown(md, src).html;

/** Applies updates to an HTML model of the column (stable part + tail), as bodyView.ts does to the DOM. */
class Column {
  stable = ''; tail = ''; rendered = 0;
  apply(u: MarkdownUpdate): void {
    if (u.kind === 'replace') { this.stable = u.stableHtml; this.tail = u.tailHtml; return; }
    this.stable += u.appendHtml;
    if (u.tailHtml !== null) this.tail = u.tailHtml;
  }
  get html(): string { return this.stable + this.tail; }
}

const DRAFT = '## Plan\n\nRescale the running sum by `exp(m_old - m_new)`.\n\n- one\n- **two**\n\n```python\ndef f(x):\n\n    return x\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nLast paragraph.';

test('streaming chunk by chunk shows what a whole render of the same text shows', () => {
  const inc = new IncrementalMarkdown(render);
  const col = new Column();
  for (let i = 1; i <= DRAFT.length; i += 3) {
    const src = DRAFT.slice(0, i);
    col.apply(inc.stream(src));
    // blocks before the last blank line never change once rendered: the stable part is a prefix of a whole render
    assert.ok(render(src).startsWith(col.stable), `at ${i}`);
  }
  col.apply(inc.final(DRAFT));
  assert.equal(col.html, render(DRAFT));
});

test('while streaming, finished blocks are rendered once: each update renders only new blocks and the tail', () => {
  const seen: string[] = [];
  const inc = new IncrementalMarkdown((src) => { seen.push(src); return render(src); });
  const col = new Column();
  col.apply(inc.stream('para one\n\npara tw'));
  col.apply(inc.stream('para one\n\npara two\n\npara thr'));
  assert.deepEqual(seen, ['para one\n\n', 'para tw', 'para two\n\n', 'para thr']);
  const u = inc.stream('para one\n\npara two\n\npara thr'); // same text again: nothing to change
  assert.deepEqual(u, { kind: 'extend', appendHtml: '', tailHtml: null });
  assert.equal(col.html, '<p>para one</p>\n<p>para two</p>\n<p>para thr</p>\n');
});

test('the final update only swaps the tail when the whole text renders to the same blocks', () => {
  const inc = new IncrementalMarkdown(render);
  inc.stream('# T\n\nbody\n\nend');
  const u = inc.final('# T\n\nbody\n\nend.');
  assert.deepEqual(u, { kind: 'extend', appendHtml: '', tailHtml: '<p>end.</p>\n' });
});

test('the final update replaces everything when a whole render differs (a reference defined at the end, a list split by a blank line)', () => {
  const ref = new IncrementalMarkdown(render);
  ref.stream('See [the paper][1].\n\nMore.\n\n');
  const u = ref.final('See [the paper][1].\n\nMore.\n\n[1]: https://example.org/p');
  assert.equal(u.kind, 'replace');
  assert.match(u.kind === 'replace' ? u.stableHtml : '', /data-pw-link="https:\/\/example.org\/p"/);
  const list = new IncrementalMarkdown(render);
  const col = new Column();
  col.apply(list.stream('- a\n\n- b'));
  col.apply(list.final('- a\n\n- b'));
  assert.equal(col.html, render('- a\n\n- b'));
});

test('text that no longer continues what is shown (retry, masking) starts over', () => {
  const inc = new IncrementalMarkdown(render);
  const col = new Column();
  col.apply(inc.stream('first attempt\n\nmore'));
  const u = inc.stream('second\n\nx');
  assert.equal(u.kind, 'replace');
  col.apply(u);
  assert.equal(col.html, render('second\n\nx'));
  col.apply(inc.final('second\n\nx'));
  const again = inc.stream('second\n\nx y'); // a retried side streams again after a final render
  assert.equal(again.kind, 'replace');
});
