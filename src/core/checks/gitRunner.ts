import { execFile, spawn } from 'node:child_process';
import { SAFE_GIT_FLAGS, safeGitEnv } from '../git/safeGit';

export { SAFE_GIT_FLAGS } from '../git/safeGit';

/** Outcome of one git invocation; never thrown. */
export interface GitResult {
  /** Exit code 0 (or one of `okCodes`). */
  ok: boolean;
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Set when git could not start, was aborted, or overflowed the output buffer. */
  failure?: 'spawn' | 'aborted' | 'overflow';
}

/** Options of runGit. */
export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  signal?: AbortSignal;
  /** Exit codes that count as success besides 0 (git grep exits 1 when nothing matches). */
  okCodes?: number[];
  maxBuffer?: number;
}


/** Runs `git <SAFE_GIT_FLAGS> <args>` without a shell; resolves with a GitResult, never rejects. */
export function runGit(args: readonly string[], opts: GitOptions): Promise<GitResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: GitResult): void => {
      if (!settled) { settled = true; resolve(r); }
    };
    let child;
    try {
      child = execFile('git', [...SAFE_GIT_FLAGS, ...args], {
        cwd: opts.cwd, env: safeGitEnv(), encoding: 'buffer', windowsHide: true,
        maxBuffer: opts.maxBuffer ?? 256 * 1024 * 1024, signal: opts.signal,
      }, (err, stdout, stderrBuf) => {
        const stderr = stderrBuf ? stderrBuf.toString('utf8') : '';
        const out = stdout ?? Buffer.alloc(0);
        if (!err) { done({ ok: true, code: 0, stdout: out, stderr }); return; }
        const e = err as NodeJS.ErrnoException & { code?: unknown };
        if (e.name === 'AbortError') { done({ ok: false, code: null, stdout: out, stderr, failure: 'aborted' }); return; }
        if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') { done({ ok: false, code: null, stdout: out, stderr, failure: 'overflow' }); return; }
        if (typeof e.code === 'number') {
          done({ ok: (opts.okCodes ?? []).includes(e.code), code: e.code, stdout: out, stderr }); return;
        }
        done({ ok: false, code: null, stdout: out, stderr: stderr || String(e.message), failure: 'spawn' });
      });
    } catch (e) {
      done({ ok: false, code: null, stdout: Buffer.alloc(0), stderr: String(e), failure: 'spawn' });
      return;
    }
    child.stdin?.on('error', () => { /* git may exit before reading all input (e.g. bad revision) */ });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/**
 * Like runGit, but hands stdout to `onData` as it arrives instead of buffering it (for outputs that can
 * be large, such as `git grep -o`). The returned `stdout` is empty.
 */
export function runGitStreaming(args: readonly string[], opts: GitOptions, onData: (chunk: Buffer) => void): Promise<GitResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: GitResult): void => {
      if (!settled) { settled = true; resolve(r); }
    };
    const empty = Buffer.alloc(0);
    let stderr = '';
    let child;
    try {
      child = spawn('git', [...SAFE_GIT_FLAGS, ...args], { cwd: opts.cwd, env: safeGitEnv(), windowsHide: true, signal: opts.signal });
    } catch (e) {
      done({ ok: false, code: null, stdout: empty, stderr: String(e), failure: 'spawn' });
      return;
    }
    child.stdout.on('data', (b: Buffer) => { if (!settled) onData(b); });
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < 64 * 1024) stderr += b.toString('utf8'); });
    child.on('error', (e: NodeJS.ErrnoException) => {
      done({ ok: false, code: null, stdout: empty, stderr: stderr || e.message, failure: e.name === 'AbortError' ? 'aborted' : 'spawn' });
    });
    child.on('close', (code) => {
      if (opts.signal?.aborted) { done({ ok: false, code, stdout: empty, stderr, failure: 'aborted' }); return; }
      done({ ok: code === 0 || (code !== null && (opts.okCodes ?? []).includes(code)), code, stdout: empty, stderr });
    });
    child.stdin.on('error', () => { /* git may exit before reading all input */ });
    child.stdin.end(opts.input ?? '');
  });
}

/** A one-line, user-readable description of a failed git call. */
export function describeGitFailure(what: string, r: GitResult): string {
  if (r.failure === 'spawn') return `${what}: could not run git (${firstLine(r.stderr)}). Is git installed and on PATH?`;
  if (r.failure === 'aborted') return `${what}: cancelled`;
  if (r.failure === 'overflow') return `${what}: git output was too large`;
  return `${what}: ${firstLine(r.stderr) || `git exited with code ${r.code}`}`;
}

/** First non-empty line of a message, trimmed. */
export function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}
