// Record shapes of the results file (one JSON object per line). See src/core/results/README.md.

/** Current schema version written into every new record. */
export const SCHEMA_VERSION = 1;

/** The developer's verdict; 'a' / 'b' name the model recorded in sides.a / sides.b, never the screen slot. */
export type Verdict = 'a' | 'b' | 'tie' | 'both_bad' | 'pending';

/** Every verdict value, for validation and menus. */
export const VERDICTS: readonly Verdict[] = ['a', 'b', 'tie', 'both_bad', 'pending'];

/** What a side's run ended as: the model's own route, or failed when the run did not complete. */
export type SideRoute = 'pr' | 'issue' | 'skip' | 'unparsed' | 'failed';

/** Every route value, in report column order. */
export const SIDE_ROUTES: readonly SideRoute[] = ['pr', 'issue', 'skip', 'failed', 'unparsed'];

/** Comparison mode: pin (same paper forced on both sides) or selection (each side picks its own paper). */
export type Mode = 'pin' | 'selection';

/** Token usage of one run. */
export interface UsageRecord { input: number; output: number; cacheRead: number; cacheWrite: number }

/** Cost of one run and what the figure rests on (list prices, user-entered prices, or unknown). */
export interface CostRecord {
  usd: number | null; basis: 'list' | 'user' | 'unknown'; asOf?: string;
  /** How cached tokens were priced, when there were any: listed rates, derived from the vendor's multipliers, or the input rate. */
  cacheBasis?: 'listed' | 'derived' | 'input-rate';
}

/** Figures of a warm repeat (same prefix sent again to measure cache effect). */
export interface WarmRecord { ttftMs?: number | null; totalMs?: number; usage?: UsageRecord; cost?: CostRecord }

/** One side of a comparison: which model ran, how it ended, what it used. */
export interface SideRecord {
  preset: string;
  model: string;
  baseUrlHost?: string;
  route?: SideRoute;
  title?: string;
  status: 'ok' | 'truncated' | 'failed';
  errorKind?: string;
  errorMessage?: string;
  usage?: UsageRecord;
  cost?: CostRecord;
  ttftMs?: number | null;
  totalMs?: number;
  warm?: WarmRecord;
  paperPick?: string;
  /** sha256 of the draft text saved with saveBlob under runs/<id>/. */
  draftHash?: string;
  /** sha256 of the patch text saved with saveBlob, when the draft is a PR. */
  patchHash?: string;
}

/** One paired run and its verdict, as first recorded. */
export interface ComparisonRecord {
  schema: number;
  type: 'comparison';
  id: string;
  /** ISO-8601 time the comparison was recorded. */
  time: string;
  repo: { remote?: string; commit?: string; dirty?: boolean; name: string };
  paper?: { id?: string; version?: string; title?: string; hash?: string };
  mode: Mode;
  prompt: { templateVersion?: string; prefixHash?: string };
  /** sha256 of the context manifest saved with saveBlob. */
  manifestHash?: string;
  sides: { a: SideRecord; b: SideRecord };
  blind: boolean;
  /** true when sides.b was shown in the left slot. */
  swapped: boolean;
  verdict: Verdict;
  ratings?: Record<string, { a?: number; b?: number }>;
  notes?: string;
  timeToVerdictMs?: number;
  rater?: string;
  checks?: { a?: unknown; b?: unknown };
  imported?: boolean;
  selection?: { samePaper?: boolean };
}

/** A later change to a comparison's verdict, ratings or notes; history is never rewritten. */
export interface AmendRecord {
  schema: number;
  type: 'amend';
  id: string;
  /** id of the comparison this amends. */
  target: string;
  time: string;
  verdict?: Verdict;
  ratings?: Record<string, { a?: number; b?: number }>;
  notes?: string;
  rater?: string;
  timeToVerdictMs?: number;
  /** Slot layout the verdict was given in (sides.b on the left), when it differs from the comparison's own (judged later). */
  swapped?: boolean;
  /** Whether that later judgment was blind. */
  blind?: boolean;
}

/** Any record a results file may hold. */
export type ResultRecord = ComparisonRecord | AmendRecord;

/** Identity of the model of one side, `preset:model` (e.g. `anthropic:claude-opus`). */
export function modelKey(side: Pick<SideRecord, 'preset' | 'model'>): string {
  return `${side.preset}:${side.model}`;
}

/** The outcome of one side: failed when the run failed, else its route (unparsed when unknown). */
export function sideOutcome(side: SideRecord): SideRoute {
  if (side.status === 'failed') return 'failed';
  return side.route ?? 'unparsed';
}
