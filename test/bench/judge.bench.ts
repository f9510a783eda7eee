// Bench: what an LLM judge adds per pair, against the mock servers (both wire formats), relative to one side's call.
//   second_order_cached_share  share of the judge's prompt tokens served from the prompt cache on its second order (ba),
//                              Anthropic wire (goal >= 0.8); the OpenAI-compatible figure rides along
//   wall_ratio (extra)         judge wall time per pair (both orders, ba started at ab's first token) ÷ one side's call
//   cost_ratio (extra)         judge cost per pair (both orders, same model and prices as the side) ÷ one side's cost
// The sides run first through the real side runner (runPair) with a ~20k-token context; then judgeComparison judges
// the recorded pair with the sides' own prefix, so the mocks' prefix caches behave like the providers'. Mock timings:
// TTFT 400 ms cold / 150 ms warm, 500 tokens/s; a draft is ~1000 tokens, a judge answer ~100. Ends with ONE JSON line;
// a run that measured nothing fails (test/bench/benchKit.ts).  `npm run bench -- judge [--quick]`
import { judgeComparison } from '../../src/core/judge/judgeComparison';
import { resolveSide } from '../../src/core/providers/presets';
import type { PromptInput, ResolvedSide } from '../../src/core/providers/types';
import { runPair } from '../../src/core/run/pairRun';
import { fillerText, scenarios, startMockProvider, type MockProvider, type StreamShape } from '../fakes/mockProviders';
import { resultsWith } from '../unit/core/judge/judgeFixture';
import { benchKit, median, round } from './benchKit';

const quick = process.argv.includes('--quick');
const PAIRS = quick ? 2 : 4;
const KEY = 'sk-bench-judge-0123456789abcdef';
const TIMING: StreamShape = { ttftMs: 400, warmTtftMs: 150, tokensPerSec: 500 };
const kit = benchKit('judge');

interface KindFigures { wallRatio: number[]; costRatio: number[]; cachedShare: number[] }

async function measure(kind: 'anthropic' | 'openai'): Promise<KindFigures> {
  const mock: MockProvider = await startMockProvider({ kind, prefixCache: true });
  const side: ResolvedSide = resolveSide({ preset: kind === 'anthropic' ? 'anthropic' : 'zai', model: kind === 'anthropic' ? 'claude-sonnet-4-5' : 'glm-5', baseUrl: mock.url },
    { apiKey: KEY, env: {} }) as ResolvedSide;
  const out: KindFigures = { wallRatio: [], costRatio: [], cachedShare: [] };
  try {
    for (let i = 0; i < PAIRS; i++) {
      // A fresh context per pair (as a new repo/paper would be): nothing cached before the sides run.
      const prompt: PromptInput = { system: `You are a senior engineer (bench pair ${i}).`,
        blocks: [{ kind: 'repo', text: `pair ${i}\n${fillerText(64_000)}` }, { kind: 'paper', text: fillerText(16_000) }], task: 'Decide and write it.' };
      const drafts = { a: `Draft A ${i}\n${fillerText(4000)}`, b: `Draft B ${i}\n${fillerText(3600)}` };
      mock.setScenario([scenarios.ok({ ...TIMING, text: drafts.a }), scenarios.ok({ ...TIMING, text: drafts.b }), scenarios.judge('longer', TIMING)]);
      mock.requests.length = 0;
      const pair = await runPair({ a: side, b: side, prompt });
      if (!pair.a.ok || !pair.b.ok) throw new Error(`${kind}: a side failed`);
      const sideWall = (pair.a.timing.totalMs + pair.b.timing.totalMs) / 2;
      const sideCost = ((pair.a.cost.usd ?? NaN) + (pair.b.cost.usd ?? NaN)) / 2;
      const fx = await resultsWith([{ id: `pair-${i}`, a: drafts.a, b: drafts.b }]);
      try {
        const t0 = performance.now();
        const r = await judgeComparison({ comparison: fx.records[0], store: fx.store, judge: side, context: { prompt } });
        const judgeWall = performance.now() - t0;
        if (!r.ok || r.record.outcome !== 'consistent') throw new Error(`${kind}: judge did not answer (${r.ok ? r.record.outcome : r.error})`);
        const [, ba] = r.record.orders;
        const u = ba.usage;
        if (!u) throw new Error(`${kind}: no usage on the second order`);
        out.cachedShare.push(u.cacheRead / (u.input + u.cacheRead + u.cacheWrite));
        out.wallRatio.push(judgeWall / sideWall);
        out.costRatio.push(r.record.orders.reduce((s, o) => s + (o.cost?.usd ?? NaN), 0) / sideCost);
      } finally { await fx.cleanup(); }
    }
  } finally { await mock.close(); }
  return out;
}

kit.run(async () => {
  const a = await measure('anthropic');
  const o = await measure('openai');
  kit.measured('judged pairs', a.cachedShare.length + o.cachedShare.length, 2 * PAIRS);
  const share = median(a.cachedShare);
  const wall = median(a.wallRatio), cost = median(a.costRatio);
  for (const [name, v] of [['wall_ratio', wall], ['cost_ratio', cost], ['openai_cached_share', median(o.cachedShare)]] as const) {
    if (!Number.isFinite(v)) kit.fail(`${name} is ${v}`);
  }
  kit.report('second_order_cached_share', share, '>=0.8', share >= 0.8 && wall <= 1, {
    wall_ratio: round(wall), wall_goal: '<=1', cost_ratio: round(cost), cost_goal: 'report',
    openai_cached_share: round(median(o.cachedShare)), openai_wall_ratio: round(median(o.wallRatio)), openai_cost_ratio: round(median(o.costRatio)),
    pairs_per_kind: PAIRS, note: 'judge = same model and prices as the sides; mock TTFT 400/150 ms, 500 tok/s',
  });
});
