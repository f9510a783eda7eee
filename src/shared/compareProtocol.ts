/**
 * The compare view's host <-> webview vocabulary: the view state the webview renders, the events that change
 * it, and the requests the webview makes (save a verdict, open a link, retry a side). Method-style names, one
 * discriminated union per direction, requests that reply with a result or a typed error and time out.
 * Pure: no vscode, no DOM, no Node. The model that acts on these types is in ./compare/.
 */
import type { ParamValidators, ProtocolSpec, WireMessage } from './messenger';
import { isObj, isStr } from './guards';
import { panelValidators, type PanelWebviewNotifications } from './panelProtocol';

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
  /** retryable: whether the "Retry this side" button is offered; fix: the command that repairs it (a button beside the message). */
  | { kind: 'failed'; message: string; retryable: boolean; fix?: 'key/set' | 'models/choose' };
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
  /** True from the moment the checks of a finished draft start until their badges arrive. */
  checksRunning?: boolean;
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
/** How the judge's two orders combined: agreeing orders give its verdict, disagreeing ones are `inconsistent` (a tie). */
export type JudgeOutcomeView = 'consistent' | 'inconsistent' | 'unparsed' | 'failed';
/** One of the judge's two calls, in screen terms. */
export interface JudgeOrderView {
  /** The slot whose draft the judge saw first ("A" in its prompt). */
  first: SlotId;
  /** What this call preferred, in screen terms; `unparsed` when the answer did not follow the format, `failed` when the call failed. */
  answer: ScreenVerdict | 'unparsed' | 'failed';
  reason: string | null;
  /** Why the call failed. */
  error: string | null;
  costUsd: number | null;
  totalMs: number | null;
}
/**
 * The LLM judge on the shown comparison. While the comparison is blind and the developer's verdict is not saved, the
 * host sends at most `running` or `withheld` (no verdict, no reason: no anchoring); `answered` follows the saved verdict.
 */
export type JudgeView =
  | { status: 'running'; judge: string; message: string }
  | { status: 'withheld'; judge: string }
  | { status: 'failed'; judge: string; message: string }
  | { status: 'answered'; judge: string; outcome: JudgeOutcomeView; verdict: ScreenVerdict | null; orders: JudgeOrderView[];
    costUsd: number | null; costUnknown: boolean; time: string; warning: string | null };
/** The serialisable state of the compare panel; header null shows the placeholder. */
export interface CompareViewState {
  version: 1; seq: number; header: CompareHeader | null; slots: Record<SlotId, SlotView>;
  blind: boolean; revealed: boolean; rubric: RubricCriterion[]; verdict: VerdictFormState; readOnly: boolean;
  /** Extra names to mask while blind (configured model ids, preset names); the built-in vendor list always applies. */
  maskTerms?: string[];
  /** The LLM judge's second opinion, when one was asked (see JudgeView for when its verdict may be sent). */
  judge?: JudgeView | null;
  /** Whether the toolbar offers "Ask judge" (a recorded comparison; not the sample). */
  canAskJudge?: boolean;
}

/** Incremental changes the host sends while a run streams. */
export type CompareEvent =
  | { type: 'status'; slot: SlotId; status: SlotStatus }
  | { type: 'delta'; slot: SlotId; text: string }
  | { type: 'text'; slot: SlotId; text: string }
  | { type: 'stats'; slot: SlotId; stats: Partial<SlotStats> }
  | { type: 'parsed'; slot: SlotId; route: RouteBadge; title: string | null; patch: string | null }
  /** running: the checks have started (badges follow in a later 'checks' event). */
  | { type: 'checks'; slot: SlotId; checks: CheckBadge[]; running?: boolean }
  | { type: 'reveal'; identities: Record<SlotId, SlotIdentity & { label: string }> }
  | { type: 'verdictSaved'; savedAt: number; draft?: VerdictDraft }
  | { type: 'verdictFailed'; message: string }
  | { type: 'detached'; message: string }
  | { type: 'readOnly'; readOnly: boolean }
  | { type: 'judge'; judge: JudgeView | null };

// ---------------------------------------------------------------- method vocabulary

/** What the webview sends when saving a verdict (screen terms). */
export interface VerdictSubmission { runId: string; verdict: ScreenVerdict; ratings: Ratings; notes: string }

/** Messages the host sends to the compare view. */
export interface CompareHostProtocol extends ProtocolSpec {
  notifications: {
    /** Full snapshot (new run, past comparison, resync). */
    'run/state': { state: CompareViewState };
    /** One incremental change numbered by seq (state.seq + 1 applies next). */
    'run/event': { seq: number; event: CompareEvent };
  };
  requests: Record<never, never>;
}
/** Messages the compare webview sends. */
export interface CompareWebviewProtocol extends ProtocolSpec {
  notifications: PanelWebviewNotifications & {
    /** The webview saw a gap in event numbers and asks for the events after lastSeq. */
    'run/resync': { lastSeq: number };
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
export const REQUEST_TIMEOUT_MS: Record<keyof CompareWebviewProtocol['requests'], number> = {
  'verdict/save': 30_000, 'link/open': 300_000, 'patch/openDiff': 30_000, 'side/retry': 30_000, 'run/cancel': 30_000,
};

/** Messages from the host to the compare webview. */
export type CompareHostToWebview = WireMessage<CompareHostProtocol, CompareWebviewProtocol>;
/** Messages from the compare webview to the host. */
export type CompareWebviewToHost = WireMessage<CompareWebviewProtocol, CompareHostProtocol>;

// ---------------------------------------------------------------- guards for what the webview sends

const isSlot = (v: unknown): v is SlotId => v === 'left' || v === 'right';
const VERDICTS: readonly string[] = ['left', 'right', 'tie', 'both_bad'];
function isRatings(v: unknown): v is Ratings {
  if (!isObj(v) || Object.keys(v).length > 50) return false;
  return Object.values(v).every((r) => isObj(r) && Object.entries(r).every(([k, n]) => isSlot(k) && Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 5));
}

/** Param guards for every message the compare webview may send: the host trusts nothing from the webview. */
export const compareValidators: Required<ParamValidators<CompareWebviewProtocol>> = {
  ...panelValidators,
  'run/resync': (p): p is { lastSeq: number } => isObj(p) && Number.isSafeInteger(p.lastSeq) && (p.lastSeq as number) >= 0,
  'verdict/save': (p): p is VerdictSubmission => isObj(p) && isStr(p.runId, 200) && typeof p.verdict === 'string'
    && VERDICTS.includes(p.verdict) && isRatings(p.ratings) && isStr(p.notes, 20_000),
  'link/open': (p): p is { href: string } => isObj(p) && isStr(p.href, 8192),
  'patch/openDiff': (p): p is { slot: SlotId; path: string } => isObj(p) && isSlot(p.slot) && isStr(p.path, 4096) && p.path.length > 0,
  'side/retry': (p): p is { slot: SlotId } => isObj(p) && isSlot(p.slot),
  'run/cancel': (p): p is { slot: SlotId | null } => isObj(p) && (p.slot === null || isSlot(p.slot)),
};
