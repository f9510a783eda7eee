import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PairRun, runPair } from '../../../../src/core/run/pairRun';
import { resolveSide } from '../../../../src/core/providers/presets';
import type { ResolvedSide } from '../../../../src/core/providers/types';
import { scenarios, startMockProvider, type MockProvider } from '../../../fakes/mockProviders';
import { FAST, KEYS, PROMPT, eventLog, sideFor, timerCount, trapUnhandled } from './pairHarness';

const open: MockProvider[] = [];
async function mock(kind: 'anthropic' | 'openai', scenario?: Parameters<typeof startMockProvider>[0]['scenario']): Promise<MockProvider> {
  const m = await startMockProvider({ kind, scenario });
  open.push(m);
  return m;
}
afterEach(async () => { await Promise.all(open.splice(0).map((m) => m.close())); });

type Body = { system?: { text: string; cache_control?: unknown }[]; messages: { role: string; content: unknown }[]; max_tokens?: number; stream?: boolean;
  stream_options?: unknown };

describe('runPair', () => {
  test('both sides stream; events arrive in order; requests leave together', async () => {
    // Both first tokens come late (≥ 250 ms): a side sent only after the other's answer began would show a start gap of
    // at least that, so the bound below tells parallel from sequential dispatch even on a loaded machine (the dispatch
    // bench measures the gap itself: ≤ 5 ms).
    const a = await mock('anthropic', scenarios.ok({ chars: 300, ttftMs: 300 }));
    const b = await mock('openai', scenarios.ok({ chars: 500, ttftMs: 250 }));
    const log = eventLog();
    const out = await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: FAST, onEvent: log.onEvent });
    assert.ok(out.a.ok && out.b.ok);
    assert.equal(out.a.text.length, 300);
    assert.equal(out.b.text.length, 500);
    assert.equal(log.text('a'), out.a.text);
    assert.ok(out.startGapMs >= 0 && out.startGapMs < 150, `start gap ${out.startGapMs} ms`);
    assert.ok(Math.abs(out.a.timing.sentAt - out.b.timing.sentAt) < 150);
    for (const side of ['a', 'b'] as const) {
      const types = log.types(side);
      assert.equal(types[0], 'started');
      assert.equal(types.at(-1), 'done');
      assert.ok(types.indexOf('firstToken') > 0 && types.includes('usage'));
    }
    assert.ok(out.a.timing.ttftMs !== null && out.a.timing.ttftMs >= 290, `ttft ${out.a.timing.ttftMs}`);
    assert.ok(out.a.timing.totalMs >= out.a.timing.ttftMs);
    assert.equal(out.a.cost.basis, 'list');
    assert.ok((out.a.cost.usd ?? 0) > 0);
  });

  test('Anthropic request: system + cacheable blocks carry cache_control, task does not; x-api-key auth', async () => {
    const a = await mock('anthropic');
    const b = await mock('openai');
    await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: { ...FAST, maxTokens: 1234 } });
    const req = a.requests[0];
    assert.equal(req.path, '/v1/messages');
    assert.equal(req.headers['x-api-key'], KEYS.anthropic);
    assert.equal(req.headers.authorization, undefined);
    assert.equal(req.headers['x-stainless-retry-count'], '0');
    const body = req.json as Body;
    assert.equal(body.stream, true);
    assert.equal(body.max_tokens, 1234);
    assert.deepEqual(body.system, [{ type: 'text', text: PROMPT.system, cache_control: { type: 'ephemeral' } }]);
    const content = body.messages[0].content as { text: string; cache_control?: unknown }[];
    assert.deepEqual(content.map((c) => c.text), [PROMPT.blocks[0].text, PROMPT.blocks[1].text, PROMPT.task]);
    assert.deepEqual(content.map((c) => c.cache_control !== undefined), [true, true, false]);
  });

  test('OpenAI-compatible request: include_usage, prefix-stable user content, bearer auth and preset headers', async () => {
    const a = await mock('anthropic');
    const b = await mock('openai');
    const sb = resolveSide({ preset: 'zai', model: 'glm-5', baseUrl: b.url, headers: { 'X-Title': 'pairwise-test' } }, { apiKey: KEYS.openai, env: {} }) as ResolvedSide;
    await runPair({ a: sideFor(a), b: sb, prompt: PROMPT, options: FAST });
    const req = b.requests[0];
    assert.equal(req.path, '/v1/chat/completions');
    assert.equal(req.headers.authorization, `Bearer ${KEYS.openai}`);
    assert.equal(req.headers['x-api-key'], undefined);
    assert.equal(req.headers['x-title'], 'pairwise-test');
    const body = req.json as Body;
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.max_tokens, 8192);
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user']);
    assert.equal(body.messages[1].content, `${PROMPT.blocks[0].text}\n\n${PROMPT.blocks[1].text}\n\n${PROMPT.task}`);
  });

  test('bearer-auth Anthropic gateway (zai-anthropic) and keyless local preset (vllm) send the right headers', async () => {
    const a = await mock('anthropic');
    const b = await mock('openai');
    const sa = resolveSide({ preset: 'zai-anthropic', model: 'glm-5', baseUrl: a.url }, { apiKey: KEYS.openai, env: {} }) as ResolvedSide;
    const sb = resolveSide({ preset: 'vllm', model: 'qwen3:8b', baseUrl: b.url }, { env: {} }) as ResolvedSide;
    const out = await runPair({ a: sa, b: sb, prompt: PROMPT, options: FAST });
    assert.ok(out.a.ok && out.b.ok);
    assert.equal(a.requests[0].headers.authorization, `Bearer ${KEYS.openai}`);
    assert.equal(a.requests[0].headers['x-api-key'], undefined);
    assert.equal(b.requests[0].headers.authorization, undefined);
    assert.equal(b.requests[0].headers['x-api-key'], undefined);
    assert.equal(out.b.cost.usd, null, 'unknown local model has no made-up price');
  });

  test('a side without a key fails at once with an actionable message; the other side still runs', async () => {
    const a = await mock('anthropic');
    const b = await mock('openai');
    const sa = resolveSide({ preset: 'anthropic', model: 'claude-opus-4-7', baseUrl: a.url }, { env: {} }) as ResolvedSide;
    const log = eventLog();
    const out = await runPair({ a: sa, b: sideFor(b), prompt: PROMPT, options: FAST, onEvent: log.onEvent });
    assert.equal(out.a.ok, false);
    if (!out.a.ok) {
      assert.equal(out.a.kind, 'config');
      assert.equal(out.a.message, 'No API key for Anthropic. Set it with Pairwise: Set API Key (or set ANTHROPIC_API_KEY).');
      assert.equal(out.a.timing.attempts, 0);
    }
    assert.equal(a.requests.length, 0);
    assert.deepEqual(log.types('a'), ['failed']);
    assert.ok(out.b.ok);
    assert.equal(out.startGapMs, 0);
  });

  test('idle watchdog aborts a stalled stream and the retry succeeds', async () => {
    const a = await mock('anthropic', [scenarios.stall(1), scenarios.ok({ chars: 64 })]);
    const b = await mock('openai');
    const log = eventLog();
    const out = await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: FAST, onEvent: log.onEvent });
    assert.ok(out.a.ok);
    assert.equal(out.a.timing.attempts, 2);
    assert.equal(log.text('a'), out.a.ok ? out.a.text : '', 'UI text restarts after retrying');
    const retry = log.events.find((e) => e.type === 'retrying');
    assert.ok(retry && retry.type === 'retrying' && /^Anthropic stopped sending for 0\.3 s; retrying in/.test(retry.reason) && retry.attempt === 2);
  });

  test('headers timeout aborts a request that never answers', async () => {
    const a = await mock('openai', scenarios.hang());
    const b = await mock('anthropic');
    const out = await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: { ...FAST, headersTimeoutMs: 150, retry: { ...FAST.retry, maxRetries: 1 } } });
    assert.equal(out.a.ok, false);
    if (!out.a.ok) {
      assert.equal(out.a.kind, 'timeout');
      assert.match(out.a.message, /^z\.ai sent no response within 0\.1 s after 2 attempts/);
    }
    assert.ok(out.b.ok);
  });

  test('a throwing event handler does not break the run', async () => {
    const a = await mock('anthropic');
    const b = await mock('openai');
    const out = await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: FAST, onEvent: () => { throw new Error('ui bug'); } });
    assert.ok(out.a.ok && out.b.ok);
  });

  test('warm repeat records cold vs warm TTFT and the cached share', async () => {
    // Cold and warm far apart (a loaded machine measured a 10 ms warm first token at up to 300 ms; a 150 ms cold one
    // failed the test there), with an idle timeout above the cold wait.
    const a = await mock('anthropic', scenarios.ok({ ttftMs: 800, warmTtftMs: 10 }));
    const b = await mock('openai', scenarios.ok({ ttftMs: 800, warmTtftMs: 10 }));
    const log = eventLog();
    const out = await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: { ...FAST, idleTimeoutMs: 3000, warmRepeat: true }, onEvent: log.onEvent });
    for (const r of [out.a, out.b]) {
      assert.ok(r.ok && r.warm);
      if (!r.ok || !r.warm) continue;
      assert.ok((r.warm.coldTtftMs ?? 0) >= 790 && (r.warm.warmTtftMs ?? 9999) < 400, JSON.stringify(r.warm));
      assert.ok((r.warm.cachedShare ?? 0) > 0.5, `cached share ${r.warm.cachedShare}`);
      assert.equal(r.timing.attempts, 1);
    }
    assert.equal(a.requests.length, 2);
    assert.equal(a.requests[1].body, a.requests[0].body, 'identical request bytes');
    assert.equal(log.events.filter((e) => e.type === 'started').length, 2, 'warm request emits no UI events');
    assert.equal(log.text('a'), out.a.ok ? out.a.text : '');
  });
});

describe('PairRun control', () => {
  test('cancel(side) stops one side mid-stream, keeps its partial text, leaves the other and no timers', async () => {
    const trap = trapUnhandled();
    const timers = timerCount();
    const a = await mock('anthropic', scenarios.ok({ chars: 4000, tokensPerSec: 100 }));
    const b = await mock('openai', scenarios.ok({ chars: 200 }));
    const log = eventLog();
    const run = new PairRun({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: FAST, onEvent: (e) => {
      log.onEvent(e);
      if (e.side === 'a' && e.type === 'firstToken') run.cancel('a');
    } });
    const t0 = performance.now();
    const out = await run.start();
    assert.ok(performance.now() - t0 < 1500, 'cancel is prompt');
    assert.equal(out.a.ok, false);
    if (!out.a.ok) {
      assert.equal(out.a.kind, 'cancelled');
      assert.equal(out.a.message, 'Cancelled.');
      assert.ok(out.a.partialText.length > 0 && out.a.partialText.length < 4000);
    }
    assert.ok(out.b.ok);
    assert.equal(run.results.a, out.a);
    // The mock server's own stream timer stops when it sees the socket close (a few ms later); a leaked watchdog,
    // retry or deadline timer of the run would stay for seconds, so wait up to 1 s for the count to come back.
    for (let i = 0; i < 50 && timerCount() !== timers; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(timerCount(), timers, 'no timer left running after cancel');
    assert.deepEqual(trap.stop(), []);
  });

  test('cancel(side) during a retry wait ends that side at once', async () => {
    const a = await mock('openai', scenarios.rateLimited(0.8));
    const b = await mock('anthropic');
    const timers = timerCount();
    const run = new PairRun({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: FAST, onEvent: (e) => { if (e.type === 'retrying') run.cancel('a'); } });
    const t0 = performance.now();
    const out = await run.start();
    assert.ok(performance.now() - t0 < 750, 'did not sit out the 0.8 s wait');
    assert.ok(!out.a.ok && out.a.kind === 'cancelled');
    assert.ok(out.b.ok, 'side b is untouched');
    await new Promise((r) => setImmediate(r));
    assert.equal(timerCount(), timers);
  });

  test('an aborted pair signal cancels both sides', async () => {
    const a = await mock('anthropic', scenarios.ok({ chars: 4000, tokensPerSec: 100 }));
    const b = await mock('openai', scenarios.ok({ chars: 4000, tokensPerSec: 100 }));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    const out = await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: FAST, signal: ctl.signal });
    assert.ok(!out.a.ok && out.a.kind === 'cancelled');
    assert.ok(!out.b.ok && out.b.kind === 'cancelled');
  });

  test('retrySide re-runs a failed side with the same request', async () => {
    const a = await mock('anthropic', scenarios.serverError());
    const b = await mock('openai');
    const run = new PairRun({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: { ...FAST, retry: { ...FAST.retry, maxRetries: 0 } } });
    const first = await run.start();
    assert.ok(!first.a.ok && first.a.kind === 'server' && first.a.retryable);
    a.setScenario(scenarios.ok({ chars: 96 }));
    const again = await run.retrySide('a');
    assert.ok(again.ok && again.text.length === 96);
    assert.equal(run.results.a, again);
    assert.equal(a.requests.length, 2);
    assert.equal(a.requests[1].body, a.requests[0].body);
    assert.equal(await run.start(), first, 'start() stays idempotent');
  });
});
