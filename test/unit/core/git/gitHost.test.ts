// The main thread starts git through the git host process (src/core/git/gitHost.ts): the same results as starting it
// in-process, the watch (abort, timeout, FIFO) still holds, no git outlives the process that asked for it, and a host
// that stops or cannot start leaves git starting in-process.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitHostPid, HOST_ABOVE_RSS, useGitHost } from '../../../../src/core/git/gitHost';
import { runGit } from '../../../../src/core/git/runGit';
import { alive, committedRepo, installHungGit } from '../../security/gitFixture';

const linux = process.platform === 'linux';
let base: string;
const fifos: string[] = [];
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-git-host-')));
});
after(() => {
  useGitHost(true);
  for (const f of fifos) {
    try {
      closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waits
    }
  }
  rmSync(base, { recursive: true, force: true });
});

/** The processes pid started (/proc), or [] when it is gone. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** A repository whose .gitignore is a FIFO: listing its untracked files makes git wait to open it. */
function repoWithIgnoreFifo(name: string): string {
  const root = committedRepo(join(base, name), { 'a.py': 'a = 1\n' });
  const fifo = join(root, '.gitignore');
  execFileSync('mkfifo', [fifo]);
  fifos.push(fifo);
  return root;
}

const src = (p: string): string => join(__dirname, '..', '..', '..', '..', 'src', ...p.split('/')).replace(/\\/g, '/');

describe('the git host', { skip: !linux && 'the host serves Linux only (elsewhere Node does not fork to start a process)' }, () => {
  test('regression: where the system does not tell the resident size (Linux without /proc), git starts in-process; every runGit rejected', async (t) => {
    const root = committedRepo(join(base, 'no-proc'), { 'a.py': 'a = 1\n' });
    useGitHost('auto');
    assert.equal(gitHostPid(), undefined, 'no host yet');
    // What Node's rss() does without /proc (measured: `umount /proc` in a mount namespace of its own).
    t.mock.method(process.memoryUsage, 'rss', () => { throw new Error('ENOENT: no such file or directory, uv_resident_set_memory'); });
    const r = await runGit(['rev-parse', 'HEAD'], { cwd: root }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    if (r instanceof Error) assert.fail(`runGit rejected: ${r.message}`);
    assert.equal(r.ok, true, r.stderr);
    assert.equal(gitHostPid(), undefined, 'git started in-process');
  });

  test('by default a small process starts git itself; above HOST_ABOVE_RSS (the extension host, a long run) git starts from the host', async () => {
    const root = committedRepo(join(base, 'auto'), { 'a.py': 'a = 1\n' });
    useGitHost('auto');
    assert.ok(process.memoryUsage.rss() < HOST_ABOVE_RSS, 'this test process is small');
    assert.equal((await runGit(['rev-parse', 'HEAD'], { cwd: root })).ok, true);
    assert.equal(gitHostPid(), undefined, 'no host for a small process');
    // Resident memory as a large process holds it (written, so it is resident).
    const ballast = Buffer.alloc(HOST_ABOVE_RSS, 1);
    assert.ok(process.memoryUsage.rss() > HOST_ABOVE_RSS);
    assert.equal((await runGit(['rev-parse', 'HEAD'], { cwd: root })).ok, true);
    assert.ok(gitHostPid() !== undefined, 'the host started once the process was large');
    assert.equal(ballast[ballast.length - 1], 1);
  });

  test('runs git for the main thread, with the results git gives in-process (buffered and streamed)', async () => {
    const root = committedRepo(join(base, 'same'), { 'a.py': 'a = 1\n', 'b/c.ts': 'export const c = 1;\n', 'd é.md': '# d\n' });
    writeFileSync(join(root, 'untracked.txt'), 'u\n');
    const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
    useGitHost(true);
    const viaHost = await runGit(args, { cwd: root });
    const host = gitHostPid();
    assert.ok(host !== undefined && childrenOf(process.pid).includes(host), 'the host is a child of this process');
    const chunks: Buffer[] = [];
    const streamed = await runGit(args, { cwd: root, onData: (b) => chunks.push(b) });
    useGitHost(false);
    const inProcess = await runGit(args, { cwd: root });
    useGitHost(true);
    assert.equal(viaHost.ok, true, viaHost.stderr);
    assert.deepEqual(viaHost.stdout, inProcess.stdout);
    assert.deepEqual(Buffer.concat(chunks), inProcess.stdout);
    assert.equal(streamed.stdout.length, 0, 'a streamed run buffers nothing');
    assert.deepEqual(viaHost.stdout.toString('utf8').split('\0').filter(Boolean).sort(), ['.gitignore', 'a.py', 'b/c.ts', 'd é.md', 'untracked.txt'].filter((p) => existsSync(join(root, p))).sort());
    // Input, exit codes and stderr travel too.
    const hashed = await runGit(['hash-object', '--stdin'], { cwd: root, input: 'hello\n' });
    assert.equal(hashed.stdout.toString('utf8').trim(), 'ce013625030ba8dba906f756967f9e9ca394464a');
    const bad = await runGit(['rev-parse', '--verify', 'no-such-ref'], { cwd: root });
    assert.equal(bad.ok, false);
    assert.equal(bad.code, 128);
    assert.match(bad.stderr, /fatal/);
    const grep = await runGit(['grep', '-q', 'zzz-not-there'], { cwd: root, okCodes: [1] });
    assert.equal(grep.ok, true, 'okCodes apply in the host');
  });

  test('the watch holds in the host: a git waiting on a FIFO is stopped as `fifo`, a timeout as `timeout`, an abort as `aborted`', async () => {
    const root = repoWithIgnoreFifo('watch');
    useGitHost(true);
    const listing = ['ls-files', '--others', '--exclude-standard'];
    const fifo = await runGit(listing, { cwd: root, timeoutMs: 20_000 });
    assert.equal(fifo.failure, 'fifo', fifo.stderr);
    const timedOut = await runGit(listing, { cwd: root, timeoutMs: 150 });
    assert.equal(timedOut.failure, 'timeout');
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100);
    const aborted = await runGit(listing, { cwd: root, timeoutMs: 20_000, signal: stop.signal });
    assert.equal(aborted.failure, 'aborted');
    assert.equal(gitHostPid() !== undefined, true, 'the host ran them');
    const host = gitHostPid() ?? 0;
    assert.deepEqual(childrenOf(host).filter(alive), [], 'no git left running in the host');
  });

  test('no git outlives the process that asked for it: killed while git waits, its host stops the git and exits', async () => {
    const root = committedRepo(join(base, 'orphan'), { 'a.py': 'a = 1\n' });
    // A stand-in git first on PATH whose ls-tree sleeps (as a stuck git would): nothing but the host can stop it.
    const hung = installHungGit(join(base, 'orphan-git'));
    try {
      const code = `
        import { runGit } from ${JSON.stringify(src('core/git/runGit.ts'))};
        import { gitHostPid, useGitHost } from ${JSON.stringify(src('core/git/gitHost.ts'))};
        useGitHost(true);
        const p = runGit(['ls-tree', '-r', 'HEAD'], { cwd: ${JSON.stringify(root)}, timeoutMs: 600000 });
        const wait = () => { const h = gitHostPid(); if (h === undefined) { setTimeout(wait, 20); return; } console.log('host ' + h); };
        wait();
        await p;`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
      after(() => { child.kill('SIGKILL'); });
      const host = await new Promise<number>((resolve, reject) => {
        setTimeout(() => reject(new Error('the child never reported its git host')), 30_000).unref();
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString('utf8');
          const m = /host (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', () => reject(new Error(`the child exited first: ${out}`)));
      });
      for (let i = 0; i < 300 && !(existsSync(hung.pidFile) && readFileSync(hung.pidFile, 'utf8').trim()); i++) await new Promise((r) => setTimeout(r, 50));
      const git = hung.hungPid();
      assert.ok(childrenOf(host).includes(git), 'the stuck git runs in the host');
      child.kill('SIGKILL');
      let left: number[] = [host, git];
      for (let i = 0; i < 250 && left.length; i++) {
        await new Promise((r) => setTimeout(r, 20));
        left = left.filter(alive);
      }
      assert.deepEqual(left, [], 'the host and its git stopped with the process that asked');
    } finally {
      hung.restore();
    }
  });

  test('regression: Ctrl-C in a terminal (SIGINT to the whole process group) left the host dead: the git it ran failed as "could not run git", later git forked in-process', async () => {
    const root = repoWithIgnoreFifo('ctrl-c');
    // As the CLI does: the first Ctrl-C aborts the work and the process goes on (finished cells are kept).
    const code = `
      import { runGit } from ${JSON.stringify(src('core/git/runGit.ts'))};
      import { gitHostPid, useGitHost } from ${JSON.stringify(src('core/git/gitHost.ts'))};
      useGitHost(true);
      const interrupt = new AbortController();
      process.on('SIGINT', () => interrupt.abort());
      const cwd = ${JSON.stringify(root)};
      await runGit(['rev-parse', 'HEAD'], { cwd });
      const host = gitHostPid();
      console.log('host ' + host);
      const r = await runGit(['ls-files', '--others', '--exclude-standard'], { cwd, timeoutMs: 20000, signal: interrupt.signal });
      const after = await runGit(['rev-parse', 'HEAD'], { cwd });
      console.log('result ' + JSON.stringify({ failure: r.failure ?? null, stderr: r.stderr, after: after.ok, same: gitHostPid() === host }));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    after(() => { child.kill('SIGKILL'); });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString('utf8'); });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let host: number | undefined;
    for (let i = 0; i < 1000 && host === undefined && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const m = /host (\d+)/.exec(out);
      if (m) host = Number(m[1]);
    }
    assert.ok(host !== undefined, `the child never reported its git host: ${out}`);
    // git waits on the FIFO in the host (the watch would stop it after 400 ms): Ctrl-C comes first.
    for (let i = 0; i < 400 && childrenOf(host).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(childrenOf(host).length > 0, 'git runs in the host');
    process.kill(-(child.pid ?? 0), 'SIGINT');
    await exited;
    const m = /result (.*)/.exec(out);
    assert.ok(m, out);
    const r = JSON.parse(m[1]) as { failure: string | null; stderr: string; after: boolean; same: boolean };
    assert.notEqual(r.failure, 'spawn', `the interrupted git was reported as git that could not run: ${r.stderr}`);
    assert.equal(r.after, true);
    assert.equal(r.same, true, 'the host outlived Ctrl-C and ran the next git');
  });

  test('regression: a thread busy for HOST_START_MS just as its host starts killed the host that was ready, and failed the git waiting on it', async () => {
    const root = committedRepo(join(base, 'busy'), { 'a.py': 'a = 1\n' });
    // Busy without burning a core: Atomics.wait blocks the thread as a long synchronous task would.
    const code = `
      import { runGit } from ${JSON.stringify(src('core/git/runGit.ts'))};
      import { gitHostPid, useGitHost } from ${JSON.stringify(src('core/git/gitHost.ts'))};
      useGitHost(true);
      const p = runGit(['rev-parse', 'HEAD'], { cwd: ${JSON.stringify(root)} });
      while (gitHostPid() === undefined) await new Promise((r) => setImmediate(r));
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10500);
      const r = await p;
      console.log('result ' + JSON.stringify({ ok: r.ok, stderr: r.stderr, host: gitHostPid() !== undefined }));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    after(() => { child.kill('SIGKILL'); });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString('utf8'); });
    await new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const m = /result (.*)/.exec(out);
    assert.ok(m, out);
    const r = JSON.parse(m[1]) as { ok: boolean; stderr: string; host: boolean };
    assert.equal(r.ok, true, r.stderr);
    assert.equal(r.host, true, 'the host that had started was kept');
  });

  test('a host that stops fails the runs it had begun and leaves later git starting in-process; turned off, git starts in-process', async () => {
    const root = repoWithIgnoreFifo('stopped');
    useGitHost(true);
    assert.equal((await runGit(['rev-parse', 'HEAD'], { cwd: root })).ok, true);
    const host = gitHostPid();
    assert.ok(host !== undefined);
    const pending = runGit(['ls-files', '--others', '--exclude-standard'], { cwd: root, timeoutMs: 20_000 });
    for (let i = 0; i < 50 && childrenOf(host).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const git = childrenOf(host);
    process.kill(host, 'SIGKILL');
    const r = await pending;
    assert.equal(r.failure, 'spawn');
    assert.match(r.stderr, /git host process stopped/);
    // Its git, orphaned by the kill, is released here (the process that asked had no hand in it).
    for (const f of fifos) {
      try {
        closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // none waiting
      }
    }
    assert.equal(gitHostPid(), undefined, 'the host is gone');
    const after1 = await runGit(['rev-parse', 'HEAD'], { cwd: root });
    assert.equal(after1.ok, true, 'git still runs, in-process');
    assert.equal(gitHostPid(), undefined, 'no new host is started');
    for (let i = 0; i < 50 && git.some(alive); i++) await new Promise((res) => setTimeout(res, 20));
  });
});
