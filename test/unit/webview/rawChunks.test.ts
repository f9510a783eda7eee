// The Raw view's blocks (webview/compare/rawChunks.ts): a draft past 64 KB is shown in blocks Chromium lays out only
// when they are scrolled into view (a 5 MB draft held the view for seconds laid out whole). The blocks must give back
// the exact text, as a reader sees it and as a copied selection has it (a block boundary reads as one line break).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RAW_CHUNK, rawChunks } from '../../../webview/compare/rawChunks';

/** The text a selection of all blocks copies: a line break between blocks unless the text was cut inside a line. */
function copied(text: string, size = RAW_CHUNK): string {
  const chunks = rawChunks(text, size);
  let out = chunks[0].text;
  let at = chunks[0].text.length;
  for (const c of chunks.slice(1)) {
    const cutAtBreak = text[at] === '\n' && text.startsWith(c.text, at + 1);
    out += (cutAtBreak ? '\n' : '') + c.text;
    at += (cutAtBreak ? 1 : 0) + c.text.length;
  }
  return out;
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
    if (c !== chunks[chunks.length - 1]) assert.ok(!c.text.endsWith('\n'), 'a block never ends in a line break (it would hide an empty line)');
    assert.ok(c.lines >= 1);
  }
  assert.equal(chunks.map((c) => c.text).join('\n'), text, 'every cut is at a line break the boundary stands for');
  assert.equal(copied(text), text);
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

test('empty lines at a cut stay (the block before never ends in the break of an empty line), and a run of breaks stays linear', () => {
  const size = 64;
  const text = `${'a'.repeat(50)}\n\n\n${'b'.repeat(50)}\n\n${'c'.repeat(40)}`;
  assert.equal(copied(text, size), text);
  for (const c of rawChunks(text, size).slice(0, -1)) assert.ok(!c.text.endsWith('\n'));
  const breaks = '\n'.repeat(2_000_000);
  const t0 = performance.now();
  const chunks = rawChunks(breaks);
  assert.equal(chunks.map((c) => c.text).join(''), breaks, 'no break to cut at alone: cut at the size');
  assert.ok(performance.now() - t0 < 1000, `${Math.round(performance.now() - t0)} ms`);
});
