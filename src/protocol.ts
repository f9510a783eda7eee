/**
 * Typed host <-> webview protocol shared by src/extension/panels (host) and webview/ (browser).
 * Method-style names (GitLens), one discriminated union per direction (hexeditor), requests that
 * reply with a result or a typed error and time out (PR extension). Pure: no vscode, no DOM, no Node.
 */
import type { ParamValidators } from './protocolMessenger';

// ---------------------------------------------------------------- view state (what the webview renders)

/** A screen column. Which model sits in which slot is the host's secret until the verdict is saved. */
export type SlotId = 'left' | 'right';
/** Both slots in screen order. */
export const SLOT_IDS: readonly SlotId[] = ['left', 'right'];
/** How a draft decided to contribute, as parsed by the host; null while unknown. */
export type RouteBadge = 'pr' | 'issue' | 'skip' | 'unparsed';
/** Life cycle of one slot's stream. */
export type SlotStatus =
  | { kind: 'queued' }
  | { kind: 'waiting' }
  | { kind: 'streaming'; tokPerSec: number | null }
  | { kind: 'retrying'; reason: string; resumeAt: number; attempt?: number }
  | { kind: 'done' }
  | { kind: 'truncated' }
  /** retryable: whether the "Retry this side" button is offered. */
  | { kind: 'failed'; message: string; retryable: boolean };
/** Timing, token and cost figures of one slot; null renders as "—". */
export interface SlotStats {
  ttftMs: number | null; totalMs: number | null; tokensIn: number | null; tokensOut: number | null;
  tokensCached: number | null; costUsd: number | null; costBasis?: 'list' | 'user' | 'unknown';
}
/** One result of the automatic checks on a draft. */
export interface CheckBadge { label: string; level: 'ok' | 'warn' | 'error'; detail?: string }
/** The real identity of a slot, sent only with the reveal. */
export interface SlotIdentity { model: string; provider: string }
/** Everything shown in one column. */
export interface SlotView {
  /** Screen label: "A"/"B" while blind, the model name after reveal or when not blind. */
  label: string; identity: SlotIdentity | null; status: SlotStatus; text: string;
  route: RouteBadge | null; title: string | null; patch: string | null; stats: SlotStats; checks: CheckBadge[];
}
/** A verdict in screen terms; the host maps slots back to model sides (it knows the swap). */
export type ScreenVerdict = 'left' | 'right' | 'tie' | 'both_bad';
/** One rubric line rated 1-5 for each slot. */
export interface RubricCriterion { id: string; label: string; description?: string }
/** 1-5 ratings per criterion id, per slot. */
export type Ratings = Record<string, Partial<Record<SlotId, number>>>;
/** What the developer has chosen so far (kept in the webview, sent on save). */
export interface VerdictDraft { verdict: ScreenVerdict | null; ratings: Ratings; notes: string }
/** The verdict form: the draft plus the save life cycle. */
export interface VerdictFormState { draft: VerdictDraft; saving: boolean; savedAt: number | null; error: string | null }
/** Header of a comparison. */
export interface CompareHeader { runId: string; repo: string; commit: string; paper: string | null; mode: 'pin' | 'selection' }
/** The serialisable state of the compare panel; header null shows the placeholder. */
export interface CompareViewState {
  version: 1; seq: number; header: CompareHeader | null; slots: Record<SlotId, SlotView>;
  blind: boolean; revealed: boolean; rubric: RubricCriterion[]; verdict: VerdictFormState; readOnly: boolean;
  /** Extra names to mask while blind (configured model ids, preset names); the built-in vendor list always applies. */
  maskTerms?: string[];
}

/** Incremental changes the host sends while a run streams. */
export type CompareEvent =
  | { type: 'status'; slot: SlotId; status: SlotStatus }
  | { type: 'delta'; slot: SlotId; text: string }
  | { type: 'text'; slot: SlotId; text: string }
  | { type: 'stats'; slot: SlotId; stats: Partial<SlotStats> }
  | { type: 'parsed'; slot: SlotId; route: RouteBadge; title: string | null; patch: string | null }
  | { type: 'checks'; slot: SlotId; checks: CheckBadge[] }
  | { type: 'reveal'; identities: Record<SlotId, SlotIdentity & { label: string }> }
  | { type: 'verdictSaved'; savedAt: number; draft?: VerdictDraft }
  | { type: 'verdictFailed'; message: string }
  | { type: 'detached'; message: string }
  | { type: 'readOnly'; readOnly: boolean };

// ---------------------------------------------------------------- dashboard payload

/** A precomputed table for the dashboard. */
export interface DashboardTable { title: string; columns: string[]; rows: (string | number | null)[][] }
/** A precomputed SVG chart for the dashboard (sanitised again in the webview). */
export interface DashboardSvg { title: string; svg: string }
/** Filter values the dashboard can change; the host recomputes and resends. */
export interface DashboardFilters { repo: string | null; paper: string | null; rater: string | null; since: string | null; mode?: 'pin' | 'selection' | null; options?: Record<'repo' | 'paper' | 'rater', string[]> }
/** Everything the dashboard shows. */
export interface DashboardData { tables: DashboardTable[]; svgs: DashboardSvg[]; filters: DashboardFilters }

// ---------------------------------------------------------------- method vocabulary

/** Buttons of the placeholder and the dashboard: the host maps them to commands. */
export type PanelCommand = 'compare/start' | 'sample/open' | 'models/choose' | 'paper/pin' | 'dashboard/show' | 'results/open';
/** What the webview sends when saving a verdict (screen terms). */
export interface VerdictSubmission { runId: string; verdict: ScreenVerdict; ratings: Ratings; notes: string }

/** A message vocabulary: fire-and-forget notifications and requests with typed results. */
export interface ProtocolSpec {
  notifications: Record<string, unknown>;
  requests: Record<string, { params: unknown; result: unknown }>;
}
/** Messages the host sends. */
export interface HostProtocol extends ProtocolSpec {
  notifications: {
    /** Full snapshot (new run, past comparison, resync). */
    'run/state': { state: CompareViewState };
    /** One incremental change numbered by seq (state.seq + 1 applies next). */
    'run/event': { seq: number; event: CompareEvent };
    /** Dashboard tables and charts. */
    'dashboard/data': { data: DashboardData };
  };
  requests: Record<never, never>;
}
/** Messages the webview sends. */
export interface WebviewProtocol extends ProtocolSpec {
  notifications: {
    /** Handshake: the host queues everything until this arrives; lastSeq is what the webview restored. */
    'webview/ready': { view: 'compare' | 'dashboard'; lastSeq: number | null };
    /** The webview saw a gap in event numbers and asks for the events after lastSeq. */
    'run/resync': { lastSeq: number };
    /** A placeholder or toolbar button. */
    'command/run': { command: PanelCommand };
    /** The dashboard's filters changed. */
    'dashboard/filter': { filters: DashboardFilters };
    /** An unexpected error inside the webview, for the host's log. */
    'webview/error': { message: string };
  };
  requests: {
    'verdict/save': { params: VerdictSubmission; result: { savedAt: number } };
    'link/open': { params: { href: string }; result: { opened: boolean } };
    'patch/openDiff': { params: { slot: SlotId; path: string }; result: { opened: boolean } };
    'side/retry': { params: { slot: SlotId }; result: { accepted: boolean } };
    'run/cancel': { params: { slot: SlotId | null }; result: { accepted: boolean } };
  };
}

/** Request timeouts per method (link/open waits for a modal confirmation). */
export const REQUEST_TIMEOUT_MS: Record<keyof WebviewProtocol['requests'], number> = {
  'verdict/save': 30_000, 'link/open': 300_000, 'patch/openDiff': 30_000, 'side/retry': 30_000, 'run/cancel': 30_000,
};

// ---------------------------------------------------------------- envelopes

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
/** Messages from the host to the webview. */
export type HostToWebview = WireMessage<HostProtocol, WebviewProtocol>;
/** Messages from the webview to the host. */
export type WebviewToHost = WireMessage<WebviewProtocol, HostProtocol>;



export { isEnvelope, isProtocolError, Messenger, RequestError } from './protocolMessenger';
export type { Disposable, MessageTransport, MessengerOptions, ParamValidators } from './protocolMessenger';
// ---------------------------------------------------------------- guards for what the webview sends

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isSlot = (v: unknown): v is SlotId => v === 'left' || v === 'right';
const optStr = (v: unknown): boolean => v === null || isStr(v, 500);
const PANEL_COMMANDS: readonly string[] = ['compare/start', 'sample/open', 'models/choose', 'paper/pin', 'dashboard/show', 'results/open'];
const VERDICTS: readonly string[] = ['left', 'right', 'tie', 'both_bad'];
function isRatings(v: unknown): v is Ratings {
  if (!isObj(v) || Object.keys(v).length > 50) return false;
  return Object.values(v).every((r) => isObj(r) && Object.entries(r).every(([k, n]) => isSlot(k) && Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 5));
}

/** Param guards for every message the webview may send: the host trusts nothing from the webview. */
export const webviewValidators: Required<ParamValidators<WebviewProtocol>> = {
  'webview/ready': (p): p is WebviewProtocol['notifications']['webview/ready'] => isObj(p) && (p.view === 'compare' || p.view === 'dashboard')
    && (p.lastSeq === null || (Number.isSafeInteger(p.lastSeq) && (p.lastSeq as number) >= 0)),
  'run/resync': (p): p is { lastSeq: number } => isObj(p) && Number.isSafeInteger(p.lastSeq) && (p.lastSeq as number) >= 0,
  'command/run': (p): p is { command: PanelCommand } => isObj(p) && typeof p.command === 'string' && PANEL_COMMANDS.includes(p.command),
  'dashboard/filter': (p): p is { filters: DashboardFilters } => isObj(p) && isObj(p.filters)
    && optStr(p.filters.repo) && optStr(p.filters.paper) && optStr(p.filters.rater) && optStr(p.filters.since)
    && (p.filters.mode === undefined || p.filters.mode === null || p.filters.mode === 'pin' || p.filters.mode === 'selection'),
  'webview/error': (p): p is { message: string } => isObj(p) && isStr(p.message, 4000),
  'verdict/save': (p): p is VerdictSubmission => isObj(p) && isStr(p.runId, 200) && typeof p.verdict === 'string'
    && VERDICTS.includes(p.verdict) && isRatings(p.ratings) && isStr(p.notes, 20_000),
  'link/open': (p): p is { href: string } => isObj(p) && isStr(p.href, 8192),
  'patch/openDiff': (p): p is { slot: SlotId; path: string } => isObj(p) && isSlot(p.slot) && isStr(p.path, 4096) && p.path.length > 0,
  'side/retry': (p): p is { slot: SlotId } => isObj(p) && isSlot(p.slot),
  'run/cancel': (p): p is { slot: SlotId | null } => isObj(p) && (p.slot === null || isSlot(p.slot)),
};

// ---------------------------------------------------------------- state builders for the host

/** Default rubric, grounded in what Pairwise asks of a contribution. */
export const DEFAULT_RUBRIC: readonly RubricCriterion[] = [
  { id: 'grounded', label: 'Grounded in this repo', description: 'Refers to real files, APIs and conventions of the repository.' },
  { id: 'faithful', label: 'Faithful to the paper', description: 'Applies what the paper actually says, without inventing claims.' },
  { id: 'actionable', label: 'Actionable', description: 'A maintainer could merge or act on it with little extra work.' },
  { id: 'route', label: 'Right route', description: 'PR, issue or skip was the right call for this repo and paper.' },
];
/** Stats with every figure unknown. */
export function emptySlotStats(): SlotStats {
  return { ttftMs: null, totalMs: null, tokensIn: null, tokensOut: null, tokensCached: null, costUsd: null };
}
/** A slot before its stream starts. */
export function emptySlotView(label: string): SlotView {
  return { label, identity: null, status: { kind: 'queued' }, text: '', route: null, title: null, patch: null, stats: emptySlotStats(), checks: [] };
}
/** A fresh view state; header null means "no run attached" (placeholder). */
export function createCompareViewState(init: { header: CompareHeader | null; blind?: boolean; rubric?: readonly RubricCriterion[]; readOnly?: boolean;
  labels?: Record<SlotId, string>; maskTerms?: readonly string[] }): CompareViewState {
  return {
    version: 1, seq: 0, header: init.header,
    slots: { left: emptySlotView(init.labels?.left ?? 'A'), right: emptySlotView(init.labels?.right ?? 'B') },
    blind: init.blind ?? true, revealed: false, rubric: [...(init.rubric ?? DEFAULT_RUBRIC)],
    verdict: { draft: { verdict: null, ratings: {}, notes: '' }, saving: false, savedAt: null, error: null },
    readOnly: init.readOnly ?? false, maskTerms: [...(init.maskTerms ?? [])],
  };
}
