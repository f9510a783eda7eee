// Every scripted fault × both provider kinds, while the other side streams normally: the faulty side ends in
// its expected state with an actionable message, the healthy side completes, nothing leaks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runPair } from '../../../../src/core/run/pairRun';
import type { DraftResult, ErrorKind } from '../../../../src/core/providers/types';
import { fillerText, scenarios, startMockProvider, type Scenario } from '../../../fakes/mockProviders';
import { FAST, KEYS, PROMPT, eventLog, sideFor, timerCount, trapUnhandled } from './pairHarness';

type Expect =
  | { ok: true; truncated?: boolean; stopReason?: RegExp; chars?: number; attempts?: number; retried?: RegExp }
  | { ok: false; kind: ErrorKind; message: RegExp; attempts: number; partial?: boolean; status?: number };

interface Case { name: string; scenario: Scenario | Scenario[]; expect: (kind: 'anthropic' | 'openai') => Expect }

const HEALTHY_TEXT = fillerText(900);
const CASES: Case[] = [
  { name: 'normal stream', scenario: scenarios.ok({ chars: 400 }), expect: () => ({ ok: true, chars: 400, attempts: 1 }) },
  { name: '429 then ok (retry-after honoured)', scenario: [scenarios.rateLimited(0.05), scenarios.ok()],
    expect: (k) => ({ ok: true, attempts: 2, retried: new RegExp(`^${k === 'anthropic' ? 'Anthropic' : 'z\\.ai'} rate-limited this key; retrying in 0\\.1 s$`) }) },
  { name: '429 retry-after-ms then ok', scenario: [scenarios.rateLimitedMs(30), scenarios.ok()], expect: () => ({ ok: true, attempts: 2, retried: /rate-limited this key; retrying in 0\.1 s$/ }) },
  { name: '429 always', scenario: scenarios.rateLimited(0.02), expect: () => ({ ok: false, kind: 'rate_limit', message: /kept rate-limiting this key after 3 attempts/, attempts: 3, status: 429 }) },
  { name: '429 asks for longer than the cap', scenario: scenarios.rateLimited(120),
    expect: () => ({ ok: false, kind: 'rate_limit', message: /rate-limited this key and asks to wait 2 min/, attempts: 1, status: 429 }) },
  { name: '500', scenario: scenarios.serverError(), expect: () => ({ ok: false, kind: 'server', message: /server error \(500\) after 3 attempts/, attempts: 3, status: 500 }) },
  { name: '529 overloaded', scenario: scenarios.overloaded(), expect: () => ({ ok: false, kind: 'overloaded', message: /stayed overloaded after 3 attempts/, attempts: 3, status: 529 }) },
  { name: 'stall after headers', scenario: scenarios.stall(2), expect: () => ({ ok: false, kind: 'idle', message: /stopped sending data for 0\.3 s after 3 attempts/, attempts: 3, partial: true }) },
  { name: 'socket reset mid-stream', scenario: scenarios.reset(3), expect: () => ({ ok: false, kind: 'network', message: /Could not keep a connection to .* after 3 attempts/, attempts: 3, partial: true }) },
  { name: 'clean close without terminal event', scenario: scenarios.closeEarly(3), expect: () => ({ ok: true, truncated: true, stopReason: /^incomplete$/, chars: 48, attempts: 1 }) },
  { name: 'malformed SSE line', scenario: scenarios.malformed(3), expect: () => ({ ok: false, kind: 'malformed', message: /could not parse/, attempts: 1, partial: true }) },
  { name: '10 MB body', scenario: scenarios.big(), expect: () => ({ ok: true, chars: 10 * 1024 * 1024, attempts: 1 }) },
  { name: 'slow drip', scenario: scenarios.drip(60, 6), expect: () => ({ ok: true, chars: 24, attempts: 1 }) },
  { name: '401 bad key', scenario: scenarios.badKey(),
    expect: (k) => ({ ok: false, kind: 'auth', message: new RegExp(`^${k === 'anthropic' ? 'Anthropic' : 'z\\.ai'} rejected the API key \\(401\\)\\. Set it with Pairwise: Set API Key`), attempts: 1, status: 401 }) },
  { name: '404 unknown model', scenario: scenarios.unknownModel(), expect: () => ({ ok: false, kind: 'not_found', message: /does not know model ".*" \(404\)/, attempts: 1, status: 404 }) },
  { name: 'content filter', scenario: scenarios.contentFilter(2), expect: () => ({ ok: false, kind: 'content_filter', message: /content filter/, attempts: 1, partial: true }) },
  { name: 'max tokens', scenario: scenarios.maxTokens(), expect: (k) => ({ ok: true, truncated: true, stopReason: k === 'anthropic' ? /^max_tokens$/ : /^length$/, attempts: 1 }) },
  { name: 'key echoed in error body', scenario: scenarios.echoKey(), expect: () => ({ ok: false, kind: 'bad_request', message: /rejected the request \(400\): .*\[redacted\]/, attempts: 1, status: 400 }) },
  { name: '10 MB HTML error body', scenario: scenarios.bigError(502, 10 * 1024 * 1024), expect: () => ({ ok: false, kind: 'server', message: /server error \(502\) after 3 attempts/, attempts: 3, status: 502 }) },
  { name: 'in-stream error event', scenario: scenarios.streamError('overloaded_error', 2), expect: () => ({ ok: false, kind: 'overloaded', message: /stayed overloaded after 3 attempts/, attempts: 3, partial: true }) },
];

function checkFaulty(r: DraftResult, exp: Expect, retryReasons: string[]): void {
  if (exp.ok) {
    assert.equal(r.ok, true, r.ok ? '' : `${r.kind}: ${r.message}`);
    if (!r.ok) return;
    if (exp.chars !== undefined) assert.equal(r.text.length, exp.chars);
    assert.equal(r.truncated, exp.truncated ?? false);
    if (exp.stopReason) assert.match(r.stopReason, exp.stopReason);
    if (exp.truncated && r.stopReason === 'incomplete') assert.match(r.notice ?? '', /closed the stream before it finished/);
    if (exp.attempts) assert.equal(r.timing.attempts, exp.attempts);
    if (exp.retried) assert.ok(retryReasons.some((m) => exp.retried?.test(m)), `retry reasons: ${retryReasons.join(' | ')}`);
    return;
  }
  assert.equal(r.ok, false, 'faulty side should fail');
  if (r.ok) return;
  assert.equal(r.kind, exp.kind, r.message);
  assert.match(r.message, exp.message);
  assert.ok(r.message.length < 400, 'message stays short');
  assert.equal(r.timing.attempts, exp.attempts);
  if (exp.status !== undefined) assert.equal(r.httpStatus, exp.status);
  if (exp.partial) assert.ok(r.partialText.length > 0, 'partial text kept');
  if (exp.attempts > 1) assert.equal(retryReasons.length, exp.attempts - 1);
}

for (const kind of ['anthropic', 'openai'] as const) {
  describe(`fault matrix: faulty ${kind} side`, () => {
    const faultySide = kind === 'anthropic' ? 'a' : 'b';
    const healthySide = faultySide === 'a' ? 'b' : 'a';
    let baselineTimers = 0;
    before(() => { baselineTimers = timerCount(); });
    after(() => { assert.equal(timerCount(), baselineTimers, 'no timer left running'); });

    for (const c of CASES) {
      test(c.name, async () => {
        const trap = trapUnhandled();
        const timers = timerCount();
        const faulty = await startMockProvider({ kind, scenario: c.scenario });
        const healthy = await startMockProvider({ kind: kind === 'anthropic' ? 'openai' : 'anthropic', scenario: scenarios.ok({ text: HEALTHY_TEXT }) });
        const log = eventLog();
        const logged: string[] = [];
        try {
          const sides = faultySide === 'a' ? { a: sideFor(faulty), b: sideFor(healthy) } : { a: sideFor(healthy), b: sideFor(faulty) };
          const out = await runPair({ ...sides, prompt: PROMPT, options: { ...FAST, log: (l) => logged.push(l) }, onEvent: log.onEvent });
          const reasons = log.events.flatMap((e) => (e.side === faultySide && e.type === 'retrying' ? [e.reason] : []));
          checkFaulty(out[faultySide], c.expect(kind), reasons);
          const good = out[healthySide];
          assert.equal(good.ok, true, good.ok ? '' : good.message);
          if (good.ok) {
            assert.equal(good.text, HEALTHY_TEXT);
            assert.ok(good.usage.outputTokens > 0 && good.usage.inputTokens + good.usage.cacheWriteTokens > 0, 'healthy usage reported');
            assert.equal(log.text(healthySide), HEALTHY_TEXT);
          }
          const terminal = log.events.filter((e) => e.side === faultySide && (e.type === 'done' || e.type === 'failed'));
          assert.equal(terminal.length, 1, 'exactly one terminal event');
          const everything = JSON.stringify(out) + JSON.stringify(log.events) + logged.join('\n');
          for (const key of Object.values(KEYS)) assert.ok(!everything.includes(key), 'no key in results, events or logs');
        } finally {
          await Promise.all([faulty.close(), healthy.close()]);
        }
        await new Promise((r) => setImmediate(r));
        assert.equal(timerCount(), timers, 'no timer left running');
        assert.deepEqual(trap.stop(), [], 'no unhandled rejection');
      });
    }
  });
}
