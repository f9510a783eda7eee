// Bench: grounding + patch checks on a generated 5,000-file repo, against a naive baseline that
// spawns one git process per reference; then the draft scans on pathological 1 MB drafts against an ordinary
// 1 MB draft scanned the same way in the same run (interleaved). Usage: npm run bench -- checks [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecks } from '../../src/core/checks';
import { findFalseEmptyClaims } from '../../src/core/checks/emptyClaims';
import { checkGrounding, collectRefs } from '../../src/core/checks/grounding';
import { parsePatch } from '../../src/core/checks/patchParse';
import { validatePatchPaths } from '../../src/core/checks/patchSafety';
import { readRepoTree, resolveCommit, type RepoTree } from '../../src/core/checks/repoTree';
import { scanStubs } from '../../src/core/checks/stubScan';
import type { DraftForChecks, RepoRef } from '../../src/core/checks/types';
import { parseAnswer } from '../../src/core/prompt/parseAnswer';
import { benchKit, interleave, median } from './benchKit';

const kit = benchKit('checks');

const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 3 : 5;
const FILES = 5000;
const GIT = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

function pyFile(p: number, s: number, m: number): string {
  const lines = [`"""Module ${p}.${s}.${m}."""`, 'import os', `from pkgs.pkg${p}.sub${s} import helpers`, ''];
  lines.push(`class Model${p}x${s}x${m}:`, '    def __init__(self, size):', '        self.size = size', '');
  for (let f = 0; f < 6; f++) lines.push(`    def step_${f}_${m}(self, x):`, `        return helpers.scale(x, ${f}) + self.size`, '');
  for (let f = 0; f < 4; f++) lines.push(`def compute_${p}_${s}_${m}_${f}(values):`, '    total = 0', '    for v in values:', `        total += v * ${f}`, '    return total', '');
  return lines.join('\n');
}

function tsFile(a: number, b: number): string {
  const lines = [`import { format } from '../shared/format';`, `export interface Options${a}x${b} { size: number; label: string }`, ''];
  lines.push(`export class Widget${a}x${b} {`, `  constructor(private readonly opts: Options${a}x${b}) {}`);
  for (let f = 0; f < 6; f++) lines.push(`  render${f}(): string {`, `    return format(this.opts.label, ${f});`, '  }');
  lines.push('}', '', `export function create${a}x${b}(size: number): Widget${a}x${b} {`, `  return new Widget${a}x${b}({ size, label: 'w' });`, '}');
  return lines.join('\n') + '\n';
}

/** Builds the repo with git fast-import (no working-tree writes: fast even on a slow disk). */
function makeRepo(): { root: string; commit: string } {
  const root = mkdtempSync(join(tmpdir(), 'pairwise-bench-checks-'));
  execFileSync('git', [...GIT, 'init', '-q', root]);
  const parts: string[] = [];
  const add = (path: string, text: string): void => {
    parts.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  };
  let n = 0;
  for (let p = 0; p < 30 && n < 3000; p++) {
    for (let s = 0; s < 10; s++) {
      add(`pkgs/pkg${p}/sub${s}/__init__.py`, '');
      add(`pkgs/pkg${p}/sub${s}/helpers.py`, 'def scale(x, f):\n    return x * f\n');
      n += 2;
      for (let m = 0; m < 8; m++, n++) add(`pkgs/pkg${p}/sub${s}/mod${m}.py`, pyFile(p, s, m));
    }
  }
  add('web/src/shared/format.ts', 'export function format(label: string, n: number): string {\n  return `${label}-${n}`;\n}\n');
  n++;
  for (let a = 0; n < FILES - 20; a++) for (let b = 0; b < 20 && n < FILES - 20; b++, n++) add(`web/src/feature${a}/widget${b}.ts`, tsFile(a, b));
  for (let i = 0; n < FILES; i++, n++) add(`docs/page${i}.md`, `# Page ${i}\n\nSee pkgs/pkg${i}/sub0/mod0.py.\n`);
  add('requirements.txt', 'numpy>=1.26\nrequests\n');
  add('web/package.json', '{"name":"web","dependencies":{"react":"19.0.0"}}\n');
  const msg = 'bench';
  const stream = `commit refs/heads/main\ncommitter Bench <bench@example.invalid> 1700000000 +0000\ndata ${msg.length}\n${msg}\n${parts.join('')}\n`;
  execFileSync('git', [...GIT, 'fast-import', '--quiet'], { cwd: root, input: stream, maxBuffer: 1 << 30 });
  execFileSync('git', [...GIT, 'symbolic-ref', 'HEAD', 'refs/heads/main'], { cwd: root });
  const commit = execFileSync('git', [...GIT, 'rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  return { root, commit };
}

const BODY = [
  'The scaling bug sits in `helpers.scale` (pkgs/pkg3/sub2/helpers.py:2) and is called from `Model3x2x5.step_1_5`',
  'in pkgs/pkg3/sub2/mod5.py:18-19 and pkgs/pkg3/sub2/mod5.py#L40-L44. `compute_3_2_5_1` and `compute_7_1_0_3()` sum',
  'without normalising; compare `Model7x1x0.step_4_0`, `Model12x4x7`, `step_2_7` and `compute_29_9_7_0`.',
  'On the web side `Widget4x7.render3` (web/src/feature4/widget7.ts:9) and `create11x2` format labels through',
  '`format` in web/src/shared/format.ts. Files: pkgs/pkg0/sub0/mod0.py, pkgs/pkg21/sub8/mod3.py, `web/src/feature60/widget1.ts`,',
  'docs/page3.md, `pkgs/pkg5/sub5/`, `web/src/feature9/`. `Options2x3`, `Widget70x19.render5`, `render2`.',
  'It is NOT in `pkgs/pkg3/sub2/scaler.py` or `normalize_all()`, nor `Model3x2x5.fit`, nor pkgs/pkg3/sub2/mod5.py:900,',
  'nor `web/src/feature4/widget99.ts`, nor `ScaleConfig`, nor `apply_normalisation`.',
  '```python',
  'from pkgs.pkg3.sub2 import helpers',
  'from pkgs.pkg3.sub2.mod5 import Model3x2x5',
  'import numpy as np',
  'import os, json',
  'from pkgs.pkg3.normalise import scale_all',
  'import torch',
  '```',
].join('\n');

const PATCH = [
  'diff --git a/pkgs/pkg3/sub2/helpers.py b/pkgs/pkg3/sub2/helpers.py', '--- a/pkgs/pkg3/sub2/helpers.py', '+++ b/pkgs/pkg3/sub2/helpers.py',
  '@@ -1,2 +1,4 @@', '+import numpy as np', '+', ' def scale(x, f):', '-    return x * f', '+    return np.asarray(x) * f / max(f, 1)',
  'diff --git a/pkgs/pkg3/sub2/norm.py b/pkgs/pkg3/sub2/norm.py', 'new file mode 100644', '--- /dev/null', '+++ b/pkgs/pkg3/sub2/norm.py',
  '@@ -0,0 +1,4 @@', '+from .helpers import scale', '+', '+def normalise(values):', '+    return [scale(v, 1) for v in values]',
  'diff --git a/web/src/feature4/widget7.ts b/web/src/feature4/widget7.ts', '--- a/web/src/feature4/widget7.ts', '+++ b/web/src/feature4/widget7.ts',
  '@@ -1,2 +1,3 @@', " import { format } from '../shared/format';", "+import { clamp } from '../shared/clamp';", ' export interface Options4x7 { size: number; label: string }',
].join('\n') + '\n';

async function ours(root: string, commit: string): Promise<{ ms: number; refs: number; unverified: number }> {
  const t0 = performance.now();
  const sha = await resolveCommit(root, commit);
  if (!sha.ok) throw new Error(sha.error);
  const tree = await readRepoTree(root, sha.value);
  if (!tree.ok) throw new Error(tree.error);
  const g = await checkGrounding({ repoRoot: root, tree: tree.value, draft: { route: 'pr', body: BODY, patch: PATCH }, patch: parsePatch(PATCH) });
  if (g.error) throw new Error(g.error);
  return { ms: performance.now() - t0, refs: g.report.refs, unverified: g.report.unverified };
}

/** The obvious implementation: one git process per reference (per symbol part). */
function naive(root: string, commit: string, refs: RepoRef[]): number {
  const t0 = performance.now();
  const git = (args: string[]): void => { spawnSync('git', [...GIT, ...args], { cwd: root, maxBuffer: 1 << 28 }); };
  for (const r of refs) {
    if (r.kind === 'path') git(['cat-file', '-e', `${commit}:${(r.path ?? '').replace(/\/$/, '')}`]);
    else if (r.kind === 'line') git(['show', `${commit}:${r.path}`]);
    else if (r.kind === 'symbol') for (const p of r.parts ?? []) git(['grep', '-q', '-F', '-w', '-e', p, commit]);
    else git(['ls-tree', '-r', '--name-only', commit]);
  }
  return performance.now() - t0;
}

const MB = 1024 * 1024;

/** The answer as a model would send it, so the answer parser is part of what is measured. */
function answer(route: string, body: string, patch = ''): string {
  return `===ROUTE===\n${route}\n===TITLE===\nPathological draft\n===BODY===\n${body}\n===PATCH===\n${patch}\n===REASON===\nbench\n`;
}

function newFilePatch(lines: string[]): string {
  return `diff --git a/pkgs/new.py b/pkgs/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/pkgs/new.py\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`;
}

/** Drafts built to hit super-linear behaviour (each about 1 MB; the million-line patch is 2 MB). */
function pathologicalDrafts(): Record<string, string> {
  return {
    no_whitespace: answer('ISSUE', 'a'.repeat(MB)),
    at_runs: answer('ISSUE', 'a@'.repeat(MB / 2)),
    dotted_run: answer('ISSUE', `a${'.'.repeat(MB)}a`),
    link_openers: answer('ISSUE', '[a]('.repeat(MB / 4)),
    backtick_pairs: answer('ISSUE', '`a'.repeat(MB / 2)),
    unclosed_fences: answer('ISSUE', '```a\n'.repeat(MB / 5)),
    import_run: answer('ISSUE', `\`\`\`js\n${'import '.repeat(MB / 7)}\n\`\`\``),
    million_added_lines: answer('PR', 'Adds a module.', newFilePatch(Array.from({ length: 1_000_000 }, () => ''))),
  };
}

/** An ordinary 1 MB draft: the bench's realistic body and patch repeated to the same size. */
function ordinaryDraft(): string {
  const body = Array.from({ length: Math.ceil(MB / 2 / BODY.length) }, () => BODY).join('\n\n');
  const adds = PATCH.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1));
  const lines = Array.from({ length: Math.ceil(MB / 2 / 40) }, (_, i) => adds[i % adds.length]);
  return answer('PR', body, newFilePatch(lines));
}

/** Everything the checks do to a draft's text in this process: parse the answer, extract and count refs, scan the patch. */
function scanDraft(raw: string, tree: RepoTree): number {
  const d = parseAnswer(raw);
  const draft: DraftForChecks = { route: d.route, title: d.title, body: d.body, ...(d.patch ? { patch: d.patch } : {}) };
  const parsed = draft.patch ? parsePatch(draft.patch) : undefined;
  const refs = collectRefs(draft, tree, parsed);
  findFalseEmptyClaims(`${draft.title ?? ''}\n${draft.body}`, tree);
  if (parsed) { scanStubs(parsed); validatePatchPaths(parsed, tree); }
  return refs.length + (parsed?.files.length ?? 0);
}

/** CPU milliseconds of `fn` in this process (a loaded machine's other processes do not count). */
function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** Pathological drafts vs the ordinary one, interleaved; cost per MB so the 2 MB patch is compared fairly. */
async function pathological(tree: RepoTree): Promise<void> {
  const ordinary = ordinaryDraft();
  let found = 0;
  const drafts = pathologicalDrafts();
  const steps: Record<string, () => number> = { ordinary: () => cpuMs(() => { found = scanDraft(ordinary, tree); }) };
  for (const [name, raw] of Object.entries(drafts)) steps[name] = () => cpuMs(() => scanDraft(raw, tree));
  const ms = await interleave(QUICK ? 1 : 3, steps);
  kit.measured('references in the ordinary 1 MB draft', found, 1);
  const base = median(ms.ordinary);
  const cases: Record<string, number> = {};
  let worstPerMb = 0;
  for (const [name, raw] of Object.entries(drafts)) {
    cases[name] = Math.round(median(ms[name]));
    worstPerMb = Math.max(worstPerMb, median(ms[name]) / (raw.length / MB));
    process.stderr.write(`pathological ${name} (${(raw.length / MB).toFixed(2)} MB): ${cases[name]} ms CPU\n`);
  }
  const worst = Math.max(...Object.values(cases));
  // A linear scan stays within a small factor of the ordinary draft's cost per MB; the quadratic scans this replaced
  // were hundreds of times over at 1 MB (a 256 KB draft without whitespace took 70 s).
  const ratio = worstPerMb / Math.max(base / (ordinary.length / MB), 1);
  process.stderr.write(`ordinary ${(ordinary.length / MB).toFixed(2)} MB draft: ${Math.round(base)} ms CPU (${found} refs and files)\n`);
  kit.report('pathological_1mb_per_mb_vs_ordinary', ratio, '<=10 and worst<2000ms CPU', ratio <= 10 && worst < 2000,
    { worst_cpu_ms: worst, ordinary_cpu_ms: Math.round(base), cases });
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const { root, commit } = makeRepo();
  process.stderr.write(`generated ${FILES}-file repo in ${Math.round(performance.now() - t0)} ms\n`);
  try {
    const treeR = await readRepoTree(root, commit);
    if (!treeR.ok) throw new Error(treeR.error);
    const refs = collectRefs({ route: 'pr', body: BODY, patch: PATCH }, treeR.value, parsePatch(PATCH));
    const oursMs: number[] = [];
    const naiveMs: number[] = [];
    let info = { refs: 0, unverified: 0 };
    for (let i = 0; i < RUNS; i++) { // interleaved, alternating which goes first
      if (i % 2) naiveMs.push(naive(root, commit, refs));
      const o = await ours(root, commit);
      oursMs.push(o.ms);
      info = o;
      if (!(i % 2)) naiveMs.push(naive(root, commit, refs));
    }
    const full: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await runChecks({ repoRoot: root, commit, draft: { route: 'pr', title: 'Normalise scaling', body: BODY, patch: PATCH } });
      if (r.error) throw new Error(r.error);
      full.push(r.durationMs);
      process.stderr.write(`run ${i}: ${JSON.stringify(r.timings)} total ${r.durationMs}\n`);
      if (i === 0) process.stderr.write(`badges: ${r.badges.map((b) => `[${b.level}] ${b.label}`).join(' | ')}\n`);
    }
    kit.measured('references checked', info.refs, 1);
    const g = median(oursMs);
    const ratio = median(naiveMs) / g;
    kit.report('grounding_ms', Math.round(g), '<2000', g < 2000, { files: FILES, refs: info.refs, unverified: info.unverified, runs: RUNS });
    kit.report('grounding_speedup_vs_naive', ratio, '>=3', ratio >= 3, { naive_ms: Math.round(median(naiveMs)) });
    kit.report('full_checks_ms', Math.round(median(full)), '<5000', median(full) < 5000);
    await pathological(treeR.value);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

kit.run(main);
