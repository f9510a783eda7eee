// Red-team regression: files are listed (and judged) once, then read again whole when the prompt is filled. A folder
// on the listed path that becomes a symlink in between (a checkout of a hostile branch while the context builds) must
// not make that second read follow it out of the root or into `.git/`: O_NOFOLLOW guards only the last component.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepoFiles, readWhole } from '../../../src/core/context/readRepoFiles';
import { rankFiles } from '../../../src/core/context/ranking';
import { rankForQuery } from '../../../src/core/context/codeRanking';
import { fillBudget } from '../../../src/core/context/selectFiles';

const CANARY = 'CANARY_SWAPPED_DIR_91d4';
let base: string;

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-reread-swap-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

/** A repo with src/<name> listed, then src/ swapped for a symlink to `target` (relative to the root). */
async function listThenSwap(name: string, target: (root: string) => string, repo = `repo-${name}`) {
  const root = join(base, repo);
  mkdirSync(join(root, 'src'), { recursive: true });
  execFileSync('git', ['init', '-q', root]);
  writeFileSync(join(root, 'src', name), 'export const inside = 1;\n');
  const read = await readRepoFiles(root, [`src/${name}`], 1 << 20);
  assert.deepEqual(read.files.map((f) => f.path), [`src/${name}`], 'armed: the file is listed');
  renameSync(join(root, 'src'), join(root, 'src-old'));
  symlinkSync(target(root), join(root, 'src'));
  return read.files[0];
}

describe('a listed folder swapped for a symlink before the whole read', () => {
  test('regression: a folder swapped for a symlink outside the root is not followed by readWhole', async () => {
    const outside = join(base, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'app.ts'), `export const secret = '${CANARY}';\n`);
    const f = await listThenSwap('app.ts', () => outside);
    const text = readWhole(f, 1 << 20)?.toString('utf8');
    assert.ok(!text?.includes(CANARY), `a file outside the root was read: ${text}`);
  });

  test('regression: a folder swapped for a symlink to .git is not followed (git config reaches no prompt)', async () => {
    const f = await listThenSwap('config', () => '.git');
    const text = readWhole(f, 1 << 20)?.toString('utf8');
    assert.ok(!text?.includes('[core]'), `.git/config was read: ${text}`);
    const sel = await fillBudget(rankFiles([f], { recent: [], paperTerms: [] }), 10_000, 1, 1 << 20);
    assert.ok(!sel.selected.some((s) => s.entry.includes('[core]')), 'the git config reached the selection');
    assert.equal(sel.omitted[0]?.path, 'src/config');
  });

  test('regression: a query-ranked file (the ranking any paper with usable words takes) keeps the listed file\'s identity for whole reads', async () => {
    const f = await listThenSwap('config', () => '.git', 'repo-query');
    const ranked = rankForQuery(rankFiles([f], { recent: [], paperTerms: [] }), new Map(), new Map(), []);
    assert.equal(ranked[0].ino, f.ino, 'the ranked file carries the inode the listing read');
    const text = readWhole(ranked[0], 1 << 20)?.toString('utf8');
    assert.ok(!text?.includes('[core]'), `.git/config was read through a query-ranked file: ${text}`);
    const sel = await fillBudget(ranked, 10_000, 1, 1 << 20);
    assert.ok(!sel.selected.some((s) => s.entry.includes('[core]')), 'the git config reached the selection');
  });

  test('regression: a folder swapped for a symlink to .git while the listing runs: its files are dropped, none read from .git is kept', async () => {
    const root = join(base, 'repo-mid');
    mkdirSync(join(root, 'src'), { recursive: true });
    execFileSync('git', ['init', '-q', root]);
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src', 'config'), 'mine\n');
    writeFileSync(join(root, 'top.ts'), 'export const top = 1;\n');
    const seen = new Map<string, string>();
    // The visitor runs inside the listing: swapping there stands for a checkout landing while the listing reads.
    const read = await readRepoFiles(root, ['src/a.ts', 'src/config', 'top.ts'], 1 << 20, {
      bytes: () => 65536,
      visit: (f, head) => {
        seen.set(f.path, head.toString('utf8'));
        if (f.path === 'src/a.ts') {
          renameSync(join(root, 'src'), join(root, 'src-old'));
          symlinkSync('.git', join(root, 'src'));
        }
      },
    });
    assert.match(seen.get('src/config') ?? '', /\[core\]/, 'armed: the listing read src/config through the swapped folder');
    assert.deepEqual(read.files.map((f) => f.path), ['top.ts']);
    assert.deepEqual(read.omitted.map((o) => [o.path, o.detail]), [['src/a.ts', 'its folder changed while listing'], ['src/config', 'its folder changed while listing']]);
  });

  test('an unchanged file is read whole again; one rewritten in place is read as it is now', async () => {
    const root = join(base, 'repo-plain');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    const read = await readRepoFiles(root, ['src/a.ts'], 1 << 20);
    assert.equal(readWhole(read.files[0], 1 << 20)?.toString('utf8'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 2;\n');
    assert.equal(readWhole(read.files[0], 1 << 20)?.toString('utf8'), 'export const a = 2;\n');
  });
});
