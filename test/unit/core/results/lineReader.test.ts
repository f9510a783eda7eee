// The batched line reader against a byte-by-byte reference: offsets, byte counts, CRLF, UTF-8 (including a character
// cut by a chunk boundary), lines across 1 MiB chunks, oversize lines and an unterminated last line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLineBatches, readLines, type RawLine } from '../../../../src/core/results/lineReader';
import { seededRandom } from '../../../../src/core/stats/prng';

/** Splits bytes at newlines the slow, obvious way. */
function reference(bytes: Buffer, max: number): RawLine[] {
  const out: RawLine[] = [];
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let nl = bytes.indexOf(10, start);
    const terminated = nl !== -1;
    if (!terminated) nl = bytes.length;
    const len = nl - start;
    const oversize = len > max;
    let text = bytes.toString('utf8', start, oversize ? start + 200 : nl);
    if (!oversize && text.endsWith('\r')) text = text.slice(0, -1);
    line += 1;
    out.push({ text, line, offset: start, bytes: len + (terminated ? 1 : 0), terminated, oversize });
    start = nl + 1;
  }
  return out;
}

test('batched lines equal the reference on 3 MB of mixed lines', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-lines-'));
  try {
    const rand = seededRandom(8);
    const pieces: string[] = [];
    let size = 0;
    while (size < 3.2e6) {
      const u = rand();
      const len = u < 0.01 ? 300_000 + Math.floor(rand() * 900_000) : Math.floor(rand() * 400);
      const uni = rand() < 0.1;
      let s = uni ? 'é€😀'.repeat(Math.ceil(len / 8)).slice(0, len) : 'x'.repeat(len);
      if (rand() < 0.2) s += '\r';
      if (rand() < 0.05) s = '';
      pieces.push(s);
      size += Buffer.byteLength(s) + 1;
    }
    for (const tail of ['\n', '', 'unterminated {"a":', '\r']) {
      const bytes = Buffer.from(pieces.join('\n') + tail);
      const file = join(dir, 'lines.txt');
      await writeFile(file, bytes);
      const max = 500_000;
      const got: RawLine[] = [];
      for await (const l of readLines(file, max)) got.push(l);
      const want = reference(bytes, max);
      assert.equal(got.length, want.length, `line count with tail ${JSON.stringify(tail)}`);
      for (let i = 0; i < want.length; i++) assert.deepEqual(got[i], want[i], `line ${i + 1} with tail ${JSON.stringify(tail)}`);
      let batches = 0;
      for await (const b of readLineBatches(file, max)) batches += b.length > 0 ? 1 : 0;
      assert.ok(batches >= 3, 'one batch per chunk read');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing file yields no lines', async () => {
  const got: RawLine[] = [];
  for await (const l of readLines(join(tmpdir(), 'pw-no-such-file.jsonl'))) got.push(l);
  assert.deepEqual(got, []);
});
