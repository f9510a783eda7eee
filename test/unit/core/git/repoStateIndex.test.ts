// readDirty compares the index with the work tree by hashing files; an index written by hand (git itself refuses
// such paths) can name files outside the work tree. They must not be read: the repository counts as dirty.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepoState } from '../../../../src/core/git/repoState';

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
const git = (cwd: string, args: string[], input?: Buffer | string): string => execFileSync('git', args, { cwd, env: GIT_ENV, input, encoding: 'utf8' }).trim();

/** A version-2 index with one regular-file entry (mtime 0, so the work tree file is hashed to compare). */
function indexWith(path: string, blobHex: string, size: number): Buffer {
  const name = Buffer.from(path);
  const fixed = Buffer.alloc(62);
  fixed.writeUInt32BE(0o100644, 24);
  fixed.writeUInt32BE(size, 36);
  Buffer.from(blobHex, 'hex').copy(fixed, 40);
  fixed.writeUInt16BE(Math.min(name.length, 0xfff), 60);
  const entryLen = 62 + name.length;
  const pad = 8 - (entryLen % 8);
  const head = Buffer.from('DIRC\0\0\0\x02\0\0\0\x01', 'latin1');
  const body = Buffer.concat([head, fixed, name, Buffer.alloc(pad)]);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

describe('repo state: a crafted index', () => {
  test('a path outside the work tree is not read (old code hashed ../outside.txt and called the repository clean)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairwise-index-'));
    try {
      const root = join(dir, 'repo');
      mkdirSync(root);
      git(root, ['init', '-q']);
      const content = 'outside the work tree\n';
      writeFileSync(join(dir, 'outside.txt'), content);
      const blob = git(root, ['hash-object', '-w', '--stdin'], content);
      // HEAD holds the same entry, so `diff-index --cached` finds nothing and the index is compared file by file.
      const inner = git(root, ['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'], Buffer.concat([Buffer.from('100644 outside.txt\0'), Buffer.from(blob, 'hex')]));
      const top = git(root, ['hash-object', '-t', 'tree', '-w', '--literally', '--stdin'], Buffer.concat([Buffer.from('40000 ..\0'), Buffer.from(inner, 'hex')]));
      const commit = git(root, ['commit-tree', top, '-m', 'crafted']);
      git(root, ['update-ref', 'HEAD', commit]);
      writeFileSync(join(root, '.git', 'index'), indexWith('../outside.txt', blob, Buffer.byteLength(content)));
      assert.match(git(root, ['ls-files', '-z']), /^\.\.\/outside\.txt/, 'git lists the crafted entry');
      const state = await readRepoState(root);
      assert.equal(state.commit, commit);
      assert.equal(state.dirty, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
