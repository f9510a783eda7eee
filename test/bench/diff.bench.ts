/**
 * Bench: the compare panel's draft diff (line diff + capped word highlights, webview/compare/textDiff.ts) on two
 * different 50 KB drafts, against jsdiff's diffWords over the whole documents as the baseline.
 *   npm run bench -- diff [--quick]
 * Goals: ours < 150 ms (median), speed-up >= 100x. Prints one JSON line per metric.
 */
import { diffWords } from 'diff';
import { computeDraftDiff } from '../../webview/compare/textDiff';
import { benchKit } from './benchKit';

const kit = benchKit('diff');

const quick = process.argv.includes('--quick');
const SIZE = 50_000;

/** Deterministic pseudo-random generator (LCG). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const VOCAB = ('the a an of to in for with on by cache prefix paper repository request response stream token retry budget timeout '
  + 'provider model draft patch issue route function returns value when fails test check reviewer maintainer config option '
  + 'latency throughput parser schema verdict record append lock file path error message user should could would because').split(' ');
const HEADINGS = ['## Summary', '## Motivation', '## What the paper says', '## Proposed change', '## Files touched', '## Risks', '## Testing', '## Alternatives'];

/** A markdown draft about the same topic: shared headings and some shared sentences, different prose and code. */
function draft(seed: number, shared: string[]): string {
  const rnd = lcg(seed);
  const words = (n: number) => Array.from({ length: n }, () => VOCAB[Math.floor(rnd() * VOCAB.length)]).join(' ');
  const out: string[] = ['# PR: Reuse the cached prompt prefix across retries', ''];
  let len = 0, section = 0;
  while (len < SIZE) {
    const block: string[] = [];
    if (section % 4 === 0) block.push(HEADINGS[(section / 4) % HEADINGS.length], '');
    const r = rnd();
    if (r < 0.25) block.push(shared[Math.floor(rnd() * shared.length)], '');
    else if (r < 0.4) block.push('```ts', ...Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => `  const ${words(1)} = ${words(1)}(${words(2).replace(' ', ', ')});`), '```', '');
    else block.push(...Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => `${words(10 + Math.floor(rnd() * 14))}.`), '');
    section++;
    for (const l of block) { out.push(l); len += l.length + 1; }
  }
  return out.join('\n').slice(0, SIZE);
}

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function time(fn: () => void): number { const t = performance.now(); fn(); return performance.now() - t; }

const sharedRnd = lcg(1);
const shared = Array.from({ length: 60 }, () => Array.from({ length: 16 }, () => VOCAB[Math.floor(sharedRnd() * VOCAB.length)]).join(' ') + '.');
const a = draft(2, shared), b = draft(3, shared);

// Ours: warm up, then the median of several runs.
for (let i = 0; i < 2; i++) computeDraftDiff(a, b);
const runs = quick ? 5 : 15;
const ours: number[] = [];
let last = computeDraftDiff(a, b);
for (let i = 0; i < runs; i++) ours.push(time(() => { last = computeDraftDiff(a, b); }));
const oursMs = median(ours);
const hunks = last.blocks.filter((x) => x.kind === 'change').length;

// Baseline: jsdiff diffWords over the whole documents. In --quick, time a 10 KB prefix first; run the full
// documents once if that predicts < 20 s (diffWords is roughly quadratic here), else extrapolate and say so.
let baseMs: number;
let note: string;
const probeChars = 10_000;
const probe = time(() => diffWords(a.slice(0, probeChars), b.slice(0, probeChars)));
const predicted = probe * (SIZE / probeChars) ** 2;
if (!quick || predicted < 20_000) {
  const n = quick ? 1 : 3;
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(time(() => diffWords(a, b)));
  baseMs = median(xs);
  note = `baseline diffWords on the full 50 KB documents, ${n} run(s)${n > 1 ? ', median' : ''}; ours median of ${runs}`;
} else {
  baseMs = predicted;
  note = `quick mode: baseline extrapolated quadratically from diffWords on ${probeChars / 1000} KB prefixes (${probe.toFixed(0)} ms) because the full run was predicted to exceed 20 s`;
}
note += `; ${hunks} changed hunks, ${last.wordDiffSkipped} without word highlights; lines +${last.added} -${last.removed} =${last.unchanged}`;

const ratio = baseMs / oursMs;
kit.run(async () => {
  kit.measured('changed hunks found', hunks, 1);
  kit.measured('timed runs', ours.length, 5);
  kit.report('line_word_diff_ms', oursMs, '<150', oursMs < 150);
  kit.report('baseline_diffWords_ms', baseMs, 'baseline', true);
  kit.report('speedup_vs_diffWords', ratio, '>=100', ratio >= 100, { note });
});
