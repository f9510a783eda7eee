// The hostile rows of the provider fault matrix, for both provider kinds, while the other side streams normally:
// redirects (301/302/307/308, to the same host and to another host) are never followed and the redirect target
// receives nothing; a 50 MB flood stops at the output cap; a one-byte-per-second drip stops at the side deadline;
// a 200 that is not an event stream fails naming its content type. The healthy side always finishes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPair } from '../../../../src/core/run/pairRun';
import { RUN_DEFAULTS } from '../../../../src/core/run/sideRunner';
import type { RunOptions } from '../../../../src/core/run/types';
import type { DraftResult, ErrorKind } from '../../../../src/core/providers/types';
import { fillerText, scenarios, startMockProvider, type MockProvider, type Scenario } from '../../../fakes/mockProviders';
import { FAST, KEYS, PROMPT, eventLog, sideFor, timerCount, trapUnhandled } from './pairHarness';

/** A plain server that must never be reached: it records whatever arrives. */
interface Trap { url: string; host: string; hits: { path: string; headers: IncomingHttpHeaders; body: string }[]; close(): Promise<void> }

async function startTrap(): Promise<Trap> {
  const hits: Trap['hits'] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(parts).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

interface Row {
  name: string;
  scenario: (trap: Trap) => Scenario;
  kind: ErrorKind;
  message: (ctx: { trap: Trap; faulty: MockProvider }) => RegExp;
  options?: Partial<RunOptions>;
  /** Extra assertions on the faulty result and the servers. */
  check?: (r: Extract<DraftResult, { ok: false }>, ctx: { trap: Trap; faulty: MockProvider }) => void;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HEALTHY_TEXT = fillerText(700);
const MB = 1024 * 1024;

const ROWS: Row[] = [];
for (const status of [301, 302, 307, 308]) {
  ROWS.push({
    name: `${status} redirect to another host is refused; the target receives nothing`,
    scenario: (trap) => scenarios.redirect(status, `${trap.url}/v1/messages?stolen=1`),
    kind: 'redirect',
    message: ({ trap }) => new RegExp(`redirect \\(${status}\\) to ${esc(trap.host)}\\. Pairwise never follows redirects`),
    check: (r, { faulty }) => { assert.equal(r.httpStatus, status); assert.equal(faulty.requests.length, 1, 'one request, no retry'); },
  });
  ROWS.push({
    name: `${status} redirect to the same host is refused too (never re-sent)`,
    scenario: () => scenarios.redirect(status, '/elsewhere/v1/chat/completions'),
    kind: 'redirect',
    message: ({ faulty }) => new RegExp(`redirect \\(${status}\\) to ${esc(new URL(faulty.url).host)}\\.`),
    check: (_r, { faulty }) => assert.deepEqual(faulty.requests.map((q) => q.path.includes('elsewhere')), [false], 'the redirect path was never requested'),
  });
}
ROWS.push(
  {
    name: '50 MB flood of deltas stops at the output cap',
    scenario: () => scenarios.flood(50 * MB, 'deltas'),
    options: { idleTimeoutMs: 10_000 }, // a loaded machine must not turn the flood into an idle retry
    kind: 'too_large',
    message: () => /sent more than 16 MB, the output cap \(pairwise\.maxOutputBytes, CLI --max-output-bytes\)/,
    check: (r, { faulty }) => {
      assert.ok(r.partialText.length <= RUN_DEFAULTS.maxOutputBytes, 'kept text is bounded by the cap');
      assert.ok(faulty.requests[0].bytesOut < 50 * MB, `the server could not send all 50 MB (sent ${faulty.requests[0].bytesOut})`);
      assert.equal(faulty.requests.length, 1, 'a flood is not retried');
    },
  },
  {
    name: '50 MB single unterminated SSE line stops at the output cap',
    scenario: () => scenarios.flood(50 * MB, 'line'),
    options: { idleTimeoutMs: 10_000 },
    kind: 'too_large',
    message: () => /sent more than 16 MB/,
    check: (_r, { faulty }) => assert.ok(faulty.requests[0].bytesOut < 50 * MB, 'the line was cut off'),
  },
  {
    name: 'one byte per second drip stops at the side deadline',
    scenario: () => scenarios.byteDrip(1000),
    options: { idleTimeoutMs: 5000, sideDeadlineMs: 2500 },
    kind: 'deadline',
    message: () => /did not finish within 3 s, the side deadline \(pairwise\.sideDeadlineSeconds, CLI --side-deadline\)/,
    check: (r) => assert.ok(r.timing.totalMs >= 2000 && r.timing.totalMs < 4500, `stopped near the deadline (${r.timing.totalMs} ms)`),
  },
  {
    name: '200 with an HTML body fails naming the content type',
    scenario: () => scenarios.wrongType('text/html; charset=utf-8'),
    kind: 'bad_response',
    message: () => /answered 200 with content type text\/html, not an event stream\. Check the base URL/,
    check: (r) => { assert.equal(r.partialText, ''); assert.equal(r.timing.attempts, 1); },
  },
  {
    name: '200 with a JSON (non-stream) body fails naming the content type',
    scenario: () => scenarios.wrongType('application/json', '{"id":"x","content":[]}'),
    kind: 'bad_response',
    message: () => /content type application\/json, not an event stream/,
  },
);

for (const kind of ['anthropic', 'openai'] as const) {
  describe(`hostile provider rows: faulty ${kind} side`, () => {
    const faultySide = kind === 'anthropic' ? 'b' : 'a';
    const healthySide = faultySide === 'a' ? 'b' : 'a';
    let baselineTimers = 0;
    before(() => { baselineTimers = timerCount(); });
    after(() => { assert.equal(timerCount(), baselineTimers, 'no timer left running'); });

    for (const row of ROWS) {
      test(`${kind}: ${row.name}`, async () => {
        const unhandled = trapUnhandled();
        const trap = await startTrap();
        const faulty = await startMockProvider({ kind, scenario: row.scenario(trap) });
        const healthy = await startMockProvider({ kind: kind === 'anthropic' ? 'openai' : 'anthropic', scenario: scenarios.ok({ text: HEALTHY_TEXT }) });
        const log = eventLog();
        const logged: string[] = [];
        try {
          const sides = faultySide === 'a' ? { a: sideFor(faulty), b: sideFor(healthy) } : { a: sideFor(healthy), b: sideFor(faulty) };
          const out = await runPair({ ...sides, prompt: PROMPT, options: { ...FAST, ...row.options, log: (l) => logged.push(l) }, onEvent: log.onEvent });
          const bad = out[faultySide];
          assert.equal(bad.ok, false, 'the hostile side fails');
          if (bad.ok) return;
          assert.equal(bad.kind, row.kind, bad.message);
          assert.match(bad.message, row.message({ trap, faulty }));
          assert.equal(bad.retryable, false);
          row.check?.(bad, { trap, faulty });
          assert.deepEqual(trap.hits, [], 'the redirect target received nothing: no key, no prompt');
          const good = out[healthySide];
          assert.equal(good.ok, true, good.ok ? '' : good.message);
          if (good.ok) assert.equal(good.text, HEALTHY_TEXT);
          const terminal = log.events.filter((e) => e.side === faultySide && (e.type === 'done' || e.type === 'failed'));
          assert.equal(terminal.length, 1, 'exactly one terminal event');
          const everything = JSON.stringify(out) + JSON.stringify(log.events) + logged.join('\n');
          for (const key of Object.values(KEYS)) assert.ok(!everything.includes(key), 'no key in results, events or logs');
        } finally {
          await Promise.all([faulty.close(), healthy.close(), trap.close()]);
        }
        await new Promise((r) => setImmediate(r));
        assert.deepEqual(unhandled.stop(), [], 'no unhandled rejection');
      });
    }
  });
}
