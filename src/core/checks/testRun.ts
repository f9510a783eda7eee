// Opt-in test run inside the scratch worktree. The command is the user's own configured
// `pairwise.checks.testCommand`, so it runs through a shell (pipes, `&&`, env vars work as typed);
// the caller must have checked workspace trust and asked for consent (allowTestRun). Variables that look
// like credentials are removed from its environment, since it runs model-written code.
import { spawn, type ChildProcess } from 'node:child_process';
import { childEvent } from '../workers/childProcesses';
import type { TestRunReport } from './types';

/** Default time limit of a test run. */
export const DEFAULT_TEST_TIMEOUT_MS = 120_000;
/** How much of the end of the output is kept. */
export const OUTPUT_TAIL_BYTES = 4096;
/** Time between SIGTERM and SIGKILL of the process group. */
const KILL_GRACE_MS = 2000;

/** Options of runTestCommand. */
export interface TestRunOptions {
  command: string;
  cwd: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const SECRET_NAME = /(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|ACCESS_KEY|SESSION_KEY|AUTH)/i;

/**
 * Environment for the test command: the user's, minus variables that look like credentials (the
 * command runs model-written code; provider API keys must not be readable by it). Returns the names removed.
 */
export function testEnvironment(base: NodeJS.ProcessEnv = process.env): { env: NodeJS.ProcessEnv; removed: string[] } {
  const env: NodeJS.ProcessEnv = {};
  const removed: string[] = [];
  for (const [k, v] of Object.entries(base)) {
    if (SECRET_NAME.test(k)) removed.push(k); else env[k] = v;
  }
  env.CI = '1';
  env.PAIRWISE_CHECK = '1';
  return { env, removed: removed.sort() };
}

/** Keeps the last `max` bytes written to it. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly max: number) {}
  push(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.length;
    while (this.chunks.length > 1 && this.size - this.chunks[0].length >= this.max) {
      this.size -= this.chunks[0].length;
      this.chunks.shift();
    }
  }
  text(): string {
    const all = Buffer.concat(this.chunks);
    const tail = all.length > this.max ? all.subarray(all.length - this.max) : all;
    // Drop a partial UTF-8 sequence at the cut.
    let start = 0;
    while (start < tail.length && start < 4 && (tail[start] & 0xc0) === 0x80) start++;
    return tail.subarray(start).toString('utf8');
  }
}

function killTree(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    } else {
      process.kill(-child.pid, sig); // the whole process group: the shell and everything it started
    }
  } catch {
    try { child.kill(sig); } catch { /* already gone */ }
  }
}

/** Runs the command in its own process group with a timeout; resolves (never rejects) with the outcome. */
export function runTestCommand(opts: TestRunOptions): Promise<TestRunReport> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const started = Date.now();
  const base: { command: string; envRemoved?: string[] } = { command: opts.command };
  if (opts.signal?.aborted) return Promise.resolve({ status: 'cancelled', ...base, durationMs: 0 });
  return new Promise((resolve) => {
    const tail = new TailBuffer(OUTPUT_TAIL_BYTES);
    let outcome: 'timedOut' | 'cancelled' | undefined;
    let child: ChildProcess;
    const { env, removed } = testEnvironment();
    if (removed.length > 0) base.envRemoved = removed;
    try {
      child = spawn(opts.command, {
        cwd: opts.cwd, shell: true, detached: process.platform !== 'win32', windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'], env,
      });
    } catch (e) {
      resolve({ status: 'error', ...base, reason: `Could not start the test command: ${(e as Error).message}`, durationMs: 0 });
      return;
    }
    childEvent(child.pid, true, process.platform !== 'win32');
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: 'timedOut' | 'cancelled'): void => {
      if (outcome) return;
      outcome = why;
      killTree(child, 'SIGTERM');
      killTimer = setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => stop('timedOut'), timeoutMs);
    const onAbort = (): void => stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (b: Buffer) => tail.push(b));
    child.stderr?.on('data', (b: Buffer) => tail.push(b));
    let spawnError: string | undefined;
    child.on('error', (e) => { spawnError = e.message; });
    // When the shell exits, nothing it started in its group may outlive it (or hold the pipes open).
    child.on('exit', () => { if (!outcome) killTree(child, 'SIGKILL'); });
    child.on('close', (code, signal) => {
      childEvent(child.pid, false);
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      const durationMs = Date.now() - started;
      const report: Omit<TestRunReport, 'status'> = { ...base, exitCode: code, signal, durationMs, outputTail: tail.text() };
      if (spawnError && code === null) resolve({ status: 'error', ...report, reason: `Could not start the test command: ${spawnError}` });
      else if (outcome === 'timedOut') resolve({ status: 'timedOut', ...report, reason: `no result after ${Math.round(timeoutMs / 1000)} s` });
      else if (outcome === 'cancelled') resolve({ status: 'cancelled', ...report });
      else resolve({ status: code === 0 ? 'passed' : 'failed', ...report });
    });
  });
}
