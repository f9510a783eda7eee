// Red-team: a results folder from elsewhere (a teammate's zip, a repository) may hold links and special files under
// runs/<id>/. `pairwise judge --results FILE` reads each draft blob from there: a blob that is a FIFO (open blocks
// until a writer comes: the judge hangs for good) or a device such as /dev/zero (read until memory runs out) must be
// refused at once with a clear message, like any other missing or damaged blob.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobPathFor, readBlob, saveBlob } from '../../../../src/core/results/blobStore';

const posix = process.platform !== 'win32';

async function withBlob(replace: (path: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'pairwise-blob-'));
  const file = join(dir, 'results.jsonl');
  const hash = await saveBlob(file, 'c1', 'draft-a.md', 'a draft');
  const path = blobPathFor(file, 'c1', hash);
  await unlink(path);
  await replace(path);
  return { file, hash, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => { t = setTimeout(() => rej(new Error(`still reading after ${ms} ms`)), ms); });
  try { return await Promise.race([p, timeout]); } finally { clearTimeout(t); }
}

describe('blobs that are not files', { skip: !posix }, () => {
  test('a FIFO in place of a draft blob is refused at once (no hang)', async () => {
    const fx = await withBlob(async (p) => { execFileSync('mkfifo', [p]); });
    try {
      const r = await within(3000, readBlob(fx.file, 'c1', fx.hash));
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, /not a regular file/);
    } finally { await fx.cleanup(); }
  });

  test('a link to /dev/zero in place of a draft blob is refused at once (no endless read)', async () => {
    const fx = await withBlob((p) => symlink('/dev/zero', p));
    try {
      const r = await within(3000, readBlob(fx.file, 'c1', fx.hash));
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, /not a regular file/);
    } finally { await fx.cleanup(); }
  });
});
