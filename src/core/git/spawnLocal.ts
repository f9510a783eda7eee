// Starts git in this process, watched (see spawnLocal). Used by runGit, and by the git host for the main thread's calls.
import { spawn, type ChildProcess } from 'node:child_process';
import { childEvent } from '../workers/childProcesses';
import { fifoWatch, killTree } from './gitWatch';
import { GIT_CEILING_MS, MAX_GIT_MEMORY, type GitOptions, type GitResult } from './gitTypes';

/**
 * Runs git (args complete, env the whole environment) in this process with its watch: output and memory caps, the
 * timeout, the FIFO watch, and the signal; the whole tree is stopped. No shell; never rejects.
 */
export function spawnLocal(args: readonly string[], opts: GitOptions, env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: GitResult['failure'];
    // Set once git runs; done() may come first (an aborted signal, a spawn that throws), so they are not consts below it.
    const timers: { timeout?: NodeJS.Timeout; watch?: NodeJS.Timeout; drain?: NodeJS.Timeout } = {};
    const empty = Buffer.alloc(0);
    const done = (r: GitResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.timeout);
      clearInterval(timers.watch);
      clearTimeout(timers.drain);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    // The signal stops git and every git it started (spawn's own `signal` would stop git alone: see kill).
    const onAbort = (): void => kill('aborted');
    if (opts.signal?.aborted) { done({ ok: false, code: null, stdout: empty, stderr: '', failure: 'aborted' }); return; }
    let child;
    try {
      child = spawn('git', args, { cwd: opts.cwd, env, windowsHide: true });
    } catch (e) {
      done({ ok: false, code: null, stdout: empty, stderr: String(e), failure: 'spawn' });
      return;
    }
    const proc = child;
    proc.on('error', (e: NodeJS.ErrnoException) => {
      done({ ok: false, code: null, stdout: empty, stderr: stderr || e.message, failure: 'spawn' });
    });
    // Out of file descriptors (EMFILE, ENFILE) Node returns before git's pipes exist, though its types say they do:
    // 'error' says why (reading them threw, and the 'error' nothing listened to yet ended the process).
    if (!(proc as ChildProcess).stdout || !(proc as ChildProcess).stderr || !(proc as ChildProcess).stdin) return;
    childEvent(proc.pid, true);
    // A git that git started (`worktree add` runs `git reset --hard`) holds git's output pipes too: stopping git alone
    // would leave it waiting (on a FIFO, say) and the pipes open, so no 'close' would ever come.
    function kill(why: GitResult['failure']): void {
      failure ??= why;
      // Once git has exited its process id may be another's: nothing is signalled then.
      if (proc.exitCode === null && proc.signalCode === null) killTree(proc.pid);
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    timers.timeout = setTimeout(() => kill('timeout'), opts.timeoutMs || GIT_CEILING_MS);
    timers.watch = fifoWatch(proc.pid, opts.maxMemory ?? MAX_GIT_MEMORY, (why) => kill(why === 'fifo' ? 'fifo' : 'overflow'));
    const cap = opts.maxBuffer ?? 256 * 1024 * 1024;
    proc.stdout.on('data', (b: Buffer) => {
      if (failure) return;
      if (opts.onData) { opts.onData(b); return; }
      size += b.length;
      if (size > cap) { kill('overflow'); return; }
      chunks.push(b);
    });
    proc.stderr.on('data', (b: Buffer) => { if (stderr.length < 64 * 1024) stderr += b.toString('utf8'); });
    // Should a process git started outlive it still holding the pipes, git's end is not waited for longer than this.
    proc.on('exit', () => {
      childEvent(proc.pid, false);
      clearInterval(timers.watch);
      timers.drain = setTimeout(() => { proc.stdout.destroy(); proc.stderr.destroy(); }, 2000);
    });
    proc.on('close', (code) => {
      if (opts.signal?.aborted) failure ??= 'aborted';
      const stdout = opts.onData ? empty : Buffer.concat(chunks);
      if (failure) { done({ ok: false, code, stdout, stderr, failure }); return; }
      done({ ok: code === 0 || (code !== null && (opts.okCodes ?? []).includes(code)), code, stdout, stderr });
    });
    proc.stdin.on('error', () => { /* git may exit before reading all input (e.g. bad revision) */ });
    proc.stdin.end(opts.input ?? '');
  });
}
