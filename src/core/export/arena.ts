import { createHash } from 'node:crypto';
import { foldAmends } from '../results/foldAmends';
import { modelKey, SCHEMA_VERSION, type ComparisonRecord, type ResultRecord, type Verdict } from '../results/schema';
import { csvDocument, parseCsv } from './csvFormat';
import { judgeVerdict } from '../stats/judges';

/** LMArena winner values (as in the chatbot_arena_conversations data set; arena-rank maps both ties to ½). */
export type ArenaWinner = 'model_a' | 'model_b' | 'tie' | 'tie (bothbad)';

/** One battle in LMArena's layout; model names are Pairwise's `preset:model` identities. */
export interface ArenaBattle { question_id: string; model_a: string; model_b: string; winner: ArenaWinner; tstamp: number; judge?: string }

const TO_ARENA: Partial<Record<Verdict, ArenaWinner>> = { a: 'model_a', b: 'model_b', tie: 'tie', both_bad: 'tie (bothbad)' };
const FROM_ARENA: Record<string, Verdict> = { model_a: 'a', model_b: 'b', tie: 'tie', 'tie (bothbad)': 'both_bad', both_bad: 'both_bad', bothbad: 'both_bad' };

/** Arena export options: `judges` adds each LLM judge's verdict as a battle of its own (judge = `judge:<preset>:<model>`). */
export interface ArenaExportOptions { judges?: boolean }

/**
 * Decided comparisons (after amends) as LMArena battles; pending ones are left out. People's verdicts only, unless
 * `judges` asks for the LLM judges' too (one more battle per judge verdict, same question_id, the judge named).
 */
export function toArenaBattles(records: Iterable<ResultRecord>, options: ArenaExportOptions = {}): ArenaBattle[] {
  const out: ArenaBattle[] = [];
  for (const c of foldAmends(records)) {
    const base = { question_id: c.id, model_a: modelKey(c.sides.a), model_b: modelKey(c.sides.b), tstamp: Date.parse(c.time) / 1000 };
    const winner = TO_ARENA[c.verdict];
    if (winner) out.push(c.rater ? { ...base, winner, judge: c.rater } : { ...base, winner });
    if (!options.judges) continue;
    for (const op of c.judgeOpinions) {
      const v = judgeVerdict(op);
      const w = v === null ? undefined : TO_ARENA[v];
      if (w) out.push({ ...base, winner: w, tstamp: Date.parse(op.time) / 1000, judge: op.rater });
    }
  }
  return out;
}

/** Battles as JSONL (`model_a, model_b, winner` plus id, time and judge). */
export function exportArenaJsonl(records: Iterable<ResultRecord>, options: ArenaExportOptions = {}): string {
  const lines = toArenaBattles(records, options).map((b) => JSON.stringify(b));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Battles as CSV with columns model_a, model_b, winner, question_id, tstamp, judge (readable by pandas / arena-rank). */
export function exportArenaCsv(records: Iterable<ResultRecord>, options: ArenaExportOptions = {}): string {
  return csvDocument(['model_a', 'model_b', 'winner', 'question_id', 'tstamp', 'judge'],
    toArenaBattles(records, options).map((b) => [b.model_a, b.model_b, b.winner, b.question_id, b.tstamp, b.judge]));
}

/**
 * Options for importing battles: fallback preset for names without one, the import time, and ids already in the
 * results file (a battle whose question_id is one of them is Pairwise's own export and is skipped).
 */
export interface ArenaImportOptions { preset?: string; now?: Date; skipIds?: { has(id: string): boolean } }

/** What turning one row into a record needs: the fallback preset, the import time, ids to skip, and the duplicate counter of question ids. */
export interface ArenaRowContext { preset: string; nowIso: string; skipIds?: { has(id: string): boolean }; nextDup(base: string): number }

/** A usable row's question id (as a string, when it has one) and base id (the question id, else a hash of `raw`), or why the row is skipped. */
export function arenaKeyOf(obj: Record<string, unknown>, raw: string): { qid: string | undefined; base: string } | string {
  const a = obj.model_a;
  const b = obj.model_b;
  if (typeof a !== 'string' || typeof b !== 'string' || !a || !b) return 'model_a and model_b must be non-empty strings';
  if (!FROM_ARENA[String(obj.winner)]) return `winner ${JSON.stringify(obj.winner)} is not model_a, model_b, tie or tie (bothbad)`;
  const q = obj.question_id ?? obj.id;
  const qid = typeof q === 'string' || typeof q === 'number' ? String(q) : undefined;
  return { qid, base: qid ?? createHash('sha256').update(raw).digest('hex').slice(0, 16) };
}

/** One battle row as an imported comparison, or why the row is skipped. `raw` identifies a row without a question_id. */
export function arenaRecordOf(obj: Record<string, unknown>, raw: string, ctx: ArenaRowContext): ComparisonRecord | string {
  const key = arenaKeyOf(obj, raw);
  if (typeof key === 'string') return key;
  if (key.qid !== undefined && ctx.skipIds?.has(key.qid)) return `battle ${key.qid} is already in the results file (a Pairwise export); skipped`;
  const a = obj.model_a as string;
  const b = obj.model_b as string;
  const verdict = FROM_ARENA[String(obj.winner)];
  const dup = ctx.nextDup(key.base);
  const id = `arena-${key.base}${dup ? `-${dup}` : ''}`;
  const time = arenaTime(obj.tstamp, ctx.nowIso);
  if (time === null) return `tstamp ${JSON.stringify(obj.tstamp)} is not a time (seconds since 1970 within JavaScript's date range); row skipped`;
  const rec: ComparisonRecord = { schema: SCHEMA_VERSION, type: 'comparison', id, time, repo: { name: 'imported' }, mode: 'pin', prompt: {},
    sides: { a: side(a, ctx.preset), b: side(b, ctx.preset) }, blind: true, swapped: false, verdict, imported: true };
  if (typeof obj.judge === 'string' && obj.judge) rec.rater = obj.judge;
  return rec;
}

/** Imported comparisons, plus rows that could not be used (1-based line/row numbers). */
export interface ArenaImport { records: ComparisonRecord[]; problems: { line: number; message: string }[] }

function side(name: string, preset: string): ComparisonRecord['sides']['a'] {
  const i = name.indexOf(':');
  return i > 0 && i < name.length - 1 ? { preset: name.slice(0, i), model: name.slice(i + 1), status: 'ok' } : { preset, model: name, status: 'ok' };
}

/** Largest time a Date can hold, in ms since 1970 (ECMAScript's ±8.64e15). */
const MAX_DATE_MS = 8.64e15;

/** A row's tstamp (seconds since 1970) as ISO time: absent, empty or not positive = now; beyond a Date's range or not a number = null. */
function arenaTime(tstamp: unknown, nowIso: string): string | null {
  if (tstamp === undefined || tstamp === null || tstamp === '') return nowIso;
  const ms = Number(tstamp) * 1000;
  if (!Number.isFinite(ms) || ms > MAX_DATE_MS) return null;
  return ms > 0 ? new Date(ms).toISOString() : nowIso;
}

/**
 * Brings LMArena-style battles in as comparison records marked `imported` (verdict mapped from winner), so they
 * join the leaderboard and head-to-head tables. Ids are derived from the row (or its question_id), so importing
 * the same file twice yields the same ids and merging deduplicates them.
 */
export function importArena(text: string, format: 'csv' | 'jsonl', options: ArenaImportOptions = {}): ArenaImport {
  const preset = options.preset ?? 'arena';
  const nowIso = (options.now ?? new Date()).toISOString();
  const rows: { line: number; obj: Record<string, unknown>; raw: string }[] = [];
  const problems: ArenaImport['problems'] = [];
  if (format === 'jsonl') {
    text.split('\n').forEach((l, i) => {
      const t = l.trim();
      if (!t) return;
      try {
        const o = JSON.parse(t) as unknown;
        if (typeof o === 'object' && o !== null && !Array.isArray(o)) rows.push({ line: i + 1, obj: o as Record<string, unknown>, raw: t });
        else problems.push({ line: i + 1, message: 'not a JSON object' });
      } catch {
        problems.push({ line: i + 1, message: 'not valid JSON' });
      }
    });
  } else {
    const parsed = parseCsv(text);
    if (parsed.error) problems.push({ line: parsed.rows.length + 1, message: parsed.error });
    const [head, ...body] = parsed.rows;
    if (!head || !['model_a', 'model_b', 'winner'].every((h) => head.includes(h))) {
      return { records: [], problems: [{ line: 1, message: 'CSV header must include model_a, model_b and winner' }] };
    }
    body.forEach((cells, i) => rows.push({ line: i + 2, obj: Object.fromEntries(head.map((h, k) => [h, cells[k] ?? ''])), raw: cells.join('\u0000') }));
  }
  const seen = new Map<string, number>();
  const ctx: ArenaRowContext = { preset, nowIso, skipIds: options.skipIds, nextDup: (base) => { const d = seen.get(base) ?? 0; seen.set(base, d + 1); return d; } };
  const records: ComparisonRecord[] = [];
  for (const { line, obj, raw } of rows) {
    const r = arenaRecordOf(obj, raw, ctx);
    if (typeof r === 'string') problems.push({ line, message: r });
    else records.push(r);
  }
  problems.sort((x, y) => x.line - y.line);
  return { records, problems };
}
