import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createCompareViewState } from '../../../src/shared/compare/viewState';
import { isEnvelope, isProtocolError, Messenger, RequestError, type MessageTransport } from '../../../src/shared/messenger';
import { compareValidators, type CompareHostProtocol, type CompareHostToWebview, type CompareWebviewProtocol, type CompareWebviewToHost } from '../../../src/shared/compareProtocol';
import { dashboardValidators } from '../../../src/shared/dashboardProtocol';

/** Two in-memory ends; delivery is async and JSON-cloned like postMessage. */
function wire() {
  const toHost: ((m: unknown) => void)[] = [];
  const toWebview: ((m: unknown) => void)[] = [];
  const hostSent: CompareHostToWebview[] = [];
  const webviewSent: CompareWebviewToHost[] = [];
  let webviewAlive = true;
  const deliver = (ls: ((m: unknown) => void)[], m: unknown) => queueMicrotask(() => { for (const l of ls) l(JSON.parse(JSON.stringify(m))); });
  const hostT: MessageTransport<CompareHostToWebview> = {
    post: (m) => { hostSent.push(m); if (webviewAlive) deliver(toWebview, m); },
    subscribe: (l) => { toHost.push(l); return { dispose: () => toHost.splice(toHost.indexOf(l), 1) }; },
  };
  const webT: MessageTransport<CompareWebviewToHost> = {
    post: (m) => { webviewSent.push(m); deliver(toHost, m); },
    subscribe: (l) => { toWebview.push(l); return { dispose: () => toWebview.splice(toWebview.indexOf(l), 1) }; },
  };
  return { hostT, webT, hostSent, webviewSent, rawToHost: (m: unknown) => deliver(toHost, m), rawToWebview: (m: unknown) => deliver(toWebview, m),
    killWebview: () => { webviewAlive = false; } };
}
const tick = () => new Promise((r) => setTimeout(r, 0));
const hostOpts = { ready: false, readyOn: 'webview/ready' as const, validators: compareValidators };

describe('Messenger', () => {
  test('host queues notifications until webview/ready, then flushes in order', async () => {
    const w = wire();
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, hostOpts);
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT);
    const got: number[] = [];
    web.onNotification('run/event', ({ seq }) => got.push(seq));
    host.notify('run/event', { seq: 1, event: { type: 'delta', slot: 'left', text: 'a' } });
    host.notify('run/event', { seq: 2, event: { type: 'delta', slot: 'left', text: 'b' } });
    await tick();
    assert.equal(w.hostSent.length, 0, 'nothing posted before ready');
    assert.equal(host.queuedCount, 2);
    web.notify('webview/ready', { view: 'compare', lastSeq: null });
    await tick(); await tick();
    assert.deepEqual(got, [1, 2]);
    assert.equal(host.isReady, true);
    assert.equal(host.queuedCount, 0);
    host.setReady(false);
    host.notify('run/event', { seq: 3, event: { type: 'delta', slot: 'left', text: 'c' } });
    await tick();
    assert.deepEqual(got, [1, 2], 'queued again after setReady(false)');
    host.dispose(); web.dispose();
  });

  test('ready notification reaches handlers after the queue is flushed', async () => {
    const w = wire();
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, hostOpts);
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT);
    let queuedAtHandler = -1;
    host.onNotification('webview/ready', ({ lastSeq }) => { queuedAtHandler = host.queuedCount; assert.equal(lastSeq, 7); });
    host.notify('run/event', { seq: 1, event: { type: 'readOnly', readOnly: true } });
    web.notify('webview/ready', { view: 'compare', lastSeq: 7 });
    await tick(); await tick();
    assert.equal(queuedAtHandler, 0);
    host.dispose(); web.dispose();
  });

  test('request/response resolves with the typed result', async () => {
    const w = wire();
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, { validators: compareValidators });
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT);
    host.onRequest('side/retry', async ({ slot }) => ({ ok: true, value: { accepted: slot === 'right' } }));
    const r = await web.request('side/retry', { slot: 'right' });
    assert.deepEqual(r, { accepted: true });
    const reply = w.hostSent.find((m) => m.kind === 'response');
    assert.equal(reply?.kind === 'response' && reply.method, 'side/retry');
    host.dispose(); web.dispose();
  });

  test('an error reply rejects request() with RequestError and its code; tryRequest returns it as a value', async () => {
    const w = wire();
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, { validators: compareValidators });
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT);
    host.onRequest('verdict/save', () => ({ ok: false, error: { code: 'no_run', message: 'No run attached.' } }));
    const sub = { runId: 'r1', verdict: 'tie' as const, ratings: {}, notes: '' };
    await assert.rejects(web.request('verdict/save', sub), (e: unknown) => e instanceof RequestError && e.code === 'no_run' && e.message === 'No run attached.');
    assert.deepEqual(await web.tryRequest('verdict/save', sub), { ok: false, error: { code: 'no_run', message: 'No run attached.' } });
    host.dispose(); web.dispose();
  });

  test('a throwing handler becomes a handler_failed reply; the messenger survives', async () => {
    const w = wire();
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, { validators: compareValidators });
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT);
    host.onRequest('run/cancel', () => { throw new Error('boom'); });
    const r = await web.tryRequest('run/cancel', { slot: null });
    assert.deepEqual(r, { ok: false, error: { code: 'handler_failed', message: 'boom' } });
    host.onRequest('run/cancel', () => ({ ok: true, value: { accepted: true } }));
    assert.deepEqual(await web.request('run/cancel', { slot: 'left' }), { accepted: true });
    host.dispose(); web.dispose();
  });

  test('times out when no reply arrives, and a late reply is ignored', async () => {
    const w = wire();
    const problems: string[] = [];
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT, { timeouts: { 'link/open': 20 }, onProblem: (p) => problems.push(p) });
    const t0 = Date.now();
    const r = await web.tryRequest('link/open', { href: 'https://example.org' });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'timeout');
    assert.ok(Date.now() - t0 >= 15);
    const req = w.webviewSent.find((m) => m.kind === 'request');
    assert.ok(req && req.kind === 'request');
    w.rawToWebview({ kind: 'response', id: req.id, method: 'link/open', ok: true, result: { opened: true } });
    await tick();
    assert.ok(problems.some((p) => p.includes('unknown request')));
    await assert.rejects(web.request('side/retry', { slot: 'left' }, 5), (e: unknown) => e instanceof RequestError && e.code === 'timeout');
    web.dispose();
  });

  test('unknown and malformed messages are ignored safely; unknown requests get unknown_method', async () => {
    const w = wire();
    const problems: string[] = [];
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, { validators: compareValidators, onProblem: (p) => problems.push(p) });
    for (const junk of [null, 42, 'str', [], {}, { kind: 'notification' }, { kind: 'request', method: 'x' }, { kind: 'x', method: 'y' },
      { kind: 'notification', method: 'no/such', params: {} }, { kind: 'notification', method: 'x'.repeat(100) }]) w.rawToHost(junk);
    w.rawToHost({ kind: 'request', id: 9, method: 'no/such', params: {} });
    await tick(); await tick();
    const reply = w.hostSent.find((m) => m.kind === 'response');
    assert.deepEqual(reply, { kind: 'response', id: 9, method: 'no/such', ok: false, error: { code: 'unknown_method', message: 'Unknown request no/such.' } });
    assert.ok(problems.length >= 9, `problems reported: ${problems.length}`);
    host.dispose();
  });

  test('invalid params: notification dropped, request answered invalid_params, handler never called', async () => {
    const w = wire();
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, { validators: compareValidators });
    let called = 0;
    host.onNotification('command/run', () => called++);
    host.onRequest('patch/openDiff', () => { called++; return { ok: true, value: { opened: true } }; });
    w.rawToHost({ kind: 'notification', method: 'command/run', params: { command: 'rm -rf /' } });
    w.rawToHost({ kind: 'request', id: 1, method: 'patch/openDiff', params: { slot: 'middle', path: 'a.ts' } });
    await tick(); await tick();
    assert.equal(called, 0);
    const reply = w.hostSent.find((m) => m.kind === 'response');
    assert.equal(reply?.kind === 'response' && !reply.ok && reply.error.code, 'invalid_params');
    host.dispose();
  });

  test('dispose fails pending requests with disposed and stops delivery', async () => {
    const w = wire();
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT, { timeoutMs: 10_000 });
    const p = web.tryRequest('side/retry', { slot: 'left' });
    web.dispose();
    assert.deepEqual(await p, { ok: false, error: { code: 'disposed', message: 'side/retry was abandoned: the panel was closed.' } });
    assert.equal((await web.tryRequest('side/retry', { slot: 'left' })).ok, false);
    let n = 0;
    web.onNotification('run/state', () => n++);
    w.rawToWebview({ kind: 'notification', method: 'run/state', params: { state: createCompareViewState({ header: null }) } });
    await tick();
    assert.equal(n, 0);
  });

  test('queue is bounded: the oldest are dropped and reported', () => {
    const w = wire();
    const problems: string[] = [];
    const host = new Messenger<CompareHostProtocol, CompareWebviewProtocol>(w.hostT, { ready: false, maxQueue: 3, onProblem: (p) => problems.push(p) });
    for (let i = 1; i <= 5; i++) host.notify('run/event', { seq: i, event: { type: 'delta', slot: 'left', text: String(i) } });
    host.setReady(true);
    assert.deepEqual(w.hostSent.map((m) => m.kind === 'notification' && m.method === 'run/event' ? m.params.seq : -1), [3, 4, 5]);
    assert.equal(problems.length, 2);
    host.dispose();
  });

  test('a throwing notification handler does not stop the others; disposing a subscription removes it', async () => {
    const w = wire();
    const web = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(w.webT, { onProblem: () => undefined });
    const seen: string[] = [];
    web.onNotification('run/event', () => { throw new Error('x'); });
    const sub = web.onNotification('run/event', () => seen.push('b'));
    w.rawToWebview({ kind: 'notification', method: 'run/event', params: { seq: 1, event: { type: 'text', slot: 'left', text: '' } } });
    await tick();
    sub.dispose();
    w.rawToWebview({ kind: 'notification', method: 'run/event', params: { seq: 2, event: { type: 'text', slot: 'left', text: '' } } });
    await tick();
    assert.deepEqual(seen, ['b']);
    web.dispose();
  });
});

describe('compareValidators and helpers', () => {
  test('accept good params and reject bad ones', () => {
    const v = compareValidators;
    assert.ok(v['verdict/save']({ runId: 'r', verdict: 'both_bad', ratings: { grounded: { left: 1, right: 5 } }, notes: 'n' }));
    assert.ok(!v['verdict/save']({ runId: 'r', verdict: 'a', ratings: {}, notes: '' }));
    assert.ok(!v['verdict/save']({ runId: 'r', verdict: 'tie', ratings: { g: { left: 6 } }, notes: '' }));
    assert.ok(!v['verdict/save']({ runId: 'r', verdict: 'tie', ratings: { g: { middle: 3 } }, notes: '' }));
    assert.ok(!v['verdict/save']({ runId: 'r', verdict: 'tie', ratings: {}, notes: 'x'.repeat(20_001) }));
    assert.ok(v['webview/ready']({ view: 'compare', lastSeq: null }) && v['webview/ready']({ view: 'dashboard', lastSeq: 3 }));
    assert.ok(!v['webview/ready']({ view: 'compare', lastSeq: -1 }) && !v['webview/ready']({ view: 'other', lastSeq: 0 }));
    assert.ok(v['run/cancel']({ slot: null }) && !v['run/cancel']({}) && !v['side/retry']({ slot: 'a' }));
    assert.ok(v['patch/openDiff']({ slot: 'left', path: 'src/a.ts' }) && !v['patch/openDiff']({ slot: 'left', path: '' }));
    assert.ok(v['command/run']({ command: 'sample/open' }) && !v['command/run']({ command: 'workbench.action.terminal.new' }));
    assert.ok(dashboardValidators['dashboard/filter']({ filters: { repo: 'x', paper: null, rater: null, since: null } }));
    assert.ok(!dashboardValidators['dashboard/filter']({ filters: { repo: 5, paper: null, rater: null, since: null } }));
    assert.ok(dashboardValidators['webview/ready']({ view: 'dashboard', lastSeq: null }), 'the shared panel guards apply to every view');
    assert.ok(!v['link/open']({ href: 'x'.repeat(9000) }));
  });

  test('isEnvelope / isProtocolError', () => {
    assert.ok(isEnvelope({ kind: 'notification', method: 'a' }));
    assert.ok(!isEnvelope({ kind: 'request', method: 'a', id: 1.5 }));
    assert.ok(isProtocolError({ code: 'timeout', message: 'm' }));
    assert.ok(!isProtocolError({ code: 'nope', message: 'm' }) && !isProtocolError(null));
  });

  test('createCompareViewState builds a blind placeholder-ready state', () => {
    const s = createCompareViewState({ header: null });
    assert.equal(s.seq, 0);
    assert.equal(s.blind, true);
    assert.equal(s.slots.left.label, 'A');
    assert.equal(s.slots.right.label, 'B');
    assert.deepEqual(s.rubric.map((r) => r.id), ['grounded', 'faithful', 'actionable', 'route']);
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s, 'serialisable');
  });
});

test('dashboard filters accept a comparison mode and nothing else in its place', () => {
  const ok = dashboardValidators['dashboard/filter'];
  const base = { repo: null, paper: null, rater: null, since: null };
  assert.equal(ok({ filters: { ...base, mode: 'pin' } }), true);
  assert.equal(ok({ filters: { ...base, mode: null } }), true);
  assert.equal(ok({ filters: base }), true);
  assert.equal(ok({ filters: { ...base, mode: 'bogus' } }), false);
});
