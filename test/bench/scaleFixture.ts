// Deterministic large inputs for the scale bench: LMArena battles (JSONL) to import, and judge amends plus own
// (non-imported) comparisons appended to a results file, so a report meets every record kind at scale.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../../src/core/stats/prng';
import { SCHEMA_VERSION, type AmendRecord, type ComparisonRecord, type JudgeRecord, type SideRecord, type Verdict } from '../../src/core/results/schema';

/** Models of the synthetic arena (8 models, 28 pairs). */
export const SCALE_MODELS = ['claude-opus', 'glm-5.2', 'gpt-5', 'gemini-3', 'deepseek-v4', 'qwen-coder', 'kimi-k3', 'mistral-large'];
const WINNERS = ['model_a', 'model_b', 'model_a', 'model_b', 'tie', 'tie (bothbad)'];
const VERDICTS: Exclude<Verdict, 'pending'>[] = ['a', 'b', 'tie', 'both_bad'];

async function writeAll(ws: WriteStream, lines: Iterable<string>): Promise<void> {
  for (const line of lines) if (!ws.write(line)) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
}

/** Writes n battles {question_id, model_a, model_b, winner, tstamp, judge} as JSONL; model i beats j more often when i < j. */
export async function writeArenaBattles(file: string, n: number, seed = 99): Promise<void> {
  const rand = seededRandom(seed);
  function* lines(): Generator<string> {
    for (let k = 0; k < n; k++) {
      const i = Math.floor(rand() * SCALE_MODELS.length);
      const j = (i + 1 + Math.floor(rand() * (SCALE_MODELS.length - 1))) % SCALE_MODELS.length;
      const u = rand();
      const winner = u < 0.06 * (j - i) ? 'model_a' : WINNERS[Math.floor(rand() * WINNERS.length)];
      yield `${JSON.stringify({ question_id: `q${k}`, model_a: SCALE_MODELS[i], model_b: SCALE_MODELS[j], winner, tstamp: 1.7e9 + k, judge: `r${k % 3}` })}\n`;
    }
  }
  await writeAll(createWriteStream(file), lines());
}

/** A judge's answer on one comparison, both orders, with usage and cost as the judge runner records them. */
function judgeOf(verdict: Exclude<Verdict, 'pending'>, rand: () => number): JudgeRecord {
  const flip = rand() < 0.15;
  const other = VERDICTS[Math.floor(rand() * VERDICTS.length)];
  const order = (o: 'ab' | 'ba', v: Exclude<Verdict, 'pending'>): JudgeRecord['orders'][number] => ({
    order: o, answer: v === 'tie' ? 'TIE' : v === 'both_bad' ? 'BOTH_BAD' : (v === 'a') === (o === 'ab') ? 'A' : 'B', verdict: v,
    ratings: { grounded: { a: 1 + Math.floor(rand() * 5), b: 1 + Math.floor(rand() * 5) } }, reason: 'The first draft names the right file and its patch applies.',
    usage: { input: 4000 + Math.floor(rand() * 4000), output: 200 + Math.floor(rand() * 300), cacheRead: 0, cacheWrite: 0 },
    cost: { usd: Math.round(rand() * 1000) / 100000, basis: 'list' }, ttftMs: 800 + Math.floor(rand() * 2000), totalMs: 3000 + Math.floor(rand() * 6000) });
  return { preset: 'zai', model: 'glm-5.2', outcome: flip ? 'inconsistent' : 'consistent', orders: [order('ab', verdict), order('ba', flip ? other : verdict)], promptVersion: 'j1' };
}

/**
 * Appends to a results file: a judge amend (rater `judge:zai:glm-5.2`) on every `judgeEvery`-th imported battle
 * `arena-q<k>` (k < n), and `own` non-imported comparisons with full run data (usage, cost, timings, warm repeats,
 * checks), each with a judge amend and every tenth with a second rater's verdict.
 */
export async function appendJudgesAndRuns(file: string, n: number, judgeEvery: number, own: number, seed = 7): Promise<{ judges: number; own: number; ownDecided: number; written: number }> {
  const rand = seededRandom(seed);
  let judges = 0, ownDecided = 0, written = 0;
  function side(model: string): SideRecord {
    const ttft = Math.floor(500 + rand() * 20_000);
    return { preset: 'arena', model, baseUrlHost: 'api.example.invalid', route: rand() < 0.5 ? 'pr' : 'issue', status: 'ok', title: 'Add the sparse attention kernel',
      usage: { input: Math.floor(rand() * 80_000), output: Math.floor(rand() * 8000), cacheRead: Math.floor(rand() * 60_000), cacheWrite: 0 },
      cost: { usd: Math.round(rand() * 300) / 100, basis: 'list' }, ttftMs: ttft, totalMs: ttft + Math.floor(rand() * 600_000),
      warm: { ttftMs: Math.floor(ttft / 3), totalMs: ttft + Math.floor(rand() * 300_000) }, draftHash: 'd'.repeat(64) };
  }
  function* lines(): Generator<string> {
    for (const l of body()) { written += 1; yield l; }
  }
  function* body(): Generator<string> {
    for (let k = 0; k < n; k += judgeEvery) {
      const v = VERDICTS[Math.floor(rand() * VERDICTS.length)];
      const a: AmendRecord = { schema: SCHEMA_VERSION, type: 'amend', id: `j${k}`, target: `arena-q${k}`, time: new Date(Date.UTC(2026, 5, 1) + k * 1000).toISOString(),
        verdict: v, rater: 'judge:zai:glm-5.2', judge: judgeOf(v, rand) };
      judges += 1;
      yield `${JSON.stringify(a)}\n`;
    }
    for (let k = 0; k < own; k++) {
      const i = Math.floor(rand() * SCALE_MODELS.length);
      const j = (i + 1 + Math.floor(rand() * (SCALE_MODELS.length - 1))) % SCALE_MODELS.length;
      const c: ComparisonRecord = { schema: SCHEMA_VERSION, type: 'comparison', id: `own${k}`, time: new Date(Date.UTC(2026, 6, 1) + k * 60_000).toISOString(),
        repo: { name: `repo${k % 20}`, remote: `https://example.invalid/r${k % 20}.git`, commit: 'a'.repeat(40), dirty: false }, paper: { id: `2602.${10000 + (k % 50)}`, title: 'A paper' },
        mode: rand() < 0.5 ? 'pin' : 'selection', prompt: { templateVersion: 't1', prefixHash: 'b'.repeat(64) }, sides: { a: side(SCALE_MODELS[i]), b: side(SCALE_MODELS[j]) },
        blind: true, swapped: rand() < 0.5, verdict: rand() < 0.05 ? 'pending' : VERDICTS[Math.floor(rand() * VERDICTS.length)], rater: rand() < 0.5 ? 'ana' : 'bob',
        timeToVerdictMs: Math.floor(rand() * 120_000), checks: { a: { patchApplies: rand() < 0.7 }, b: { patchApplies: rand() < 0.7 } }, selection: { samePaper: rand() < 0.6 } };
      if (c.verdict !== 'pending') ownDecided += 1;
      yield `${JSON.stringify(c)}\n`;
      const jv = VERDICTS[Math.floor(rand() * VERDICTS.length)];
      judges += 1;
      yield `${JSON.stringify({ schema: SCHEMA_VERSION, type: 'amend', id: `jo${k}`, target: c.id, time: c.time, verdict: jv, rater: 'judge:zai:glm-5.2', judge: judgeOf(jv, rand) } satisfies AmendRecord)}\n`;
      if (k % 10 === 0) {
        const second: AmendRecord = { schema: SCHEMA_VERSION, type: 'amend', id: `s${k}`, target: c.id, time: new Date(Date.UTC(2026, 7, 1) + k * 1000).toISOString(),
          verdict: VERDICTS[Math.floor(rand() * VERDICTS.length)], rater: c.rater === 'ana' ? 'bob' : 'ana' };
        yield `${JSON.stringify(second)}\n`;
      }
    }
  }
  await writeAll(createWriteStream(file, { flags: 'a' }), lines());
  return { judges, own, ownDecided, written };
}
