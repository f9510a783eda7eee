// Red-team regression: git reads a repository's config, and every file it includes, for each command. A config that
// includes a FIFO (an unpacked archive can hold one) made every git call wait until its 10-second timeout, so each
// context build stalled. Such a repository is now recognised before git runs: git is refused there with a message, and
// the context is built by walking the folder.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContext } from '../../../src/core/context/buildContext';
import { blockingConfigFile, includePaths } from '../../../src/core/git/configIncludes';
import { describeGitFailure, runGit } from '../../../src/core/git/runGit';
import { commit } from './gitFixture';

let base: string;
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-config-fifo-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

/** A git repository with one file; `config` lines appended to .git/config. */
function repo(name: string, config = ''): string {
  const root = join(base, name);
  mkdirSync(root, { recursive: true });
  execFileSync('git', ['init', '-q', root]);
  writeFileSync(join(root, 'app.py'), 'def main():\n    return 1\n');
  if (config) writeFileSync(join(root, '.git', 'config'), `${execFileSync('git', ['config', '--file', join(root, '.git', 'config'), '--list']).toString().split('\n').filter(Boolean).map((l) => `# ${l}`).join('\n')}\n[core]\n\trepositoryformatversion = 0\n${config}`);
  return root;
}

const fifo = (path: string): string => {
  execFileSync('mkfifo', [path]);
  return path;
};

/** runGit in root, timed. */
async function timedGit(root: string) {
  const t0 = performance.now();
  const r = await runGit(['ls-files'], { cwd: root, timeoutMs: 10_000 });
  return { r, ms: performance.now() - t0 };
}

describe('a repository config that would make git wait', () => {
  test('regression: include.path naming a FIFO refuses git at once, with a message naming it', async () => {
    const root = repo('direct', '[include]\n\tpath = ../evil\n');
    const evil = fifo(join(root, 'evil'));
    const { r, ms } = await timedGit(root);
    assert.ok(ms < 5000, `git was waited on for ${Math.round(ms)} ms`);
    assert.equal(r.failure, 'config');
    assert.match(describeGitFailure('list files', r), new RegExp(`${evil.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*would wait on, read without end`));
  });

  test('regression: a FIFO included by an included file, or by includeIf, is found too', async () => {
    const nested = repo('nested', '[include]\n\tpath = more.inc\n');
    writeFileSync(join(nested, '.git', 'more.inc'), '[includeIf "gitdir:/"]\n  path = "../deep fifo" ; a comment\n');
    const deep = fifo(join(nested, 'deep fifo'));
    assert.equal(blockingConfigFile(nested), deep);
    const { r, ms } = await timedGit(nested);
    assert.ok(ms < 5000 && r.failure === 'config', `nested: ${r.failure} after ${Math.round(ms)} ms`);

    const cond = repo('cond', '[includeIf "onbranch:main"]\n\tPath = /nonexistent/x\n[includeIf "gitdir:~/"]\n\tpath = ../c-fifo\n');
    const condFifo = fifo(join(cond, 'c-fifo'));
    assert.equal(blockingConfigFile(cond), condFifo, 'every includeIf is checked, whatever its condition');
  });

  test('regression: .git/config itself a FIFO', async () => {
    const root = repo('selfconfig');
    unlinkSync(join(root, '.git', 'config'));
    const cfg = fifo(join(root, '.git', 'config'));
    assert.equal(blockingConfigFile(root), cfg);
    const { r, ms } = await timedGit(root);
    assert.ok(ms < 5000 && r.failure === 'config', `${r.failure} after ${Math.round(ms)} ms`);
  });

  test('regression: a FIFO among the git directory\'s other files (HEAD; a linked worktree\'s commondir) refuses git at once', async () => {
    const head = repo('head');
    unlinkSync(join(head, '.git', 'HEAD'));
    const headFifo = fifo(join(head, '.git', 'HEAD'));
    assert.equal(blockingConfigFile(head), headFifo);
    let t = await timedGit(head);
    assert.ok(t.ms < 5000 && t.r.failure === 'config', `HEAD: ${t.r.failure} after ${Math.round(t.ms)} ms`);

    const wt = join(base, 'wt');
    const gd = join(base, 'wt-gitdir');
    mkdirSync(wt, { recursive: true });
    mkdirSync(gd, { recursive: true });
    writeFileSync(join(wt, '.git'), `gitdir: ${gd}\n`);
    writeFileSync(join(gd, 'HEAD'), 'ref: refs/heads/main\n');
    const common = fifo(join(gd, 'commondir'));
    assert.equal(blockingConfigFile(wt), common);
    t = await timedGit(wt);
    assert.ok(t.ms < 5000 && t.r.failure !== undefined, `commondir: ${t.r.failure} after ${Math.round(t.ms)} ms`);
  });

  test('regression: a FIFO as the branch HEAD names, or as HEAD\'s loose commit, refuses git at once (git log waited 30 s)', async () => {
    const branch = repo('branch-ref');
    commit(branch, 'one', '--allow-empty');
    const name = execFileSync('git', ['-C', branch, 'symbolic-ref', 'HEAD']).toString().trim();
    const refFile = join(branch, '.git', name);
    unlinkSync(refFile);
    fifo(refFile);
    assert.equal(blockingConfigFile(branch), refFile);
    let t = await timedGit(branch);
    assert.ok(t.ms < 5000 && t.r.failure === 'config', `ref: ${t.r.failure} after ${Math.round(t.ms)} ms`);

    const obj = repo('loose-commit');
    commit(obj, 'one', '--allow-empty');
    const id = execFileSync('git', ['-C', obj, 'rev-parse', 'HEAD']).toString().trim();
    const objFile = join(obj, '.git', 'objects', id.slice(0, 2), id.slice(2));
    unlinkSync(objFile);
    fifo(objFile);
    assert.equal(blockingConfigFile(obj), objFile, 'the commit HEAD points at, as a loose object');
    t = await timedGit(obj);
    assert.ok(t.ms < 5000 && t.r.failure === 'config', `object: ${t.r.failure} after ${Math.round(t.ms)} ms`);
    const t0 = performance.now();
    const out = await buildContext({ repoRoot: obj });
    assert.ok(out.ok && performance.now() - t0 < 5000, `the build took ${Math.round(performance.now() - t0)} ms`);
    assert.deepEqual(out.manifest.files.map((f) => f.path), ['app.py'], 'built by walking the folder');

    // A plain repository with commits is not refused.
    assert.equal(blockingConfigFile(repo('plain-commit')), null);
  });

  test('regression: a FIFO where the context build reads git metadata itself (HEAD for recent changes, a gitfile\'s commondir) does not freeze the build', () => {
    // Run in a child process: a synchronous read of a FIFO would block this one for good, timers included.
    const head = repo('head-build');
    unlinkSync(join(head, '.git', 'HEAD'));
    fifo(join(head, '.git', 'HEAD'));
    const sep = join(base, 'sep-build');
    mkdirSync(join(sep, 'meta'), { recursive: true });
    execFileSync('git', ['init', '-q', `--separate-git-dir=${join(sep, 'meta')}`, sep]);
    writeFileSync(join(sep, 'app.py'), 'x = 1\n');
    fifo(join(sep, 'meta', 'commondir'));
    const mod = join(__dirname, '..', '..', '..', 'src', 'core', 'context', 'buildContext.ts').replace(/\\/g, '/');
    for (const root of [head, sep]) {
      const code = `import('${mod}').then((m) => m.buildContext({ repoRoot: ${JSON.stringify(root)} })).then((r) => { process.stdout.write(r.ok ? 'built' : r.error); process.exit(0); })`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.stdout, 'built', `${root}: ${r.error?.message ?? ''} ${r.stderr.slice(-300)}`);
    }
  });

  // Linux says what a process waits on (/proc/<pid>/wchan): git waiting to open a FIFO is stopped at once.
  const watches = process.platform === 'linux';

  test('regression: a FIFO as a folder\'s .gitignore, or deep among the objects, stops git at once, not after its timeout (a minute for the listing)', { skip: !watches && 'no /proc/<pid>/wchan here' }, async () => {
    const root = repo('gitignore-fifo');
    execFileSync('git', ['-C', root, 'add', 'app.py']);
    commit(root);
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'b.py'), 'y = 2\n');
    fifo(join(root, 'sub', '.gitignore'));
    assert.equal(blockingConfigFile(root), null, 'nothing the pre-check reads');
    const t0 = performance.now();
    const r = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, timeoutMs: 60_000 });
    const ms = performance.now() - t0;
    assert.equal(r.failure, 'fifo', `after ${Math.round(ms)} ms: ${r.failure ?? 'ok'}`);
    assert.ok(ms < 5000, `git was waited on for ${Math.round(ms)} ms`);
    assert.match(describeGitFailure('list files', r), /waited to open a FIFO/);
    const b0 = performance.now();
    const out = await buildContext({ repoRoot: root });
    assert.ok(out.ok && performance.now() - b0 < 8000, `the build took ${Math.round(performance.now() - b0)} ms`);
    assert.deepEqual(out.manifest.files.map((f) => f.path).sort(), ['app.py', 'sub/b.py'], 'listed by walking the folder');
    assert.ok(out.warnings.some((w) => /git could not list the files: git waited to open a FIFO.*walked instead/.test(w)), out.warnings.join('\n'));

    // The parent commit's loose object: the pre-check reads only HEAD's; git log reaches it.
    const deep = repo('deep-object');
    execFileSync('git', ['-C', deep, 'add', 'app.py']);
    commit(deep);
    const first = execFileSync('git', ['-C', deep, 'rev-parse', 'HEAD']).toString().trim();
    commit(deep, 'two', '--allow-empty');
    const objFile = join(deep, '.git', 'objects', first.slice(0, 2), first.slice(2));
    unlinkSync(objFile);
    fifo(objFile);
    assert.equal(blockingConfigFile(deep), null);
    const l0 = performance.now();
    const log = await runGit(['log', '--format=%H', '-n', '5'], { cwd: deep, timeoutMs: 30_000 });
    assert.ok(log.failure === 'fifo' && performance.now() - l0 < 5000, `git log: ${log.failure ?? 'ok'} after ${Math.round(performance.now() - l0)} ms`);
  });

  test('regression: runGit never rejects: an already aborted signal resolves as aborted (it threw a ReferenceError before git ran)', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await runGit(['version'], { cwd: repo('aborted'), signal: ac.signal, timeoutMs: 10_000 });
    assert.deepEqual({ ok: r.ok, failure: r.failure }, { ok: false, failure: 'aborted' });
    assert.equal(describeGitFailure('list files', r), 'list files: cancelled');
  });

  test('the context is still built (by walking the folder), quickly, and says nothing of the FIFO\'s content', async () => {
    const root = repo('context', '[include]\n\tpath = ../evil\n');
    fifo(join(root, 'evil'));
    const t0 = performance.now();
    const out = await buildContext({ repoRoot: root });
    const ms = performance.now() - t0;
    assert.ok(out.ok, out.ok ? '' : out.error);
    assert.ok(ms < 5000, `the build took ${Math.round(ms)} ms`);
    assert.ok(out.manifest.files.some((f) => f.path === 'app.py'), 'app.py was sent');
    assert.ok(out.warnings.some((w) => w.includes(`git could not list the files: could not read the repository's git configuration (the repository's git files include ${join(root, 'evil')}`)), out.warnings.join('\n'));
    const plain = mkdtempSync(join(base, 'no-repo-'));
    writeFileSync(join(plain, 'a.py'), 'x = 1\n');
    const none = await buildContext({ repoRoot: plain });
    assert.ok(none.ok && !none.warnings.some((w) => w.includes('git could not list')), 'a folder outside any repository is walked without a warning');
  });

  test('regular includes are followed and git still runs; a missing include is no obstacle', async () => {
    const root = repo('plain', '[include]\n\tpath = extra.inc\n\tpath = missing.inc\n');
    writeFileSync(join(root, '.git', 'extra.inc'), '[user]\n\tname = x\n');
    assert.equal(blockingConfigFile(root), null);
    const { r } = await timedGit(root);
    assert.ok(r.ok, r.stderr);
  });

  test('includePaths reads git\'s syntax: sections by name in any case, quotes, escapes, comments, a key on the header line', () => {
    const text = [
      '[core]', '\tpath = not-an-include', '[Include]', '\tpath = a.inc', '\tPATH="b c.inc" # note', '\tpath = d\\\\e.inc ; x',
      '[includeIf "gitdir:~/work/"] path = f.inc', '[includeif "onbranch:x"]', '  path = "g;h.inc"', '[user]', '\tpath = nope',
    ].join('\n');
    assert.deepEqual(includePaths(text), ['a.inc', 'b c.inc', 'd\\e.inc', 'f.inc', 'g;h.inc']);
  });
});

describe('the common directory as git reads it', () => {
  test('regression: a commondir ending in a tab names a folder with the tab (git keeps it); its config including a FIFO is found', async () => {
    // git drops only the trailing CR and LF of `commondir`. The check read it trimmed, so it looked at `.git/common/config`
    // while git reads `.git/common\t/config`, which includes a FIFO: every git call there waited until its timeout.
    const root = repo('tabbed');
    const gitDir = join(root, '.git');
    const common = join(gitDir, 'common\t');
    mkdirSync(common);
    for (const d of ['objects', 'refs']) mkdirSync(join(common, d));
    writeFileSync(join(common, 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(common, 'config'), '[core]\n\trepositoryformatversion = 0\n[include]\n\tpath = ../../../tab-fifo\n');
    const evil = fifo(join(base, 'tab-fifo'));
    writeFileSync(join(gitDir, 'commondir'), 'common\t\r\n');
    assert.equal(blockingConfigFile(root), evil);
    const { r, ms } = await timedGit(root);
    assert.ok(ms < 5000, `git was waited on for ${Math.round(ms)} ms`);
    assert.equal(r.failure, 'config');
    unlinkSync(evil);
  });
});

describe('the common directory as git reads it, through a link and up to a NUL', () => {
  /** A repository whose .git/common (a git directory) has a config including a FIFO; .git/commondir is left to the test. */
  function commonWithFifo(name: string): { root: string; gitDir: string; evil: string } {
    const root = repo(name);
    const gitDir = join(root, '.git');
    const common = join(gitDir, 'common');
    mkdirSync(common);
    for (const d of ['objects', 'refs']) mkdirSync(join(common, d));
    writeFileSync(join(common, 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(common, 'config'), `[core]\n\trepositoryformatversion = 0\n[include]\n\tpath = ../../../${name}-fifo\n`);
    return { root, gitDir, evil: fifo(join(base, `${name}-fifo`)) };
  }

  test('regression: a commondir that is a link to a file naming the folder is read through the link (git stats and opens it); its config including a FIFO is found', async () => {
    // The check took a linked commondir for unreadable and looked at the git directory's own config only, while git
    // follows the link and reads the folder it names, whose config includes a FIFO.
    const { root, gitDir, evil } = commonWithFifo('linked');
    writeFileSync(join(base, 'linked-commondir'), 'common\n');
    symlinkSync(join(base, 'linked-commondir'), join(gitDir, 'commondir'));
    assert.equal(blockingConfigFile(root), evil);
    const { r, ms } = await timedGit(root);
    assert.ok(ms < 5000 && r.failure === 'config', `${r.failure} after ${Math.round(ms)} ms`);
    unlinkSync(evil);
  });

  test('regression: a commondir holding a NUL names the folder before it (git reads it as a C string); its config including a FIFO is found', async () => {
    // The check resolved the whole text, NUL and all: no such folder, so it looked at the git directory's own config only.
    const { root, gitDir, evil } = commonWithFifo('nul');
    writeFileSync(join(gitDir, 'commondir'), 'common\0junk\n');
    assert.equal(blockingConfigFile(root), evil);
    const { r, ms } = await timedGit(root);
    assert.ok(ms < 5000 && r.failure === 'config', `${r.failure} after ${Math.round(ms)} ms`);
    unlinkSync(evil);
  });
});
