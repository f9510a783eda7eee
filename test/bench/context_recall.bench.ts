// Bench: does the context carry the code a change needs? Real commits of real repositories (test/bench/corpus/*.bundle,
// listed in cases.json): the repository at the commit's parent, the commit message as the brief, the default budget.
// Prints Pairwise's recall of the gold files (the source files the commit edits) and of the gold hunks (the lines the
// commit edits, as they stood before, inside that file's entry in the prompt), the same for a BM25 baseline (whole
// source files by BM25 score, filled to the same budget), the share of the budget spent on source vs docs, and the
// build time against reading the same files' bytes.
//   npm run bench -- context_recall [--quick] [--verbose]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContext, DEFAULT_BUDGET_TOKENS } from '../../src/core/context/buildContext';
import { countTokens } from '../../src/core/context/tokenCount';
import type { Paper } from '../../src/core/paper/types';
import { bm25Baseline, parseFileEntries, parseHunks, type Hunk } from './contextRecallLib';

const QUICK = process.argv.includes('--quick');
const VERBOSE = process.argv.includes('--verbose');
const CORPUS = join(__dirname, 'corpus');
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };
const SOURCE = /\.(rs|go|py|ts|tsx|js|mjs|cjs)$/;
const TEST = /(^|\/)(tests?|__tests__|testdata)\/|_test\.go$|(^|\/)test_[^/]+\.py$|\.(test|spec)\.[cm]?[jt]sx?$/;
const DOC = /\.(md|mdx|rst|txt|adoc)$|(^|\/)docs?\//i;

interface CaseSpec { commit: string; subject: string }
interface RepoSpec { name: string; upstream: string; language: string; bundle: string; cases: CaseSpec[] }

function git(gitDir: string, args: string[], extraEnv: Record<string, string> = {}): string {
  return execFileSync('git', ['--git-dir', gitDir, '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', ...args], { env: { ...GIT_ENV, ...extraEnv }, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** Writes a commit's tree into dir (a plain folder: no .git, so no history signal leaks the answer). */
function checkout(gitDir: string, rev: string, dir: string, scratch: string): void {
  mkdirSync(dir, { recursive: true });
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  git(gitDir, ['read-tree', rev], env);
  git(gitDir, ['--work-tree', dir, 'checkout-index', '-a', '-f'], env);
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

interface CaseResult {
  repo: string; commit: string; goldFiles: number; foundFiles: number; goldHunks: number; foundHunks: number;
  baseFiles: number; baseHunks: number; sourceTokens: number; docTokens: number; otherTokens: number; buildMs: number; floorMs: number;
}

function hunksFound(hunks: Hunk[], entries: Map<string, string>): number {
  let n = 0;
  for (const h of hunks) {
    const text = entries.get(h.path);
    if (!text) continue;
    const lines = new Set(text.split('\n').map((l) => l.trim()));
    const want = h.lines.map((l) => l.trim()).filter((l) => l.length > 0);
    if (want.length > 0 && want.every((l) => lines.has(l))) n++;
  }
  return n;
}

async function runCase(repo: RepoSpec, gitDir: string, spec: CaseSpec, scratch: string): Promise<CaseResult> {
  const ref = `refs/cases/${spec.commit}`;
  const message = git(gitDir, ['log', '-1', '--format=%B', ref]).replace(/\n*Original-commit: [0-9a-f]+\s*$/, '').trim();
  const status = git(gitDir, ['diff', '--no-ext-diff', '--no-renames', '--name-status', `${ref}^`, ref]);
  const gold = status.split('\n').filter((l) => l.startsWith('M\t')).map((l) => l.slice(2)).filter((p) => SOURCE.test(p) && !TEST.test(p));
  if (gold.length === 0) throw new Error(`${repo.name} ${spec.commit}: no modified source file`);
  const diff = git(gitDir, ['diff', '--no-ext-diff', '--no-renames', '--no-color', '-U0', `${ref}^`, ref, '--', ...gold]);
  const dir = join(scratch, `${repo.name}-${spec.commit.slice(0, 10)}`);
  checkout(gitDir, `${ref}^`, dir, scratch);
  const hunks = parseHunks(diff, (path, line) => readFileSync(join(dir, path), 'utf8').split('\n')[line - 1] ?? '');
  const title = message.split('\n')[0];
  const paper: Paper = { source: 'brief', id: 'brief', title, authors: [], abstract: '', text: message, format: 'md', hash: spec.commit, warnings: [] };

  const t0 = performance.now();
  const r = await buildContext({ repoRoot: dir, paper });
  const buildMs = performance.now() - t0;
  if (!r.ok) throw new Error(`${repo.name} ${spec.commit}: ${r.error}`);
  // The floor: read every file the build considered (sent or over budget), nothing else.
  const kept = [...r.manifest.files.map((f) => f.path), ...r.manifest.omitted.filter((o) => o.reason === 'over_budget').map((o) => o.path)];
  const f0 = performance.now();
  let bytes = 0;
  for (const p of kept) bytes += readFileSync(join(dir, p)).length;
  const floorMs = performance.now() - f0 + (bytes < 0 ? 1 : 0);

  const entries = parseFileEntries(r.prompt.blocks[0].text);
  const foundFiles = gold.filter((p) => entries.has(p)).length;
  const foundHunks = hunksFound(hunks, entries);
  let sourceTokens = 0;
  let docTokens = 0;
  let otherTokens = 0;
  for (const f of r.manifest.files) {
    if (SOURCE.test(f.path)) sourceTokens += f.tokens;
    else if (DOC.test(f.path)) docTokens += f.tokens;
    else otherTokens += f.tokens;
  }
  const sources = listFiles(dir).filter((p) => SOURCE.test(p)).map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') }));
  const base = bm25Baseline(sources, message, DEFAULT_BUDGET_TOKENS, countTokens);
  const baseEntries = new Map(base.map((p) => [p, sources.find((s) => s.path === p)!.text]));
  const res: CaseResult = {
    repo: repo.name, commit: spec.commit, goldFiles: gold.length, foundFiles, goldHunks: hunks.length, foundHunks,
    baseFiles: gold.filter((p) => baseEntries.has(p)).length, baseHunks: hunksFound(hunks, baseEntries),
    sourceTokens, docTokens, otherTokens, buildMs, floorMs,
  };
  const mark = foundFiles === gold.length ? 'ok  ' : 'MISS';
  console.error(`${mark} ${repo.name} ${spec.commit.slice(0, 8)} files ${foundFiles}/${gold.length} hunks ${foundHunks}/${hunks.length} (bm25 ${res.baseFiles}/${gold.length}, ${res.baseHunks}/${hunks.length}) ${buildMs.toFixed(0)} ms  ${spec.subject.slice(0, 60)}`);
  if (VERBOSE && foundFiles < gold.length) {
    for (const g of gold.filter((p) => !entries.has(p))) console.error(`       missing ${g}: ${r.manifest.omitted.find((o) => o.path === g)?.reason ?? 'not listed'}`);
    console.error(`       sent: ${r.manifest.files.slice(0, 12).map((f) => `${f.path} (${f.reason})`).join('\n             ')}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return res;
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Number(((100 * n) / d).toFixed(1));
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(join(CORPUS, 'cases.json'), 'utf8')) as { repos: RepoSpec[] };
  const scratch = mkdtempSync(join(tmpdir(), 'pairwise-bench-recall-'));
  const results: CaseResult[] = [];
  const used: { repo: string; upstream: string; commits: string[] }[] = [];
  const t0 = performance.now();
  try {
    for (const repo of spec.repos) {
      const gitDir = join(scratch, `${repo.name}.git`);
      execFileSync('git', ['clone', '-q', '--bare', '--mirror', join(CORPUS, repo.bundle), gitDir], { env: GIT_ENV });
      const cases = QUICK ? repo.cases.filter((_, i) => i % 5 === 0) : repo.cases; // quick: 8 of 33 cases
      for (const c of cases) results.push(await runCase(repo, gitDir, c, scratch));
      used.push({ repo: repo.name, upstream: repo.upstream, commits: cases.map((c) => c.commit.slice(0, 12)) });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const sum = (k: keyof CaseResult) => results.reduce((s, r) => s + (r[k] as number), 0);
  const files = pct(sum('foundFiles'), sum('goldFiles'));
  const hunks = pct(sum('foundHunks'), sum('goldHunks'));
  const baseFiles = pct(sum('baseFiles'), sum('goldFiles'));
  const baseHunks = pct(sum('baseHunks'), sum('goldHunks'));
  const sent = sum('sourceTokens') + sum('docTokens') + sum('otherTokens');
  const sourceShare = pct(sum('sourceTokens'), sent);
  const docShare = pct(sum('docTokens'), sent);
  const speed = Number((sum('buildMs') / Math.max(1, sum('floorMs'))).toFixed(1));
  for (const repo of spec.repos) {
    const rs = results.filter((r) => r.repo === repo.name);
    const s = (k: keyof CaseResult) => rs.reduce((a, r) => a + (r[k] as number), 0);
    console.log(JSON.stringify({ bench: 'context_recall', metric: 'repo', repo: repo.name, language: repo.language, cases: rs.length, gold_files: s('goldFiles'), file_recall_pct: pct(s('foundFiles'), s('goldFiles')), hunk_recall_pct: pct(s('foundHunks'), s('goldHunks')), bm25_file_recall_pct: pct(s('baseFiles'), s('goldFiles')), bm25_hunk_recall_pct: pct(s('baseHunks'), s('goldHunks')) }));
  }
  console.log(JSON.stringify({ bench: 'context_recall', metric: 'build_vs_read_ratio', value: speed, build_ms: Math.round(sum('buildMs')), read_ms: Math.round(sum('floorMs')), note: 'cold in-process build per case vs reading the bytes of the files it considered; informational here (the context bench holds the speed goal on a 5,100-file corpus)' }));
  if (results.length === 0) throw new Error('no cases ran');
  const pass = files >= 80 && hunks >= 60;
  console.error(`${results.length} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify({
    bench: 'context_recall', metric: 'gold_file_recall_pct', value: files, goal: '>=80 files, >=60 hunks', pass,
    hunk_recall_pct: hunks, bm25_file_recall_pct: baseFiles, bm25_hunk_recall_pct: baseHunks, source_share_pct: sourceShare, docs_share_pct: docShare,
    cases: results.length, gold_files: sum('goldFiles'), gold_hunks: sum('goldHunks'), budget_tokens: DEFAULT_BUDGET_TOKENS, quick: QUICK, repos: used,
  }));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
