// Shared helpers of the CLI tests: in-process io with captured output, small git repos, mock-backed matrices,
// and spawning the CLI through tsx.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../../src/cli/run';
import type { CliIo } from '../../../src/cli/io';
import type { ResultRecord } from '../../../src/core/results';
import { startMockProvider, type MockProvider, type Scenario } from '../../fakes/mockProviders';

/** Repository root (for spawning the CLI). */
export const ROOT = resolve(__dirname, '../../..');

/** An ISSUE answer in the delimited format (no patch: checks stay cheap). */
export const ISSUE_TEXT = ['===ROUTE===', 'ISSUE', '===TITLE===', 'Cache the parsed table', '===BODY===', 'See `src/main.py`: it re-parses on each call.',
  '===PATCH===', '', '===REASON===', 'The paper measures a cache like this.', ''].join('\n');
/** A SKIP answer. */
export const SKIP_TEXT = ['===ROUTE===', 'SKIP', '===TITLE===', 'Not applicable', '===BODY===', '', '===PATCH===', '', '===REASON===', 'No fit.', ''].join('\n');

/** Captured output of an in-process run. */
export interface RunResult { code: number; stdout: string; stderr: string }

/** Runs the CLI in-process with captured streams; `tty` and `answers` drive the consent prompt. */
export async function cli(argv: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean; stdoutTty?: boolean; answers?: string[]; signal?: AbortSignal; ports?: CliIo['ports'] } = {}): Promise<RunResult & { asked: string[] }> {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const answers = [...(opts.answers ?? [])];
  const io: CliIo = {
    stdout: { write: (s: string) => { stdout += s; } },
    stderr: { write: (s: string) => { stderr += s; } },
    env: opts.env ?? {},
    isTTY: opts.tty ?? false,
    ...(opts.stdoutTty ? { stdoutIsTTY: true } : {}),
    cwd: opts.cwd ?? process.cwd(),
    ask: async (q) => { asked.push(q); return answers.shift() ?? ''; },
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.ports ? { ports: opts.ports } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, asked };
}

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'pw-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files and commits them as a git repo. */
export function makeRepo(dir: string, files: Record<string, string>): string {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'init');
  return dir;
}

/** Two mock servers (Anthropic + OpenAI wire formats) with per-kind scenarios. */
export async function startMocks(a: Scenario | Scenario[] = { type: 'ok', text: ISSUE_TEXT, ttftMs: 10 }, b: Scenario | Scenario[] = { type: 'ok', text: SKIP_TEXT, ttftMs: 10 }): Promise<{ a: MockProvider; b: MockProvider; close(): Promise<void> }> {
  const [ma, mb] = await Promise.all([startMockProvider({ kind: 'anthropic', scenario: a }), startMockProvider({ kind: 'openai', scenario: b })]);
  return { a: ma, b: mb, close: async () => { await Promise.all([ma.close(), mb.close()]); } };
}

/** Writes the 3 repos × 2 papers (one .md file, one brief) × 2 pairs matrix against the mocks; returns its path. */
export function writeMatrix(dir: string, mocks: { a: MockProvider; b: MockProvider }, extra: Record<string, unknown> = {}, repoCount = 3): string {
  const repos: string[] = [];
  for (let i = 0; i < repoCount; i++) {
    repos.push(`repos/r${i}`);
    makeRepo(join(dir, 'repos', `r${i}`), { 'src/main.py': `def parse_table(x):\n    return x * ${i}\n`, 'README.md': `# repo ${i}\n` });
  }
  writeFileSync(join(dir, 'paper.md'), '# Table caching\n\n## Abstract\n\nCaching parsed tables cuts latency.\n\n## Method\n\nKeep an LRU of parsed tables.\n');
  const matrix = {
    repos, papers: ['paper.md', { brief: 'Batch small writes into one fsync.', title: 'Write batching' }],
    pairs: [{ a: 'mock-a:model-one', b: 'mock-b:model-two' }, { a: 'mock-a:model-three', b: 'mock-b:model-four' }],
    providers: { 'mock-a': { kind: 'anthropic', baseUrl: mocks.a.url, auth: 'none' }, 'mock-b': { kind: 'openai-compatible', baseUrl: mocks.b.url, auth: 'none' } },
    checks: false, budget: 4000, ...extra,
  };
  const file = join(dir, 'matrix.yaml');
  writeFileSync(file, JSON.stringify(matrix, null, 2));
  return file;
}

/** Makes a mock answer `list` for its next requests: its scenario index counts every request since it started. */
export function scriptFromNow(mock: MockProvider, list: Scenario[], before: Scenario): void {
  mock.setScenario([...Array.from({ length: mock.requests.length }, () => before), ...list]);
}

/** Comparison records of a results file (raw lines; torn lines ignored). */
export function comparisons(file: string): (ResultRecord & { cellId?: string })[] {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  return text.split('\n').filter((l) => l.trim()).flatMap((l) => { try { return [JSON.parse(l)]; } catch { return []; } })
    .filter((r: ResultRecord) => r.type === 'comparison');
}

/** Spawns `node --import tsx src/cli/main.ts …` (stdin not a TTY). */
export function spawnCli(args: string[], cwd: string, env: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/cli/main.ts'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })));
  return { child, done };
}
