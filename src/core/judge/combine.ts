/**
 * How one order's answer becomes a record, and how the two orders combine. Rules (also in src/core/results/README.md):
 * both orders parsed and agreeing (in model terms) → `consistent` with that verdict; both parsed but different →
 * `inconsistent`, verdict `tie`; otherwise no verdict: `failed` when an order's call failed (a failure wins over an
 * unparsed answer), else `unparsed`. One order alone is never a verdict: position bias could not be ruled out.
 */
import type { Cost, DraftResult } from '../providers/types';
import type { JudgeAnswer, JudgeOrderRecord, JudgeOutcome, Verdict } from '../results/schema';
import { toUsageRecord } from '../session/sideRecord';
import type { JudgeOrder } from './judgePrompt';
import type { ParsedJudgeAnswer } from './judgeParse';

/** A verdict in model terms. */
export type JudgeVerdict = Exclude<Verdict, 'pending'>;

/** Longest reason kept in a judge record; the full answer is in its blob (`answerHash`). */
export const JUDGE_REASON_MAX_CHARS = 4000;

/**
 * A judge's reason as recorded: control characters (terminal escapes) dropped and cut to JUDGE_REASON_MAX_CHARS, so a
 * hostile or runaway answer can never make its amend a results line too long to read back (or print escapes).
 */
export function recordedReason(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  return clean.length <= JUDGE_REASON_MAX_CHARS ? clean : `${clean.slice(0, JUDGE_REASON_MAX_CHARS - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

/** Maps an answer in prompt terms to model terms: in order `ba` the first draft ("A") is sides.b. */
export function answerToVerdict(answer: JudgeAnswer, order: JudgeOrder): JudgeVerdict {
  if (answer === 'TIE') return 'tie';
  if (answer === 'BOTH_BAD') return 'both_bad';
  const first = order === 'ab' ? 'a' : 'b';
  const second = order === 'ab' ? 'b' : 'a';
  return answer === 'A' ? first : second;
}

function costRecord(c: Cost): NonNullable<JudgeOrderRecord['cost']> {
  return { usd: c.usd, basis: c.basis, ...(c.asOf ? { asOf: c.asOf } : {}), ...(c.cacheBasis ? { cacheBasis: c.cacheBasis } : {}) };
}

/** The record of one order from its call's result and parsed answer (absent when the call failed). */
export function orderRecord(order: JudgeOrder, result: DraftResult, parsed: ParsedJudgeAnswer | undefined, answerHash?: string, failedCost?: Cost): JudgeOrderRecord {
  const rec: JudgeOrderRecord = { order, answer: 'failed', ttftMs: result.timing.ttftMs, totalMs: Math.round(result.timing.totalMs) };
  if (result.ok) { rec.usage = toUsageRecord(result.usage); rec.cost = costRecord(result.cost); }
  else {
    rec.errorKind = result.kind;
    rec.errorMessage = result.message;
    if (result.usage) rec.usage = toUsageRecord(result.usage);
    if (failedCost) rec.cost = costRecord(failedCost);
  }
  if (answerHash) rec.answerHash = answerHash;
  if (!result.ok || !parsed) return rec;
  if (!parsed.ok) return { ...rec, answer: 'unparsed', errorKind: 'unparsed', errorMessage: `The judge's answer did not follow the format: ${parsed.error}.` };
  rec.answer = parsed.answer;
  rec.verdict = answerToVerdict(parsed.answer, order);
  const first = order === 'ab' ? 'a' : 'b';
  const second = order === 'ab' ? 'b' : 'a';
  const ratings = Object.fromEntries(Object.entries(parsed.ratings).map(([id, r]) => [id, { [first]: r.A, [second]: r.B }]));
  if (Object.keys(ratings).length) rec.ratings = ratings;
  if (parsed.reason) rec.reason = recordedReason(parsed.reason);
  return rec;
}

/** The outcome of both orders and the judge's verdict (absent when there is none). */
export function combineOrders(orders: readonly JudgeOrderRecord[]): { outcome: JudgeOutcome; verdict?: JudgeVerdict } {
  if (orders.some((o) => o.answer === 'failed')) return { outcome: 'failed' };
  if (orders.some((o) => o.answer === 'unparsed' || o.verdict === undefined)) return { outcome: 'unparsed' };
  const [x, y] = orders;
  return x.verdict === y.verdict ? { outcome: 'consistent', verdict: x.verdict } : { outcome: 'inconsistent', verdict: 'tie' };
}
