import { SIDE_ROUTES, VERDICTS } from './schema';
import type { AmendRecord, ComparisonRecord, ResultRecord } from './schema';

/** Outcome of checking one parsed object against the current record shape. */
export type ValidationResult = { ok: true; record: ResultRecord } | { ok: false; error: string };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown): boolean => v === undefined || isStr(v);
const optNum = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v));
const optNumOrNull = (v: unknown): boolean => v === null || optNum(v);
const optBool = (v: unknown): boolean => v === undefined || typeof v === 'boolean';

function checkUsage(u: unknown, where: string): string | null {
  if (u === undefined) return null;
  if (!isObj(u)) return `${where}.usage must be an object`;
  for (const k of ['input', 'output', 'cacheRead', 'cacheWrite']) {
    if (typeof u[k] !== 'number' || !Number.isFinite(u[k])) return `${where}.usage.${k} must be a number`;
  }
  return null;
}

function checkCost(c: unknown, where: string): string | null {
  if (c === undefined) return null;
  if (!isObj(c)) return `${where}.cost must be an object`;
  if (c.usd !== null && (typeof c.usd !== 'number' || !Number.isFinite(c.usd))) return `${where}.cost.usd must be a number or null`;
  if (!['list', 'user', 'unknown'].includes(c.basis as string)) return `${where}.cost.basis must be list, user or unknown`;
  if (c.cacheBasis !== undefined && !['listed', 'derived', 'input-rate'].includes(c.cacheBasis as string)) return `${where}.cost.cacheBasis must be listed, derived or input-rate`;
  return null;
}

function checkRatings(r: unknown, where: string): string | null {
  if (r === undefined) return null;
  if (!isObj(r)) return `${where}.ratings must be an object`;
  for (const [k, v] of Object.entries(r)) {
    if (!isObj(v) || !optNum(v.a) || !optNum(v.b)) return `${where}.ratings.${k} must be {a?: number, b?: number}`;
  }
  return null;
}

function checkSide(s: unknown, where: string): string | null {
  if (!isObj(s)) return `${where} must be an object`;
  if (!isStr(s.preset) || s.preset === '') return `${where}.preset must be a non-empty string`;
  if (!isStr(s.model) || s.model === '') return `${where}.model must be a non-empty string`;
  if (!['ok', 'truncated', 'failed'].includes(s.status as string)) return `${where}.status must be ok, truncated or failed`;
  if (s.route !== undefined && !SIDE_ROUTES.includes(s.route as never)) return `${where}.route is not a known route`;
  for (const k of ['baseUrlHost', 'title', 'errorKind', 'errorMessage', 'paperPick', 'draftHash', 'patchHash']) {
    if (!optStr(s[k])) return `${where}.${k} must be a string`;
  }
  if (!optNumOrNull(s.ttftMs) || !optNum(s.totalMs)) return `${where} timing must be numbers`;
  if (s.warm !== undefined && !isObj(s.warm)) return `${where}.warm must be an object`;
  return checkUsage(s.usage, where) ?? checkCost(s.cost, where);
}

function checkComparison(r: Obj): string | null {
  if (!isObj(r.repo) || !isStr(r.repo.name)) return 'repo.name must be a string';
  if (!optStr(r.repo.remote) || !optStr(r.repo.commit) || !optBool(r.repo.dirty)) return 'repo fields have wrong types';
  if (r.paper !== undefined && !isObj(r.paper)) return 'paper must be an object';
  if (r.mode !== 'pin' && r.mode !== 'selection') return 'mode must be pin or selection';
  if (!isObj(r.prompt)) return 'prompt must be an object';
  if (!optStr(r.manifestHash)) return 'manifestHash must be a string';
  if (!isObj(r.sides)) return 'sides must be {a, b}';
  const sideErr = checkSide(r.sides.a, 'sides.a') ?? checkSide(r.sides.b, 'sides.b');
  if (sideErr) return sideErr;
  if (typeof r.blind !== 'boolean' || typeof r.swapped !== 'boolean') return 'blind and swapped must be booleans';
  if (!VERDICTS.includes(r.verdict as never)) return `verdict must be one of ${VERDICTS.join(', ')}`;
  if (!optStr(r.notes) || !optStr(r.rater) || !optNum(r.timeToVerdictMs) || !optBool(r.imported)) return 'notes/rater/timeToVerdictMs/imported have wrong types';
  if (r.selection !== undefined && (!isObj(r.selection) || !optBool(r.selection.samePaper))) return 'selection.samePaper must be a boolean';
  return checkRatings(r.ratings, 'record');
}

const JUDGE_ANSWERS = ['A', 'B', 'TIE', 'BOTH_BAD', 'unparsed', 'failed'];

/** A judge record read from a file (maybe a teammate's): every field readers and reports touch has its type. */
function checkJudge(j: unknown): string | null {
  if (!isObj(j) || !isStr(j.preset) || !isStr(j.model) || !Array.isArray(j.orders)) return 'amend.judge must be {preset, model, outcome, orders}';
  if (!['consistent', 'inconsistent', 'unparsed', 'failed'].includes(j.outcome as string)) return 'amend.judge.outcome must be consistent, inconsistent, unparsed or failed';
  if (!optStr(j.baseUrlHost) || !optStr(j.promptVersion)) return 'amend.judge.baseUrlHost/promptVersion must be strings';
  if (j.sameFamily !== undefined && (!Array.isArray(j.sameFamily) || !j.sameFamily.every((s) => s === 'a' || s === 'b'))) return 'amend.judge.sameFamily must list sides a and b';
  if (j.orders.length > 2) return 'amend.judge has at most two orders (ab and ba)';
  for (const [i, o] of j.orders.entries()) {
    const where = `amend.judge.orders[${i}]`;
    if (!isObj(o)) return `${where} must be an object`;
    if (o.order !== 'ab' && o.order !== 'ba') return `${where}.order must be ab or ba`;
    if (!JUDGE_ANSWERS.includes(o.answer as string)) return `${where}.answer must be one of ${JUDGE_ANSWERS.join(', ')}`;
    if (o.verdict !== undefined && (o.verdict === 'pending' || !VERDICTS.includes(o.verdict as never))) return `${where}.verdict must be a, b, tie or both_bad`;
    for (const k of ['reason', 'errorKind', 'errorMessage', 'answerHash']) if (!optStr(o[k])) return `${where}.${k} must be a string`;
    if (!optNumOrNull(o.ttftMs) || !optNum(o.totalMs)) return `${where} timing must be numbers`;
    const err = checkUsage(o.usage, where) ?? checkCost(o.cost, where) ?? checkRatings(o.ratings, where);
    if (err) return err;
  }
  return null;
}

function checkAmend(r: Obj): string | null {
  if (!isStr(r.target) || r.target === '') return 'amend.target must be the id of a comparison';
  if (r.verdict !== undefined && !VERDICTS.includes(r.verdict as never)) return `verdict must be one of ${VERDICTS.join(', ')}`;
  if (!optStr(r.notes) || !optStr(r.rater) || !optNum(r.timeToVerdictMs)) return 'notes/rater/timeToVerdictMs have wrong types';
  if (r.judge !== undefined) {
    const err = checkJudge(r.judge);
    if (err) return err;
    if (!isStr(r.rater) || !r.rater.startsWith('judge:')) return 'an amend with judge must have rater judge:<preset>:<model>';
  }
  return checkRatings(r.ratings, 'amend');
}

/** Checks that a parsed (already migrated) object is a well-formed current record. */
export function validateRecord(raw: unknown): ValidationResult {
  if (!isObj(raw)) return { ok: false, error: 'not a JSON object' };
  if (typeof raw.schema !== 'number') return { ok: false, error: 'missing schema version' };
  if (!isStr(raw.id) || raw.id === '') return { ok: false, error: 'missing id' };
  if (!isStr(raw.time) || Number.isNaN(Date.parse(raw.time))) return { ok: false, error: 'time must be an ISO date string' };
  let err: string | null;
  if (raw.type === 'comparison') err = checkComparison(raw);
  else if (raw.type === 'amend') err = checkAmend(raw);
  else return { ok: false, error: `unknown record type ${JSON.stringify(raw.type)}` };
  if (err) return { ok: false, error: err };
  return { ok: true, record: raw as unknown as ComparisonRecord | AmendRecord };
}
