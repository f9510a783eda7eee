// The demo's providers: mock Anthropic / OpenAI-compatible servers on 127.0.0.1 (node:http) speaking the real
// streaming wire formats, with scripted scenarios (sequenced per request), a simulated prompt cache and a record of
// every request. `pairwise batch --demo` runs on them; the tests re-use them through test/fakes/mockProviders.ts.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockJudgeAnswer, requestText } from './demoJudge';
import { fillerText, type Scenario, type StreamShape } from './demoScenarios';
import {
  OPENAI_DONE, anthropicBlockStart, anthropicDelta, anthropicEnd, anthropicErrorEvent, anthropicMessageStart, errorBody,
  openaiChunk, openaiUsageChunk, sseFrame, type MockUsage, type WireKind,
} from './demoWire';

export { scenarios, fillerText, type Scenario, type StreamShape } from './demoScenarios';
export { JUDGE_PREFER_MARK, mockJudgeAnswer, requestText, type JudgeRule } from './demoJudge';

/** Options of {@link startMockProvider}. */
export interface MockProviderOptions {
  kind: WireKind | 'openai-compatible';
  /** One scenario, or one per request in order (the last repeats). Default: ok. */
  scenario?: Scenario | Scenario[];
  /** When set, requests whose key differs get a 401. */
  expectKey?: string;
  /**
   * Simulate prefix caching, not just identical repeats (default off). Anthropic: a hit at the longest `cache_control`
   * breakpoint whose prefix an earlier request wrote. OpenAI-compatible: the longest prefix shared with an earlier
   * request, in 128-token steps from 1024 tokens.
   */
  prefixCache?: boolean;
}

/** A request as the mock received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
  at: number;
  /** Response bytes written so far (grows while the answer streams). */
  bytesOut: number;
}

/** A running mock server. `url` is the base URL to put in a preset. */
export interface MockProvider {
  kind: WireKind;
  url: string;
  requests: RecordedRequest[];
  setScenario(s: Scenario | Scenario[]): void;
  close(): Promise<void>;
}

type Ctx = { res: ServerResponse; closed: boolean; timers: Set<NodeJS.Timeout>; rec?: RecordedRequest };

/** Starts one mock provider on an ephemeral 127.0.0.1 port. */
export async function startMockProvider(opts: MockProviderOptions): Promise<MockProvider> {
  const kind: WireKind = opts.kind === 'anthropic' ? 'anthropic' : 'openai';
  let script: Scenario[] = toList(opts.scenario);
  const requests: RecordedRequest[] = [];
  const seenPrefixes = new Set<string>();
  const seenBodies: string[] = [];
  const live = new Set<Ctx>();
  const server = createServer((req, res) => {
    const ctx: Ctx = { res, closed: false, timers: new Set() };
    live.add(ctx);
    res.on('close', () => { ctx.closed = true; for (const t of ctx.timers) clearTimeout(t); ctx.timers.clear(); live.delete(ctx); });
    handle(req, ctx).catch(() => { if (!res.headersSent) res.writeHead(500); res.end(); });
  });

  async function handle(req: IncomingMessage, ctx: Ctx): Promise<void> {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const body = Buffer.concat(parts).toString('utf8');
    let json: unknown;
    try { json = JSON.parse(body); } catch { json = undefined; }
    const index = requests.length;
    ctx.rec = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json, at: Date.now(), bytesOut: 0 };
    requests.push(ctx.rec);
    const wantPath = kind === 'anthropic' ? /\/v1\/messages$/ : /\/chat\/completions$/;
    if (req.method !== 'POST' || !wantPath.test((req.url ?? '').split('?')[0])) return sendError(ctx, 404, `mock: no route ${req.method} ${req.url}`);
    const key = presentedKey(req.headers);
    if (opts.expectKey !== undefined && key !== opts.expectKey) return sendError(ctx, 401, 'invalid api key');
    const sc = script[Math.min(index, script.length - 1)];
    if (sc.type === 'status') {
      const h: Record<string, string> = {};
      if (sc.retryAfter) h['retry-after'] = sc.retryAfter;
      if (sc.retryAfterMs) h['retry-after-ms'] = sc.retryAfterMs;
      if (sc.shouldRetry) h['x-should-retry'] = sc.shouldRetry;
      return sendError(ctx, sc.status, sc.message ?? `mock status ${sc.status}`, sc.errorType, h);
    }
    if (sc.type === 'hang') return;
    if (sc.type === 'redirect' || sc.type === 'flood' || sc.type === 'byte-drip' || sc.type === 'wrong-type') return hostile(ctx, sc, json);
    if (sc.type === 'echo-key') return sendError(ctx, sc.status ?? 400, `Invalid request: the credential '${key ?? ''}' may not use this model`);
    if (sc.type === 'big-error') {
      ctx.res.writeHead(sc.status, { 'content-type': 'text/html' });
      const block = '<p>bad gateway</p>'.repeat(4096);
      for (let sent = 0; sent < sc.bytes && !ctx.closed; sent += block.length) await write(ctx, block.slice(0, Math.min(block.length, sc.bytes - sent)));
      ctx.res.end();
      return;
    }
    await stream(ctx, sc, json, seenPrefixes);
  }

  /** The hostile rows of the fault matrix: redirects, floods, drips and non-stream 200s. */
  async function hostile(ctx: Ctx, sc: Extract<Scenario, { type: 'redirect' | 'flood' | 'byte-drip' | 'wrong-type' }>, json: unknown): Promise<void> {
    if (sc.type === 'redirect' || sc.type === 'wrong-type') {
      ctx.res.writeHead(sc.type === 'redirect' ? sc.status : 200, sc.type === 'redirect' ? { location: sc.location, 'content-type': 'text/plain' } : { 'content-type': sc.contentType });
      ctx.res.end(sc.type === 'redirect' ? `moved to ${sc.location}` : sc.body);
      return;
    }
    const model = (json as { model?: string } | undefined)?.model ?? 'mock-model';
    ctx.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const usage: MockUsage = { input: 10, output: 0, cacheRead: 0, cacheWrite: 0 };
    await write(ctx, kind === 'anthropic' ? anthropicMessageStart('msg_flood', model, usage) + anthropicBlockStart() : '');
    const delta = (t: string) => (kind === 'anthropic' ? anthropicDelta(t) : openaiChunk('chatcmpl_flood', model, t));
    if (sc.type === 'byte-drip') {
      const frame = delta('drip ');
      for (let i = 0; !ctx.closed; i++) { await write(ctx, frame[i % frame.length]); await sleep(ctx, sc.gapMs); }
      return;
    }
    const block = sc.shape === 'line' ? 'x'.repeat(64 * 1024) : delta('flood '.repeat(10_000));
    if (sc.shape === 'line') await write(ctx, 'data: {"pad":"');
    for (let sent = 0; sent < sc.bytes && !ctx.closed; sent += block.length) await write(ctx, block);
    ctx.res.end();
  }

  function sendError(ctx: Ctx, status: number, message: string, type?: string, extra: Record<string, string> = {}): void {
    ctx.res.writeHead(status, { 'content-type': 'application/json', ...extra });
    ctx.res.end(errorBody(kind, status, message, type));
  }

  async function stream(ctx: Ctx, sc: Exclude<Scenario, { type: 'status' | 'echo-key' | 'big-error' | 'hang' | 'redirect' | 'flood' | 'byte-drip' | 'wrong-type' }>, json: unknown, seen: Set<string>): Promise<void> {
    const shape: StreamShape = sc;
    const text = shape.text ?? (sc.type === 'judge' ? mockJudgeAnswer(sc.rule, requestText(json)) : fillerText(shape.chars ?? 600));
    const chunkChars = Math.max(1, shape.chunkChars ?? 16);
    const sim = simulateUsage(kind, json, seen, text.length, opts.prefixCache ? seenBodies : undefined);
    const usage: MockUsage = { ...sim.usage, ...shape.usage };
    const model = (json as { model?: string } | undefined)?.model ?? 'mock-model';
    const id = `${kind === 'anthropic' ? 'msg' : 'chatcmpl'}_mock${requests.length}`;
    const intervalMs = (chunkChars / ((shape.tokensPerSec ?? 2000) * 4)) * 1000;
    const ttft = sim.warm && shape.warmTtftMs !== undefined ? shape.warmTtftMs : shape.ttftMs ?? 20;
    const faultAt = 'afterChunks' in sc ? sc.afterChunks ?? 0 : Number.POSITIVE_INFINITY;
    ctx.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    ctx.res.flushHeaders();
    await write(ctx, kind === 'anthropic' ? anthropicMessageStart(id, model, usage) + anthropicBlockStart() : openaiChunk(id, model, '', null, true));
    await sleep(ctx, ttft);
    const t0 = performance.now();
    for (let i = 0, at = 0; at < text.length && !ctx.closed; i++, at += chunkChars) {
      if (i === faultAt) return fault(ctx, sc, id, model, usage);
      await write(ctx, kind === 'anthropic' ? anthropicDelta(text.slice(at, at + chunkChars)) : openaiChunk(id, model, text.slice(at, at + chunkChars)));
      const wait = t0 + (i + 1) * intervalMs - performance.now();
      if (wait >= 1) await sleep(ctx, wait);
      else if (i % 64 === 63) await new Promise((r) => setImmediate(r));
    }
    if (Number.isFinite(faultAt)) return fault(ctx, sc, id, model, usage);
    const stop = shape.stopReason ?? (kind === 'anthropic' ? 'end_turn' : 'stop');
    await write(ctx, endFrames(stop, id, model, usage));
    ctx.res.end();
  }

  function endFrames(stop: string, id: string, model: string, usage: MockUsage): string {
    if (kind === 'anthropic') return anthropicEnd(stop, usage);
    const finish = stop === 'max_tokens' ? 'length' : stop;
    return openaiChunk(id, model, null, finish) + openaiUsageChunk(id, model, usage) + OPENAI_DONE;
  }

  async function fault(ctx: Ctx, sc: Scenario, id: string, model: string, usage: MockUsage): Promise<void> {
    switch (sc.type) {
      case 'stall': return; // headers sent, then silence until the client gives up
      case 'reset': ctx.res.socket?.destroy(); return;
      case 'close-early': ctx.res.end(); return;
      case 'malformed':
        await write(ctx, kind === 'anthropic' ? 'event: content_block_delta\ndata: {"type":"content_block_delta", oops\n\n' : 'data: {"id": oops\n\n');
        ctx.res.end(); return;
      case 'content-filter':
        await write(ctx, endFrames(kind === 'anthropic' ? 'refusal' : 'content_filter', id, model, usage));
        ctx.res.end(); return;
      case 'stream-error':
        await write(ctx, kind === 'anthropic' ? anthropicErrorEvent(sc.errorType, 'Overloaded')
          : sseFrame(JSON.stringify({ error: { message: 'Overloaded', type: sc.errorType, code: null } })));
        ctx.res.end(); return;
      default: ctx.res.end();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    kind,
    url: kind === 'anthropic' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/v1`,
    requests,
    setScenario(s) { script = toList(s); },
    close: () => new Promise<void>((resolve) => {
      for (const c of live) { for (const t of c.timers) clearTimeout(t); c.closed = true; }
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Starts one mock of each kind (demo / CLI use). */
export async function startMockProviders(scenario?: Scenario | Scenario[]): Promise<{ anthropic: MockProvider; openai: MockProvider; close(): Promise<void> }> {
  const [anthropic, openai] = await Promise.all([startMockProvider({ kind: 'anthropic', scenario }), startMockProvider({ kind: 'openai', scenario })]);
  return { anthropic, openai, close: async () => { await Promise.all([anthropic.close(), openai.close()]); } };
}

function toList(s: Scenario | Scenario[] | undefined): Scenario[] {
  if (!s) return [{ type: 'ok' }];
  return Array.isArray(s) ? (s.length ? s : [{ type: 'ok' }]) : [s];
}

function presentedKey(h: IncomingHttpHeaders): string | undefined {
  const x = h['x-api-key'];
  if (typeof x === 'string') return x;
  const auth = h.authorization;
  return typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7) : undefined;
}

function sleep(ctx: Ctx, ms: number): Promise<void> {
  if (ms <= 0 || ctx.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => { ctx.timers.delete(t); resolve(); }, ms);
    ctx.timers.add(t);
  });
}

function write(ctx: Ctx, data: string): Promise<void> {
  if (ctx.closed) return Promise.resolve();
  if (ctx.rec) ctx.rec.bytesOut += Buffer.byteLength(data);
  if (ctx.res.write(data)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { ctx.res.off('drain', done); ctx.res.off('close', done); resolve(); };
    ctx.res.once('drain', done);
    ctx.res.once('close', done);
  });
}

/** Simulated prompt cache: the cacheable prefix is written on first sight and read on repeats. */
function simulateUsage(kind: WireKind, json: unknown, seen: Set<string>, outChars: number, bodies?: string[]): { usage: MockUsage; warm: boolean } {
  const tok = (chars: number) => Math.ceil(chars / 4);
  const output = tok(outChars);
  const body = (json ?? {}) as { system?: { text: string; cache_control?: unknown }[]; messages?: { content: unknown }[] };
  if (kind === 'anthropic') {
    const blocks = [...(body.system ?? []), ...((body.messages?.[0]?.content as { text: string; cache_control?: unknown }[] | undefined) ?? [])];
    let lastMarked = -1;
    blocks.forEach((b, i) => { if (b.cache_control) lastMarked = i; });
    const prefix = blocks.slice(0, lastMarked + 1).map((b) => b.text).join('\u0000');
    const rest = blocks.slice(lastMarked + 1).reduce((n, b) => n + b.text.length, 0);
    const key = hash(prefix);
    const cached = tok(prefix.length);
    if (bodies) {
      // Prefix caching: a hit at the longest breakpoint whose prefix was written before; the rest of the prefix is written.
      const marked = blocks.map((b, i) => (b.cache_control ? i : -1)).filter((i) => i >= 0);
      const hit = marked.reduce((len, i) => { const p = blocks.slice(0, i + 1).map((b) => b.text).join('\u0000'); return seen.has(hash(p)) ? p.length : len; }, 0);
      for (const i of marked) seen.add(hash(blocks.slice(0, i + 1).map((b) => b.text).join('\u0000')));
      return { warm: hit > 0, usage: { input: tok(rest), output, cacheRead: tok(hit), cacheWrite: cached - tok(hit) } };
    }
    const warm = prefix.length > 0 && seen.has(key);
    if (prefix.length > 0) seen.add(key);
    return { warm, usage: { input: tok(rest), output, cacheRead: warm ? cached : 0, cacheWrite: warm ? 0 : cached } };
  }
  const all = JSON.stringify(body.messages ?? []);
  const key = hash(all);
  const warm = seen.has(key);
  seen.add(key);
  const total = tok(all.length);
  let cached = warm ? Math.floor((total * 0.9) / 128) * 128 : 0;
  if (bodies && !warm) {
    const shared = bodies.reduce((best, b) => Math.max(best, commonPrefix(b, all)), 0);
    const steps = Math.floor(tok(shared) / 128) * 128;
    cached = steps >= 1024 ? steps : 0;
  }
  if (bodies) bodies.push(all);
  return { warm, usage: { input: total - cached, output, cacheRead: cached, cacheWrite: 0 } };
}

function commonPrefix(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  let i = 0;
  while (i < n && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  return i;
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
