// Red-team regression: Windows and macOS read other names as `.git` — NTFS drops trailing dots and spaces (`.git.`,
// `.git `), takes a stream suffix (`.git::$INDEX_ALLOCATION`) and the 8.3 short name (`GIT~1`); HFS+ ignores some code
// points (`.g\u200cit`). git refuses such paths on checkout, but `git ls-files` lists whatever a crafted index holds,
// and the patch checks already treat them as `.git` (patchSafety.ts). Here (Linux) they are ordinary folders holding
// a canary: any of them read, pinned or followed by a symlink is what would be `.git/` on those systems.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { includePinned } from '../../../src/core/context/pinnedInputs';
import { unsafeRepoPath } from '../../../src/core/context/gitDirGuard';
import { readRepoFiles } from '../../../src/core/context/readRepoFiles';

const CANARY = 'CANARY_GIT_ALIAS_3e8a';
const ALIASES = ['.git.', '.git ', '.GIT. .', 'GIT~1', 'git~1.', '.git::$INDEX_ALLOCATION', '.g\u200cit', '\ufeff.GIT'];
let root: string;

before(() => {
  root = join(realpathSync(mkdtempSync(join(tmpdir(), 'pw-git-alias-'))), 'repo');
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'app.ts'), 'export const answer = 42;\n');
  ALIASES.forEach((a, i) => {
    mkdirSync(join(root, a));
    writeFileSync(join(root, a, 'config'), `[remote "origin"]\n\turl = https://${CANARY}@example.invalid/x.git\n`);
    symlinkSync(`../${a}/config`, join(root, 'docs', `cfg${i}`));
  });
});
after(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('names a file system reads as .git', () => {
  test('regression: a listed path through .git. / .git  / GIT~1 / .git::$INDEX_ALLOCATION / .g\\u200cit is refused, like .git', () => {
    for (const a of ALIASES) {
      assert.equal(unsafeRepoPath(`${a}/config`), 'inside .git', JSON.stringify(a));
      assert.equal(unsafeRepoPath(`sub/${a}/x`), 'inside .git', JSON.stringify(a));
    }
    for (const ok of ['.github/workflows/ci.yml', '.gitignore', '.git-blame-ignore-revs', 'git~2/a', 'a/.gitx', 'gitx~1/b']) assert.equal(unsafeRepoPath(ok), null, ok);
  });

  test('regression: the listing read keeps no file under such a name, listed or reached through a symlink', async () => {
    const paths = ['app.ts', ...ALIASES.map((_a, i) => `docs/cfg${i}`), ...ALIASES.map((a) => `${a}/config`)];
    const r = await readRepoFiles(root, paths, 1 << 20);
    assert.deepEqual(r.files.map((f) => f.path), ['app.ts'], 'only the source file is kept');
    ALIASES.forEach((a, i) => {
      assert.equal(r.omitted.find((o) => o.path === `${a}/config`)?.reason, 'unsafe_path', JSON.stringify(a));
      assert.equal(r.omitted.find((o) => o.path === `docs/cfg${i}`)?.reason, 'git_dir', `symlink to ${JSON.stringify(a)}`);
    });
  });

  test('regression: pinning such a file (by its name or a symlink to it) sends nothing', async () => {
    const pins = [...ALIASES.map((a) => `${a}/config`), ...ALIASES.map((_a, i) => `docs/cfg${i}`)];
    const pinned = await includePinned(root, pins, [], 1 << 20, (_r, p) => p);
    assert.equal(pinned.selected.length, 0, pinned.selected.map((s) => s.sent.path).join(', '));
    assert.ok(!pinned.selected.some((s) => s.entry.includes(CANARY)));
    assert.equal(pinned.omitted.length, pins.length);
  });
});

// A git directory inside the root under another name (`gitdir: meta`) is refused by its real path, `.git/` by its
// name; the same folder reached by a second name is the same directory: `META/` on a case-insensitive file system
// (macOS, Windows), `GIT~2` on NTFS when `git~1` is taken, a bind mount on Linux. A crafted index lists such paths.
describe('the git directory, reached by a second name', () => {
  let base2: string;
  const mounts: string[] = [];
  /** repo with its git directory at gitDir (relative), and a second name for it, or null when none can be made here. */
  const repos: { repo: string; gitDir: string; alias: string | null }[] = [];

  function secondName(repo: string, gitDir: string): string | null {
    if (gitDir === 'meta' && existsSync(join(repo, 'META', 'config'))) return 'META'; // a case-insensitive file system
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
    mkdirSync(join(repo, 'ALIAS'));
    try {
      execFileSync('mount', ['--bind', join(repo, gitDir), join(repo, 'ALIAS')], { stdio: 'ignore' });
    } catch {
      return null; // no mounts here
    }
    mounts.push(join(repo, 'ALIAS'));
    return 'ALIAS';
  }

  before(() => {
    base2 = realpathSync(mkdtempSync(join(tmpdir(), 'pw-git-alias2-')));
    for (const gitDir of ['meta', '.git']) {
      const repo = join(base2, gitDir === 'meta' ? 'separate' : 'plain');
      mkdirSync(repo);
      execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q', ...(gitDir === 'meta' ? [`--separate-git-dir=${join(repo, 'meta')}`] : []), repo]);
      appendFileSync(join(repo, gitDir, 'config'), `[remote "origin"]\n\turl = https://${CANARY}@example.invalid/x.git\n`);
      writeFileSync(join(repo, 'app.ts'), 'export const answer = 42;\n');
      repos.push({ repo, gitDir, alias: secondName(repo, gitDir) });
    }
  });
  after(() => {
    for (const m of mounts) {
      try {
        execFileSync('umount', [m]);
      } catch {
        execFileSync('umount', ['-l', m]); // busy: detach it now, freed when unused
      }
    }
    rmSync(base2, { recursive: true, force: true });
  });

  test('regression: <second name>/config of meta/ (gitdir: meta) or of .git/ is neither read nor pinned', async (t) => {
    const armed = repos.filter((r) => r.alias !== null);
    if (armed.length === 0) {
      t.skip('needs a case-insensitive file system or a bind mount (root on Linux)');
      return;
    }
    for (const { repo, gitDir, alias } of armed) {
      const paths = ['app.ts', `${alias}/config`, `${alias}/HEAD`];
      const r = await readRepoFiles(repo, paths, 1 << 20);
      assert.deepEqual(r.files.map((f) => f.path), ['app.ts'], `${gitDir}: only the source file is kept`);
      for (const p of paths.slice(1)) assert.equal(r.omitted.find((o) => o.path === p)?.reason, 'git_dir', `${gitDir}: ${p}`);
      const pinned = await includePinned(repo, [`${alias}/config`], [], 1 << 20, (_r, p) => p);
      assert.equal(pinned.selected.length, 0, `${gitDir}: pinning it sends nothing`);
      assert.equal(pinned.omitted[0]?.reason, 'git_dir');
    }
  });
});
