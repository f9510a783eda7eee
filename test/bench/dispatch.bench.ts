// Bench: what Pairwise's parallel run costs over calling the SDKs directly, against the mock servers.
//   wall_ratio        wall of a two-side Pairwise run ÷ the slower side run alone through the raw SDK (goal <= 1.05)
//   ttft_overhead_ms  median TTFT Pairwise adds over the raw SDK, measured from the call (goal <= 20 ms)
//   start_gap_ms      median gap between the two requests leaving (goal <= 5 ms)
//   peak_heap_mb      heap growth while two 200 KB streams are held (goal <= 64 MB)
// `npm run bench -- dispatch [--quick]`; prints one JSON line per metric; a missed goal is reported, a run that
// measured nothing fails the process (test/bench/benchKit.ts). Raw and Pairwise runs alternate within each round.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runPair } from '../../src/core/run/pairRun';
import { resolveSide } from '../../src/core/providers/presets';
import { buildAnthropicParams } from '../../src/core/providers/anthropicMapper';
import { buildOpenAIParams } from '../../src/core/providers/openaiMapper';
import type { PromptInput, ResolvedSide } from '../../src/core/providers/types';
import { scenarios, startMockProvider, type MockProvider, type StreamShape } from '../fakes/mockProviders';
import { benchKit, median } from './benchKit';

const quick = process.argv.includes('--quick');
const KEY_A = 'sk-ant-bench-0123456789abcdef';
const KEY_B = 'sk-bench-openai-0123456789abcdef';
const PROMPT: PromptInput = { system: 'bench system', blocks: [{ kind: 'repo', text: 'repo '.repeat(2000) }, { kind: 'paper', text: 'paper '.repeat(1000) }], task: 'task' };
const MODEL_A = 'claude-opus-4-7';
const MODEL_B = 'glm-5';

const kit = benchKit('dispatch');
const report = kit.report;

function gcNow(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

interface Rig { a: MockProvider; b: MockProvider; sideA: ResolvedSide; sideB: ResolvedSide; rawA: () => Promise<Timed>; rawB: () => Promise<Timed> }
interface Timed { ttft: number; wall: number; chars: number }

async function rig(shapeA: StreamShape, shapeB: StreamShape): Promise<Rig> {
  const a = await startMockProvider({ kind: 'anthropic', scenario: scenarios.ok(shapeA) });
  const b = await startMockProvider({ kind: 'openai', scenario: scenarios.ok(shapeB) });
  const sideA = resolveSide({ preset: 'anthropic', model: MODEL_A, baseUrl: a.url }, { apiKey: KEY_A, env: {} }) as ResolvedSide;
  const sideB = resolveSide({ preset: 'zai', model: MODEL_B, baseUrl: b.url }, { apiKey: KEY_B, env: {} }) as ResolvedSide;
  const anthropic = new Anthropic({ apiKey: KEY_A, baseURL: a.url, maxRetries: 0, logLevel: 'off' });
  const openai = new OpenAI({ apiKey: KEY_B, baseURL: b.url, maxRetries: 0, logLevel: 'off' });
  const paramsA = { ...buildAnthropicParams(PROMPT, MODEL_A, 8192), stream: true as const };
  const paramsB = { ...buildOpenAIParams(PROMPT, MODEL_B, 8192), stream: true as const };
  const rawA = async (): Promise<Timed> => {
    const t0 = performance.now();
    let ttft = -1;
    const parts: string[] = [];
    for await (const ev of await anthropic.messages.create(paramsA)) {
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') { if (ttft < 0) ttft = performance.now() - t0; parts.push(ev.delta.text); }
    }
    return { ttft, wall: performance.now() - t0, chars: parts.join('').length };
  };
  const rawB = async (): Promise<Timed> => {
    const t0 = performance.now();
    let ttft = -1;
    const parts: string[] = [];
    for await (const chunk of await openai.chat.completions.create(paramsB)) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) { if (ttft < 0) ttft = performance.now() - t0; parts.push(text); }
    }
    return { ttft, wall: performance.now() - t0, chars: parts.join('').length };
  };
  return { a, b, sideA, sideB, rawA, rawB };
}

async function pairTimed(r: Rig): Promise<{ wall: number; ttftA: number; ttftB: number; gap: number; ok: boolean }> {
  const t0 = performance.now();
  const first: Record<string, number> = {};
  const out = await runPair({ a: r.sideA, b: r.sideB, prompt: PROMPT, onEvent: (e) => { if (e.type === 'firstToken') first[e.side] ??= performance.now() - t0; } });
  return { wall: performance.now() - t0, ttftA: first.a ?? -1, ttftB: first.b ?? -1, gap: out.startGapMs, ok: out.a.ok && out.b.ok };
}

async function wallRatio(): Promise<void> {
  const r = await rig({ ttftMs: 150, chars: 8000, tokensPerSec: 4000 }, { ttftMs: 200, chars: 9600, tokensPerSec: 4000 });
  await Promise.all([r.rawA(), r.rawB(), pairTimed(r)]); // warm-up: SDK modules, sockets
  const ratios: number[] = [];
  const gaps: number[] = [];
  for (let i = 0; i < (quick ? 5 : 9); i++) {
    // Alternate which goes first, so neither the baseline nor Pairwise always runs on a warmer machine.
    let ra: Timed, rb: Timed, p: Awaited<ReturnType<typeof pairTimed>>;
    if (i % 2) { p = await pairTimed(r); ra = await r.rawA(); rb = await r.rawB(); } else { ra = await r.rawA(); rb = await r.rawB(); p = await pairTimed(r); }
    if (!p.ok) throw new Error('pair run failed');
    ratios.push(p.wall / Math.max(ra.wall, rb.wall));
    gaps.push(p.gap);
  }
  await Promise.all([r.a.close(), r.b.close()]);
  kit.measured('wall_ratio runs', ratios.length, 3);
  const ratio = median(ratios);
  report('wall_ratio', ratio, '<=1.05', ratio <= 1.05, { runs: ratios.length });
  const gap = median(gaps);
  report('start_gap_ms', gap, '<=5', gap <= 5, { runs: gaps.length });
}

async function ttftOverhead(): Promise<void> {
  const r = await rig({ ttftMs: 100, chars: 400 }, { ttftMs: 100, chars: 400 });
  await Promise.all([r.rawA(), r.rawB(), pairTimed(r)]);
  const added: number[] = [];
  for (let i = 0; i < (quick ? 8 : 20); i++) {
    const ra = await r.rawA();
    const rb = await r.rawB();
    const p = await pairTimed(r);
    if (ra.ttft >= 0 && rb.ttft >= 0 && p.ttftA >= 0 && p.ttftB >= 0) added.push(p.ttftA - ra.ttft, p.ttftB - rb.ttft);
  }
  kit.measured('ttft samples', added.length, 8);
  await Promise.all([r.a.close(), r.b.close()]);
  const m = median(added);
  report('ttft_overhead_ms', m, '<=20', m <= 20, { samples: added.length });
}

async function peakHeap(): Promise<void> {
  const bytes = 200 * 1024;
  const r = await rig({ ttftMs: 20, chars: bytes, chunkChars: 16, tokensPerSec: 1e9 }, { ttftMs: 20, chars: bytes, chunkChars: 16, tokensPerSec: 1e9 });
  await pairTimed(r);
  gcNow();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 2);
  const out = await runPair({ a: r.sideA, b: r.sideB, prompt: PROMPT });
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  clearInterval(sampler);
  const held = out.a.ok && out.b.ok ? out.a.text.length + out.b.text.length : 0;
  await Promise.all([r.a.close(), r.b.close()]);
  const mb = (peak - base) / (1024 * 1024);
  kit.measured('chars held by both streams', held, 2 * bytes);
  report('peak_heap_mb', mb, '<=64', mb <= 64 && held === 2 * bytes, { heldChars: held });
}

async function main(): Promise<void> {
  await wallRatio();
  await ttftOverhead();
  await peakHeap();
}

kit.run(main);
