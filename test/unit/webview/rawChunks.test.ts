// The Raw view's blocks (webview/compare/rawChunks.ts): a draft past 64 KB is shown in blocks Chromium lays out only
// when they are scrolled into view (a 5 MB draft held the view for seconds laid out whole). The blocks must give back
// the exact text. Regression: a cut at a line break dropped the break from the blocks (the page's text lost one line
// break per block), and a cut inside a line was copied with a line break the draft does not have (Chromium ends every
// block a selection crosses with one; rawBlocks.ts now copies the blocks' own text); and the search for a break ran
// back to the start of a long single line for every block (quadratic: a 20 MB line took 1.7 s, 40 MB about 6 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RAW_CHUNK, rawChunks } from '../../../webview/compare/rawChunks';

/** The blocks' text, as the page holds it and a copied selection of them has it. */
function joined(text: string, size = RAW_CHUNK): string {
  return rawChunks(text, size).map((c) => c.text).join('');
}

test('a draft of one chunk or less is one block, unchanged', () => {
  for (const t of ['', 'x', 'a\nb\n', 'y'.repeat(RAW_CHUNK)]) assert.deepEqual(rawChunks(t).map((c) => c.text), [t]);
});

test('a long draft of many lines is cut at line breaks; the blocks give back the exact text', () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'w'.repeat(i % 90)}${i % 7 === 0 ? '\n' : ''}`);
  const text = lines.join('\n');
  const chunks = rawChunks(text);
  assert.ok(chunks.length > 10, `${chunks.length} chunks`);
  for (const c of chunks) {
    assert.ok(c.text.length <= RAW_CHUNK);
    assert.ok(c.lines >= 1);
  }
  for (const c of chunks.slice(0, -1)) assert.ok(c.text.endsWith('\n'), 'every cut is just after a line break');
  assert.equal(joined(text), text, 'the blocks hold every line break');
});

test('a 5 MB single line is cut every 64 KB, never inside a surrogate pair', () => {
  const line = 'a&amp;b<c>'.repeat(524_288);
  const chunks = rawChunks(line);
  assert.equal(chunks.length, Math.ceil(line.length / RAW_CHUNK));
  assert.equal(chunks.map((c) => c.text).join(''), line);
  const emoji = `${'x'.repeat(RAW_CHUNK - 1)}😀${'y'.repeat(10)}`;
  const cut = rawChunks(emoji);
  assert.equal(cut[0].text.length, RAW_CHUNK - 1);
  assert.equal(cut[1].text.startsWith('😀'), true);
  assert.equal(cut.map((c) => c.text).join(''), emoji);
});

test('empty lines and CRLF at a cut stay, and a run of breaks stays linear', () => {
  const size = 64;
  const text = `${'a'.repeat(50)}\n\n\n${'b'.repeat(50)}\n\n${'c'.repeat(40)}\r\n\r\n${'d'.repeat(60)}`;
  assert.equal(joined(text, size), text);
  const breaks = '\n'.repeat(2_000_000);
  const t0 = performance.now();
  const chunks = rawChunks(breaks);
  assert.equal(chunks.map((c) => c.text).join(''), breaks, 'no break to cut at alone: cut at the size');
  assert.ok(performance.now() - t0 < 1000, `${Math.round(performance.now() - t0)} ms`);
});

test('a 40 MB single line is cut in linear time', () => {
  const line = 'x'.repeat(40 * 1024 * 1024);
  const t0 = performance.now();
  const chunks = rawChunks(line);
  const ms = performance.now() - t0;
  assert.equal(chunks.length, line.length / RAW_CHUNK);
  assert.ok(ms < 2000, `${Math.round(ms)} ms (the search for a line break ran back to the line's start for every block)`);
});
