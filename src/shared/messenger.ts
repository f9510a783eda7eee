/**
 * The Messenger both sides of every host <-> webview protocol use: envelopes, ready queue, requests with ids,
 * typed error replies and timeouts, and validation of incoming params. Pure: no vscode, no DOM, no Node.
 * The per-view vocabularies live in compareProtocol.ts and dashboardProtocol.ts; this file imports neither.
 */

// ---------------------------------------------------------------- envelopes

/** A message vocabulary: fire-and-forget notifications and requests with typed results. */
export interface ProtocolSpec {
  notifications: Record<string, unknown>;
  requests: Record<string, { params: unknown; result: unknown }>;
}
/** Why a request failed. */
export type ProtocolErrorCode = 'timeout' | 'unknown_method' | 'invalid_params' | 'handler_failed' | 'disposed' | 'rejected' | 'no_run';
/** A typed error carried by a failed reply. */
export interface ProtocolError { code: ProtocolErrorCode; message: string }
/** Errors as values: the outcome of a request handler or of `tryRequest`. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

type Keys<T> = keyof T & string;
/** A notification envelope of spec P. */
export type NotificationMessage<P extends ProtocolSpec> = {
  [K in Keys<P['notifications']>]: { kind: 'notification'; method: K; params: P['notifications'][K] } }[Keys<P['notifications']>];
/** A request envelope of spec P. */
export type RequestMessage<P extends ProtocolSpec> = {
  [K in Keys<P['requests']>]: { kind: 'request'; id: number; method: K; params: P['requests'][K]['params'] } }[Keys<P['requests']>];
/** A reply to a request of spec P: a result or a typed error. */
export type ResponseMessage<P extends ProtocolSpec> = {
  [K in Keys<P['requests']>]:
    | { kind: 'response'; id: number; method: K; ok: true; result: P['requests'][K]['result'] }
    | { kind: 'response'; id: number; method: K; ok: false; error: ProtocolError } }[Keys<P['requests']>];
/** Everything one side can put on the wire: its notifications and requests, and replies to the other side. */
export type WireMessage<Out extends ProtocolSpec, In extends ProtocolSpec> = NotificationMessage<Out> | RequestMessage<Out> | ResponseMessage<In>;

/** Loose structural check of an incoming envelope (params are checked by per-method validators). */
export function isEnvelope(msg: unknown): msg is { kind: string; method: string; id?: number; params?: unknown } {
  if (typeof msg !== 'object' || msg === null) return false;
  const m = msg as Record<string, unknown>;
  if (typeof m.method !== 'string' || m.method.length > 64) return false;
  if (m.kind === 'notification') return true;
  if (m.kind === 'request' || m.kind === 'response') return Number.isSafeInteger(m.id);
  return false;
}

// ---------------------------------------------------------------- messenger (one per side)

/** Something that can be disposed. */
export interface Disposable { dispose(): void }
/** How a messenger talks: the host wraps `webview.postMessage`/`onDidReceiveMessage`, the webview `acquireVsCodeApi()`/`message` events. */
export interface MessageTransport<Sent> {
  post(msg: Sent): void;
  subscribe(listener: (msg: unknown) => void): Disposable;
}
/** Guards for incoming params by method; the host checks everything the webview sends. */
export type ParamValidators<In extends ProtocolSpec> =
  & { [K in Keys<In['notifications']>]?: (p: unknown) => p is In['notifications'][K] }
  & { [K in Keys<In['requests']>]?: (p: unknown) => p is In['requests'][K]['params'] };
/** Messenger settings. */
export interface MessengerOptions<Out extends ProtocolSpec, In extends ProtocolSpec> {
  /** Start ready (default true). When false, outgoing notifications and requests queue until setReady(true). */
  ready?: boolean;
  /** An incoming notification that marks the other side ready (flushes the queue before handlers run). */
  readyOn?: Keys<In['notifications']>;
  /** Default request timeout (30 s) and per-method overrides. */
  timeoutMs?: number;
  timeouts?: Partial<Record<Keys<Out['requests']>, number>>;
  validators?: ParamValidators<In>;
  /** Ignored or malformed traffic, for a log. Never throws into the transport. */
  onProblem?: (message: string) => void;
  /** Queue bound; beyond it the oldest messages are dropped and reported (default 20 000). */
  maxQueue?: number;
}
/** A failed request, thrown by `Messenger.request`. */
export class RequestError extends Error {
  /** Why it failed. */
  readonly code: ProtocolErrorCode;
  constructor(error: ProtocolError) { super(error.message); this.code = error.code; this.name = 'RequestError'; }
}

interface Pending { method: string; resolve: (r: Result<unknown>) => void; timer: ReturnType<typeof setTimeout> }
type Sent<Out extends ProtocolSpec, In extends ProtocolSpec> = WireMessage<Out, In>;
type Handler = (params: unknown) => unknown;

/** One endpoint of the protocol: sends Out's messages, answers In's requests. Transport-agnostic and pure. */
export class Messenger<Out extends ProtocolSpec, In extends ProtocolSpec> implements Disposable {
  private nextId = 1;
  private ready: boolean;
  private disposed = false;
  private readonly queue: Sent<Out, In>[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly notificationHandlers = new Map<string, Set<Handler>>();
  private readonly requestHandlers = new Map<string, Handler>();
  private readonly subscription: Disposable;

  constructor(private readonly transport: MessageTransport<Sent<Out, In>>, private readonly options: MessengerOptions<Out, In> = {}) {
    this.ready = options.ready ?? true;
    this.subscription = transport.subscribe((m) => { void this.receive(m); });
  }

  /** Whether outgoing messages are posted now (true) or queued (false). */
  get isReady(): boolean { return this.ready; }
  /** Number of queued outgoing messages. */
  get queuedCount(): number { return this.queue.length; }

  /** Marks the other side (not) ready; becoming ready flushes the queue in order. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (!ready) return;
    const items = this.queue.splice(0);
    for (const m of items) this.post(m);
  }

  /** Sends a fire-and-forget notification. */
  notify<K extends Keys<Out['notifications']>>(method: K, params: Out['notifications'][K]): void {
    this.send({ kind: 'notification', method, params } as unknown as Sent<Out, In>);
  }

  /** Sends a request; resolves with a result value or a typed error (never rejects). */
  tryRequest<K extends Keys<Out['requests']>>(method: K, params: Out['requests'][K]['params'], timeoutMs?: number): Promise<Result<Out['requests'][K]['result']>> {
    if (this.disposed) return Promise.resolve({ ok: false, error: { code: 'disposed', message: 'The panel was closed.' } });
    const id = this.nextId++;
    const ms = timeoutMs ?? this.options.timeouts?.[method] ?? this.options.timeoutMs ?? 30_000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'timeout', message: `No reply to ${method} within ${ms} ms.` } });
      }, ms);
      this.pending.set(id, { method, resolve: resolve as (r: Result<unknown>) => void, timer });
      this.send({ kind: 'request', id, method, params } as unknown as Sent<Out, In>);
    });
  }

  /** Sends a request; rejects with RequestError on an error reply, a timeout or disposal. */
  async request<K extends Keys<Out['requests']>>(method: K, params: Out['requests'][K]['params'], timeoutMs?: number): Promise<Out['requests'][K]['result']> {
    const r = await this.tryRequest(method, params, timeoutMs);
    if (!r.ok) throw new RequestError(r.error);
    return r.value;
  }

  /** Subscribes to an incoming notification. */
  onNotification<K extends Keys<In['notifications']>>(method: K, handler: (params: In['notifications'][K]) => void): Disposable {
    let set = this.notificationHandlers.get(method);
    if (!set) this.notificationHandlers.set(method, (set = new Set()));
    const h = handler as Handler;
    set.add(h);
    return { dispose: () => { set.delete(h); } };
  }

  /** Answers an incoming request (one handler per method); a thrown error becomes a 'handler_failed' reply. */
  onRequest<K extends Keys<In['requests']>>(method: K,
    handler: (params: In['requests'][K]['params']) => Result<In['requests'][K]['result']> | Promise<Result<In['requests'][K]['result']>>): Disposable {
    const h = handler as Handler;
    this.requestHandlers.set(method, h);
    return { dispose: () => { if (this.requestHandlers.get(method) === h) this.requestHandlers.delete(method); } };
  }

  /** Stops listening, drops the queue and fails pending requests with 'disposed'. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.subscription.dispose();
    this.queue.length = 0;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: { code: 'disposed', message: `${p.method} was abandoned: the panel was closed.` } });
      this.pending.delete(id);
    }
  }

  /** Entry point for raw incoming messages (the transport subscription calls this). */
  async receive(raw: unknown): Promise<void> {
    if (this.disposed) return;
    if (!isEnvelope(raw)) { this.problem('Ignored a malformed message.'); return; }
    if (raw.kind === 'response') { this.settle(raw as { id: number; method: string; ok?: unknown; result?: unknown; error?: unknown }); return; }
    const validator = (this.options.validators as Record<string, ((p: unknown) => boolean) | undefined> | undefined)?.[raw.method];
    const valid = !validator || validator(raw.params);
    if (raw.kind === 'notification') {
      const set = this.notificationHandlers.get(raw.method);
      if (!valid) { this.problem(`Ignored ${raw.method}: invalid params.`); return; }
      if (raw.method === this.options.readyOn) this.setReady(true);
      if (!set || set.size === 0) { if (raw.method !== this.options.readyOn) this.problem(`Ignored unknown notification ${raw.method}.`); return; }
      for (const h of [...set]) {
        try { h(raw.params); } catch (e) { this.problem(`Handler for ${raw.method} failed: ${errorText(e)}`); }
      }
      return;
    }
    const id = raw.id as number;
    const handler = this.requestHandlers.get(raw.method);
    let reply: Result<unknown>;
    if (!handler) reply = { ok: false, error: { code: 'unknown_method', message: `Unknown request ${raw.method}.` } };
    else if (!valid) reply = { ok: false, error: { code: 'invalid_params', message: `Invalid parameters for ${raw.method}.` } };
    else {
      try { reply = await (handler(raw.params) as Result<unknown> | Promise<Result<unknown>>); }
      catch (e) { reply = { ok: false, error: { code: 'handler_failed', message: errorText(e) } }; }
    }
    if (this.disposed) return;
    const msg = reply.ok ? { kind: 'response', id, method: raw.method, ok: true, result: reply.value }
      : { kind: 'response', id, method: raw.method, ok: false, error: reply.error };
    this.post(msg as unknown as Sent<Out, In>); // replies bypass the queue: the asker is evidently listening
  }

  private settle(m: { id: number; method: string; ok?: unknown; result?: unknown; error?: unknown }): void {
    const p = this.pending.get(m.id);
    if (!p || p.method !== m.method) { this.problem(`Ignored a reply to unknown request ${m.id}.`); return; }
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.ok === true) { p.resolve({ ok: true, value: m.result }); return; }
    p.resolve({ ok: false, error: isProtocolError(m.error) ? m.error : { code: 'handler_failed', message: `${m.method} failed.` } });
  }

  private send(m: Sent<Out, In>): void {
    if (this.disposed) return;
    if (this.ready) { this.post(m); return; }
    this.queue.push(m);
    const max = this.options.maxQueue ?? 20_000;
    if (this.queue.length > max) { this.queue.splice(0, this.queue.length - max); this.problem(`Outgoing queue over ${max}: dropped the oldest messages.`); }
  }

  private post(m: Sent<Out, In>): void {
    try { this.transport.post(m); } catch (e) { this.problem(`Posting failed: ${errorText(e)}`); }
  }

  private problem(message: string): void {
    try { this.options.onProblem?.(message); } catch { /* a logger must not break messaging */ }
  }
}

const ERROR_CODES: readonly string[] = ['timeout', 'unknown_method', 'invalid_params', 'handler_failed', 'disposed', 'rejected', 'no_run'];
/** Whether a value is a well-formed ProtocolError. */
export function isProtocolError(e: unknown): e is ProtocolError {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  return typeof r.code === 'string' && ERROR_CODES.includes(r.code) && typeof r.message === 'string';
}
function errorText(e: unknown): string { return e instanceof Error ? e.message : String(e); }
