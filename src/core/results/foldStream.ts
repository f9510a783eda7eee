// Folding a results file as it streams, for reports over a million records: each comparison becomes its effective
// view as it is read (no second copy of every record), equal small sub-records (an imported battle's bare sides, the
// repo, the prompt) are shared between comparisons, and only amends wait for the end (they apply in time order). The
// result equals latestPerCell → filterRecords → foldAmendsDetailed over readAll's records (foldStream.test.ts).
import { matchesFilter, type RecordFilter } from './filterRecords';
import { applyAmends, NO_OPINIONS, type EffectiveComparison, type OrderedAmend } from './foldAmends';
import { fastImported, ImportedSides } from './fastImported';
import type { ReadProblem } from './parseRecordLine';
import { readResultBatches, type ReadOptions } from './readResults';
import type { ComparisonRecord } from './schema';

/** Comparisons after amends, how many amends target them, and the unusable lines (the first `keptProblems`). */
export interface FoldedResults { comparisons: EffectiveComparison[]; amends: number; problems: ReadProblem[]; problemCount: number }

/** Options: the report's filter, reader options, and how many problems to keep (all are counted). */
export interface FoldStreamOptions { filter?: RecordFilter; read?: ReadOptions; keptProblems?: number }

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
 * (An id shared by a comparison and an amend — never written by Pairwise — is not deduplicated across the two kinds.)
 */
export async function foldResultsFile(file: string, options: FoldStreamOptions = {}): Promise<FoldedResults> {
  const filter = options.filter && Object.values(options.filter).some((v) => v !== undefined) ? options.filter : null;
  const keep = options.keptProblems ?? 100;
  const intern = new Interner();
  const byId = new Map<string, EffectiveComparison>();
  const matched = new Set<string>();
  const cells: [string, string][] = [];
  const pending: OrderedAmend[] = [];
  const problems: ReadProblem[] = [];
  let problemCount = 0;
  const importedSides = new ImportedSides();
  const fastParse = (text: string): ComparisonRecord | null => fastImported(text, importedSides, NO_OPINIONS);
  for await (const batch of readResultBatches(file, { ...options.read, fastParse })) {
    for (const e of batch) {
      if (!e.ok) { problemCount += 1; if (problems.length < keep) problems.push(e.problem); continue; }
      const r = e.record;
      if (r.type === 'amend') { pending.push({ a: r, order: pending.length }); continue; }
      const cell = (r as { cellId?: unknown }).cellId;
      if (typeof cell === 'string') cells.push([cell, r.id]);
      // As filterRecords: an id is kept when any comparison with it matches; its first record is the one folded.
      if (filter && matchesFilter(r, filter)) matched.add(r.id);
      // A battle from the fast path is already its effective comparison (sharing the empty opinion list).
      if (!byId.has(r.id)) byId.set(r.id, (r as EffectiveComparison).judgeOpinions === NO_OPINIONS ? r as EffectiveComparison : effective(r, intern));
    }
  }
  if (filter) for (const id of byId.keys()) if (!matched.has(id)) byId.delete(id);
  // Batch attempts that a later attempt of the same cell superseded, with every record of their id.
  if (cells.length) {
    const last = new Map<string, string>();
    for (const [cell, id] of cells) last.set(cell, id);
    for (const [cell, id] of cells) if (last.get(cell) !== id) byId.delete(id);
  }
  const amends: OrderedAmend[] = [];
  const seen = new Set<string>();
  let counted = 0;
  for (const x of pending) {
    if (!byId.has(x.a.target)) continue;
    counted += 1;
    if (seen.has(x.a.id)) continue;
    seen.add(x.a.id);
    amends.push(x);
  }
  applyAmends(byId, amends);
  return { comparisons: [...byId.values()], amends: counted, problems, problemCount };
}
