// Folding a results file as it streams, for reports over a million records: each comparison becomes its effective
// view as it is read (no second copy of every record), equal small sub-records (an imported battle's bare sides, the
// repo, the prompt) are shared between comparisons, and only amends wait for the end (they apply in time order). The
// result equals latestPerCell → filterRecords → foldAmendsDetailed over readAll's records (foldStream.test.ts).
import { stat } from 'node:fs/promises';
import { matchesFilter, type RecordFilter } from './filterRecords';
import { applyAmends, NO_OPINIONS, type EffectiveComparison, type OrderedAmend } from './foldAmends';
import { DELETED, FoldTable, MATCHED, NEEDED, OBJECT } from './foldTable';
import { matchImportedLine, parts } from './importedLine';
import type { ReadProblem } from './parseRecordLine';
import { readResultBatches, type ReadOptions } from './readResults';
import { isJudgeRater, type AmendRecord, type ComparisonRecord, type Verdict } from './schema';

/** Imported battles no amend touched, counted per sides pair and verdict instead of one object each. */
export interface BareBattles {
  /** Battles counted here, and how many of them are pending. */
  count: number; pending: number;
  /** One group per sides pair and verdict, in file order of its first battle (`first`, its line number). */
  groups: { sides: ComparisonRecord['sides']; verdict: Verdict; count: number; first: number }[];
  /** The line number of each comparison of the folded list (where it sits among the groups' battles). */
  positions: Float64Array;
  /** Judges that answered on some of these or other imported battles without the answer being kept (see slimJudge). */
  judgeRaters: string[];
}

/**
 * Comparisons after amends, how many amends target them, and the unusable lines (the first `keptProblems`); with
 * `compact`, the imported battles no amend touched are in `bare` instead of `comparisons`.
 */
export interface FoldedResults { comparisons: EffectiveComparison[]; bare: BareBattles | null; amends: number; problems: ReadProblem[]; problemCount: number }

/** Options: the report's filter, reader options, how many problems to keep (all are counted), and whether to count untouched imported battles (`bare`). */
export interface FoldStreamOptions { filter?: RecordFilter; read?: ReadOptions; keptProblems?: number; compact?: boolean }

const LEAF = Symbol('leaf');
type Trie = Map<unknown, Trie | object>;

/** Shares equal flat records (only primitive values, only known keys) between comparisons; shared ones are frozen. */
class Interner {
  private readonly roots = new Map<string, Trie>();

  /** The shared copy of `obj` when its own keys are among `keys` with primitive values, else `obj` itself. */
  flat<T extends object>(kind: string, obj: T | undefined, keys: readonly string[]): T | undefined {
    if (obj === undefined || obj === null || typeof obj !== 'object') return obj;
    let own = 0;
    for (const k in obj) if (Object.hasOwn(obj, k)) own += 1;
    let node = this.roots.get(kind);
    if (!node) { node = new Map(); this.roots.set(kind, node); }
    let present = 0;
    for (const k of keys) {
      const v = (obj as Record<string, unknown>)[k];
      if (v !== undefined) {
        if (v === null || typeof v === 'object' || typeof v === 'function') return obj;
        present += 1;
      }
      let next = node.get(v) as Trie | undefined;
      if (!next) { next = new Map(); node.set(v, next); }
      node = next;
    }
    if (present !== own) return obj;
    const shared = node.get(LEAF) as T | undefined;
    if (shared) return shared;
    node.set(LEAF, Object.freeze(obj));
    return obj;
  }

  /** The shared `{a, b}` for two already shared sides (by identity), else `sides` itself. */
  pair<T extends { a: object; b: object }>(sides: T, sharedA: boolean, sharedB: boolean): T {
    if (!sharedA || !sharedB || Object.keys(sides).length !== 2) return sides;
    let node = this.roots.get('\u0000sides');
    if (!node) { node = new Map(); this.roots.set('\u0000sides', node); }
    let row = node.get(sides.a) as Trie | undefined;
    if (!row) { row = new Map(); node.set(sides.a, row); }
    const shared = row.get(sides.b) as T | undefined;
    if (shared) return shared;
    row.set(sides.b, Object.freeze(sides));
    return sides;
  }
}

const SIDE_KEYS = ['preset', 'model', 'status', 'route', 'baseUrlHost'] as const;
const REPO_KEYS = ['name', 'remote', 'commit', 'dirty'] as const;
const PROMPT_KEYS = ['templateVersion', 'prefixHash'] as const;
const PAPER_KEYS = ['id', 'version', 'title', 'hash'] as const;

/** The record as its effective comparison (no amends yet), sharing equal sub-records; mutates and returns `r`. */
function effective(r: ComparisonRecord, intern: Interner): EffectiveComparison {
  const c = r as EffectiveComparison;
  if (c.sides !== null && typeof c.sides === 'object') {
    const a = intern.flat('side', c.sides.a, SIDE_KEYS) as ComparisonRecord['sides']['a'];
    const b = intern.flat('side', c.sides.b, SIDE_KEYS) as ComparisonRecord['sides']['b'];
    const sharedA = a !== c.sides.a || Object.isFrozen(a);
    const sharedB = b !== c.sides.b || Object.isFrozen(b);
    c.sides.a = a; c.sides.b = b;
    c.sides = intern.pair(c.sides, sharedA, sharedB);
  }
  c.repo = intern.flat('repo', c.repo, REPO_KEYS) as ComparisonRecord['repo'];
  c.prompt = intern.flat('prompt', c.prompt, PROMPT_KEYS) as ComparisonRecord['prompt'];
  if (c.paper !== undefined) c.paper = intern.flat('paper', c.paper, PAPER_KEYS);
  c.amendCount = 0;
  c.secondOpinions = NO_OPINIONS;
  c.judgeOpinions = NO_OPINIONS;
  return c;
}

/**
 * Reads and folds a results file in one pass: superseded batch attempts dropped (latestPerCell), comparisons outside
 * `filter` left out with their amends, duplicate ids keeping their first record, amends applied in time order.
 * Imported battles in import's layout are read as bytes into a FoldTable, not objects. (An id shared by a comparison
 * and an amend — never written by Pairwise — is not deduplicated across the two kinds.)
 */
export async function foldResultsFile(file: string, options: FoldStreamOptions = {}): Promise<FoldedResults> {
  const filter = options.filter && Object.values(options.filter).some((v) => v !== undefined) ? options.filter : null;
  const keep = options.keptProblems ?? 100;
  const intern = new Interner();
  // Sized for a file of imported battles (~330 bytes a line); unused room is never paged in.
  const table = new FoldTable(Math.ceil((await stat(file).then((s) => s.size, () => 0)) / 300));
  const objects: EffectiveComparison[] = [];
  const cells: [string, string][] = [];
  // `at`: a judge's answer on an imported battle read before it (see slimJudge), kept without its judge record.
  const pending: (OrderedAmend & { at?: number })[] = [];
  const compact = options.compact === true;
  const problems: ReadProblem[] = [];
  let problemCount = 0;
  const takeLine = (buf: Buffer, start: number, end: number, line: number): boolean => {
    if (!matchImportedLine(buf, start, end)) return false;
    const h = parts.idHash;
    let p = table.find(buf, parts.idStart, parts.idEnd, h);
    const time = filter ? buf.toString('latin1', parts.timeStart, parts.timeEnd) : '';
    if (p < 0) p = table.addImported(buf, h, line);
    if (filter && matchesFilter({ repo: { name: 'imported' }, mode: 'pin', time } as ComparisonRecord, filter)) table.flags[p] |= MATCHED;
    return true;
  };
  for await (const batch of readResultBatches(file, { ...options.read, takeLine })) {
    for (const e of batch) {
      if (!e.ok) { problemCount += 1; if (problems.length < keep) problems.push(e.problem); continue; }
      const r = e.record;
      if (r.type === 'amend') {
        const at = compact ? slimJudge(table, r, e.line) : -1;
        pending.push(at < 0 ? { a: r, order: pending.length } : { a: { schema: r.schema, type: 'amend', id: r.id, target: r.target, time: r.time, rater: r.rater }, order: pending.length, at });
        continue;
      }
      const cell = (r as { cellId?: unknown }).cellId;
      if (typeof cell === 'string') cells.push([cell, r.id]);
      const { p, first } = table.addObject(r.id, objects.length, e.line);
      if (first) objects.push(effective(r, intern));
      // As filterRecords: an id is kept when any comparison with it matches; its first record is the one folded.
      if (filter && matchesFilter(r, filter)) table.flags[p] |= MATCHED;
    }
  }
  const { flags } = table;
  if (filter) for (let p = 0; p < table.size; p++) if (!(flags[p] & MATCHED)) flags[p] |= DELETED;
  // Batch attempts that a later attempt of the same cell superseded, with every record of their id.
  if (cells.length) {
    const last = new Map<string, string>();
    for (const [cell, id] of cells) last.set(cell, id);
    for (const [cell, id] of cells) if (last.get(cell) !== id) flags[table.ids.findString(id)] |= DELETED;
  }
  const amends: OrderedAmend[] = [];
  const seen = new Set<string>();
  const judges = new Set<string>();
  let counted = 0;
  for (const x of pending) {
    const p = x.at ?? table.ids.findString(x.a.target);
    if (p < 0 || flags[p] & DELETED) continue;
    counted += 1;
    if (seen.has(x.a.id)) continue;
    seen.add(x.a.id);
    if (x.at !== undefined) { judges.add(x.a.rater ?? ''); continue; }
    amends.push(x);
    flags[p] |= NEEDED;
  }
  const { comparisons, bare } = gather(table, objects, compact);
  if (bare) bare.judgeRaters = [...judges];
  applyAmends(new Map(comparisons.map((c) => [c.id, c])), amends);
  return { comparisons, bare, amends: counted, problems, problemCount };
}

/** The kept comparisons in file order: objects, and imported battles an amend needs (all of them unless `compact`); the rest counted. */
function gather(table: FoldTable, objects: EffectiveComparison[], compact: boolean): { comparisons: EffectiveComparison[]; bare: BareBattles | null } {
  const { flags, ref } = table;
  const comparisons: EffectiveComparison[] = [];
  const positions: number[] = [];
  const groups = new Map<number, BareBattles['groups'][number]>();
  let count = 0, pendingCount = 0;
  const line = table.line;
  for (const p of table.inFileOrder()) {
    const f = flags[p];
    if (f & DELETED) continue;
    if (f & OBJECT) comparisons.push(objects[ref[p]]);
    else if (!compact || f & NEEDED) comparisons.push(table.materialize(p));
    else {
      const verdict = table.verdictOf(p);
      const key = ref[p] * 8 + VERDICT_INDEX[verdict];
      const g = groups.get(key);
      if (g) g.count += 1;
      else groups.set(key, { sides: table.pairs[ref[p]], verdict, count: 1, first: line[p] });
      count += 1;
      if (verdict === 'pending') pendingCount += 1;
      continue;
    }
    positions.push(line[p]);
  }
  if (!compact) return { comparisons, bare: null };
  return { comparisons, bare: { count, pending: pendingCount, groups: [...groups.values()].sort((x, y) => x.first - y.first), positions: Float64Array.from(positions), judgeRaters: [] } };
}

/**
 * The position of the imported battle a judge's answer targets, when the battle was read before it (so no later
 * record can replace it as the first of its id), else -1. Such an answer is counted and its judge named, but its
 * record is not kept: no statistic reads a judge's answer on an imported battle (judges and prediction-powered
 * estimates compare judges with people's verdicts on own runs), and a million-battle file has one on many.
 */
function slimJudge(table: FoldTable, a: AmendRecord, line: number): number {
  if (a.judge === undefined || !isJudgeRater(a.rater)) return -1;
  const p = table.ids.findString(a.target);
  return p >= 0 && !(table.flags[p] & OBJECT) && table.line[p] < line ? p : -1;
}

const VERDICT_INDEX: Record<Verdict, number> = { a: 0, b: 1, tie: 2, both_bad: 3, pending: 4 };
