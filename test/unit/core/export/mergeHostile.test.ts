// Red-team: `pairwise merge --into` copies each new comparison's runs/<id>/ folder from a teammate's results file.
// The id comes from that file: `../../.git/hooks/pre-commit` made the copy read a file the teammate shipped next to
// their results and write it into the user's repository (an executable hook, outside .pairwise/). Ids that are not a
// safe folder name copy nothing, and a run folder that is a link, or links inside one, are not followed or copied.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeResultFiles } from '../../../../src/core/export/mergeResultFiles';
import { ResultsStore } from '../../../../src/core/results/resultsStore';
import { makeComparison } from '../../../fixtures/results/makeRecord';

const posix = process.platform !== 'win32';
let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'pw-merge-hostile-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

const present = (p: string) => lstat(p).then(() => true, () => false);

describe('merge of a hostile results file', () => {
  test('a comparison id with ../ copies nothing outside runs/ (no planted git hook)', async () => {
    // The teammate's zip: team/a/b/results.jsonl, and team/a/.git/hooks/pre-commit beside it.
    const theirs = join(dir, 'team', 'a', 'b', 'results.jsonl');
    await mkdir(join(dir, 'team', 'a', '.git', 'hooks', 'pre-commit'), { recursive: true });
    await writeFile(join(dir, 'team', 'a', '.git', 'hooks', 'pre-commit', 'payload'), '#!/bin/sh\necho pwned\n', { mode: 0o755 });
    await new ResultsStore(theirs).append(makeComparison({ id: '../../.git/hooks/pre-commit' } as never));
    // The user's repository: repo/.pairwise/results.jsonl and repo/.git/hooks/.
    const mine = join(dir, 'repo', '.pairwise', 'results.jsonl');
    await mkdir(join(dir, 'repo', '.git', 'hooks'), { recursive: true });
    await new ResultsStore(mine).append(makeComparison());
    const m = await mergeResultFiles([mine, theirs], { into: mine });
    assert.equal(m.blobDirsCopied, 0);
    assert.equal(await present(join(dir, 'repo', '.git', 'hooks', 'pre-commit')), false, 'nothing was written into .git/hooks');
  });

  test('a run folder that is a link (to a folder of the user\'s) is not copied; links inside a run folder are skipped', { skip: !posix }, async () => {
    const secrets = join(dir, 'home', '.ssh');
    await mkdir(secrets, { recursive: true });
    await writeFile(join(secrets, 'id_ed25519'), 'PRIVATE KEY');
    const theirs = join(dir, 'team2', 'results.jsonl');
    const linked = makeComparison();
    const withLink = makeComparison();
    const store = new ResultsStore(theirs);
    await store.append(linked);
    await store.append(withLink);
    await mkdir(join(dir, 'team2', 'runs'), { recursive: true });
    await symlink(secrets, join(dir, 'team2', 'runs', linked.id));
    await store.saveBlob(withLink.id, 'draft-a', 'a draft');
    await symlink(join(secrets, 'id_ed25519'), join(dir, 'team2', 'runs', withLink.id, 'key.txt'));
    const mine = join(dir, 'repo2', 'results.jsonl');
    await new ResultsStore(mine).append(makeComparison());
    const m = await mergeResultFiles([mine, theirs], { into: mine });
    assert.equal(await present(join(dir, 'repo2', 'runs', linked.id)), false, 'a linked run folder is not copied');
    const copied = await readdir(join(dir, 'repo2', 'runs', withLink.id));
    assert.ok(copied.some((f) => f.endsWith('.txt')), 'the real blob is copied');
    assert.ok(!copied.includes('key.txt'), 'a link inside the run folder is not copied');
    assert.equal(m.blobDirsCopied, 1);
  });
});
