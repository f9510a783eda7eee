// Red-team regression: the repository's "dirty" flag hashes each tracked file whose size and mtime differ from the
// index. The index keeps sizes modulo 4 GiB, so a sparse file (free on disk, an archive can hold one) of 4 GiB + 1
// byte matched a 1-byte entry and was read whole: readFile threw (over 2 GiB), so reading the repository's state, and
// the comparison asking for it, failed; a file just under 2 GiB was read into 2 GB of memory. Files are now hashed in
// chunks, within a byte budget (past it the tree reads as dirty).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepoInfo } from '../../../src/core/session/repoInfo';
import { committedRepo } from './gitFixture';

let base: string;
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-dirty-huge-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

/** A repository whose one commit holds big.bin = 'x'. */
function repo(name: string): string {
  return committedRepo(join(base, name), { 'big.bin': 'x' });
}

describe('repo state: a huge work tree file', () => {
  test('regression: a sparse file of 4 GiB + 1 byte (its size matches the index modulo 4 GiB) reads as dirty, not as an error', async () => {
    const root = repo('sparse');
    truncateSync(join(root, 'big.bin'), 2 ** 32 + 1);
    utimesSync(join(root, 'big.bin'), new Date('2001-01-01'), new Date('2001-01-01'));
    const t0 = performance.now();
    const info = await readRepoInfo(root);
    assert.equal(info.dirty, true);
    assert.ok(performance.now() - t0 < 5000, `took ${Math.round(performance.now() - t0)} ms`);
  });

  test('a file whose mtime changed but whose bytes did not is still clean (it is hashed); changed bytes are dirty', async () => {
    const root = repo('touched');
    utimesSync(join(root, 'big.bin'), new Date('2001-01-01'), new Date('2001-01-01'));
    assert.equal((await readRepoInfo(root)).dirty, false);
    writeFileSync(join(root, 'big.bin'), 'y');
    utimesSync(join(root, 'big.bin'), new Date('2001-01-01'), new Date('2001-01-01'));
    assert.equal((await readRepoInfo(root)).dirty, true);
  });
});

describe('repo state: a huge sparse packed-refs', () => {
  test('regression: HEAD\'s commit is read from the first 64 MB of packed-refs (a 1.9 GB sparse one took 20 s and 3.8 GB each build)', () => {
    const root = repo('packed');
    execFileSync('git', ['-C', root, 'pack-refs', '--all']);
    const head = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD']).toString().trim();
    truncateSync(join(root, '.git', 'packed-refs'), 1_900_000_000);
    // In a child: the old code read synchronously, so nothing in this process could time it out.
    const mod = join(__dirname, '..', '..', '..', 'src', 'core', 'git', 'repoState.ts').replace(/\\/g, '/');
    const code = `import('${mod}').then((m) => m.readHeadCommit(${JSON.stringify(root)})).then((c) => { process.stdout.write(String(c)); process.exit(0); })`;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', timeout: 8000 });
    assert.equal(r.stdout, head, `after ${Math.round(performance.now() - t0)} ms: ${r.error?.message ?? ''} ${r.stderr.slice(-300)}`);
  });
});
