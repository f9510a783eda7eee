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

/** What one model call ended with and used: a side's run or one judge order. */
export interface CallFigures {
  errorKind?: string;
  errorMessage?: string;
  usage?: UsageRecord;
  cost?: CostRecord;
  ttftMs?: number | null;
  totalMs?: number;
}

/** One side of a comparison: which model ran, how it ended, what it used. */
export interface SideRecord extends CallFigures {
  preset: string;
  model: string;
  baseUrlHost?: string;
  route?: SideRoute;
  title?: string;
  status: 'ok' | 'truncated' | 'failed';
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
  /** `prefixBlob`: sha256 of the saved prompt prefix (system + context blocks, exactly as sent), for a later judge. */
  prompt: { templateVersion?: string; prefixHash?: string; prefixBlob?: string };
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
  /** Present on an LLM judge's amend (rater `judge:<preset>:<model>`): both orders, their answers and costs. */
  judge?: JudgeRecord;
}

/** What a judge answered in one order; `A` means the draft shown first in the judge's prompt. */
export type JudgeAnswer = 'A' | 'B' | 'TIE' | 'BOTH_BAD';

/** One of the two judge calls: which model's draft was shown first, the parsed answer, and what the call used. */
export interface JudgeOrderRecord extends CallFigures {
  /** `ab` = the draft of sides.a was shown first ("A" in the judge's prompt); `ba` = sides.b first. */
  order: 'ab' | 'ba';
  /** The parsed answer, `unparsed` when the text did not follow the format, `failed` when the call failed. */
  answer: JudgeAnswer | 'unparsed' | 'failed';
  /** The answer in model terms (`a` = the model in sides.a); absent for unparsed or failed calls. */
  verdict?: Exclude<Verdict, 'pending'>;
  /** Rubric ratings the judge gave, criterion → 1–5, for the draft it saw first ("A") and second ("B"), mapped to model terms. */
  ratings?: Record<string, { a?: number; b?: number }>;
  reason?: string;
  /** sha256 of the judge's raw answer text saved with saveBlob under runs/<comparison id>/. */
  answerHash?: string;
}

/** How a judge's two orders combine: agreeing orders give the verdict; disagreeing ones are `inconsistent` (a tie). */
export type JudgeOutcome = 'consistent' | 'inconsistent' | 'unparsed' | 'failed';

/** An LLM judge's full answer on one comparison, carried on its amend record. */
export interface JudgeRecord {
  preset: string;
  model: string;
  baseUrlHost?: string;
  outcome: JudgeOutcome;
  /** Always two: `ab` then `ba`. */
  orders: JudgeOrderRecord[];
  /** Version of the judge prompt and rubric. */
  promptVersion?: string;
  /** Which side's model is of the judge's own family, when one is (self-preference guard). */
  sameFamily?: ('a' | 'b')[];
}

/** Rater prefix of LLM judges: `judge:<preset>:<model>`. */
export const JUDGE_RATER_PREFIX = 'judge:';

/** True when a rater name is an LLM judge rather than a person. */
export function isJudgeRater(rater: string | undefined): boolean {
  return rater !== undefined && rater.startsWith(JUDGE_RATER_PREFIX);
}

/**
 * A person's rater name as configured, or '' when it is taken by the LLM judges' prefix: `pairwise.rater` can come from
 * a repository's workspace settings, and a person's verdicts under `judge:…` would drop out of the judge-agreement
 * statistics (they are not human verdicts there).
 */
export function personRaterName(name: string): string {
  const t = name.trim();
  return isJudgeRater(t) ? '' : t;
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
