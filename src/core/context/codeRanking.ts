/** Ranks files for a query: BM25 over code and symbols, the import graph (personalized PageRank), path terms, recency. */
import type { SearchHit } from './codeSearch';
import { personalizedRank } from './importGraph';
import type { RankedFile } from './ranking';

/** Source code by extension. */
export const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|pyi|rs|go|java|kt|kts|swift|c|cc|cpp|cxx|h|hh|hpp|cs|rb|php|scala|clj|ex|exs|hs|ml|lua|jl|r|m|mm|zig|dart|vue|svelte|sh|bash|zsh|ps1|fish|sql|proto)$/i;
/** Tests by path. */
export const TEST_PATH = /(^|\/)(tests?|__tests__|spec|e2e|fixtures?|testdata)\/|\.(test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$|_test\.(go|py)$/i;
/** Documentation by path. */
export const DOC_PATH = /\.(md|mdx|rst|txt|adoc)$|(^|\/)(docs?|site)\//i;

/** The kind of a file, as the ranking and the budget treat it. */
export type FileKind = 'source' | 'test' | 'doc' | 'other';

const kinds = new Map<string, FileKind>();

/** Classifies a path (remembered: every stage of a build asks about the same paths). */
export function fileKind(path: string): FileKind {
  let k = kinds.get(path);
  if (k === undefined) {
    const doc = DOC_PATH.test(path);
    k = SOURCE_EXT.test(path) && !doc ? (TEST_PATH.test(path) ? 'test' : 'source') : doc ? 'doc' : 'other';
    if (kinds.size >= 200_000) kinds.clear();
    kinds.set(path, k);
  }
  return k;
}

const KIND_FACTOR: Record<FileKind, number> = { source: 1, test: 0.45, doc: 0.35, other: 0.3 };

/**
 * Re-scores the prior ranking (docs/manifests/entry points, kept as a tie-breaker) by the query's search hits and the
 * import graph. Scores are rounded to 0.01 so the order is stable across platforms.
 */
export function rankForQuery(prior: RankedFile[], hits: Map<string, SearchHit>, edges: Map<string, Set<string>>, recent: string[]): RankedFile[] {
  const code: string[] = [];
  const textPrior = new Map<string, number>();
  // Each file's kind, looked up once for both passes.
  const kinds: FileKind[] = new Array<FileKind>(prior.length);
  for (let i = 0; i < prior.length; i++) {
    const f = prior[i];
    const kind = (kinds[i] = fileKind(f.path));
    if (kind !== 'source' && kind !== 'test') continue;
    code.push(f.path);
    const h = hits.get(f.path);
    if (h) textPrior.set(f.path, h.score * KIND_FACTOR[kind]);
  }
  const damping = 0.5;
  const rank = personalizedRank(code, edges, textPrior, damping);
  let total = 0;
  for (const v of textPrior.values()) total += v;
  const importers = new Map<string, string[]>();
  for (const [from, tos] of edges) {
    if (!textPrior.has(from)) continue;
    for (const to of tos) {
      const list = importers.get(to);
      if (list) list.push(from);
      else importers.set(to, [from]);
    }
  }
  const recentPos = new Map(recent.map((p, i) => [p, i]));
  const shared: RankContext = { importers, textPrior };
  const n = prior.length;
  const out: RankedFile[] = new Array<RankedFile>(n);
  for (let i = 0; i < n; i++) {
    const f = prior[i];
    const kind = kinds[i];
    const h = hits.get(f.path);
    const textScore = h ? h.score * KIND_FACTOR[kind] : 0;
    const r = rank.get(f.path);
    const inflow = r === undefined ? 0 : Math.max(0, r * total - (1 - damping) * textScore);
    let score = textScore + 0.6 * inflow;
    const rp = recentPos.get(f.path);
    const recentHit = rp !== undefined && score > 0;
    if (recentHit) score += 1.5 * (1 - rp / Math.max(50, recent.length));
    // The prior ranking (readme, manifests, entry points) orders what the query did not reach, and breaks ties.
    score += Math.max(0, f.score) / 400 + (n - i) / (n * 1000);
    const rounded = Math.round(score * 100) / 100;
    // The reasons are written only for the files that are sent (the manifest shows them); most never are.
    out[i] = new QueryRanked(f, rounded, { hit: h, inflow, recentHit, kind }, shared);
  }
  return out.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What every file's reasons read: who imports a file, and the matched files' text scores. */
interface RankContext {
  importers: Map<string, string[]>;
  textPrior: Map<string, number>;
}

/** What one file's reasons are written from. */
interface RankFacts {
  hit: SearchHit | undefined;
  inflow: number;
  recentHit: boolean;
  kind: FileKind;
}

/** A ranked file whose reasons are written when first read (then kept). */
class QueryRanked implements RankedFile {
  readonly path: string;
  readonly size: number;
  readonly absPath: string;
  readonly dev?: number;
  readonly ino?: number;
  readonly terms?: string[];
  private written?: string[];

  constructor(private readonly prior: RankedFile, readonly score: number, private readonly facts: RankFacts, private readonly ctx: RankContext) {
    this.path = prior.path;
    this.size = prior.size;
    this.absPath = prior.absPath;
    // The device and inode the listing read: whole reads of a query-ranked file are checked against them too.
    if (prior.ino !== undefined) {
      this.dev = prior.dev;
      this.ino = prior.ino;
    }
    if (prior.terms) this.terms = prior.terms;
  }

  get reasons(): string[] {
    return (this.written ??= this.write());
  }

  private write(): string[] {
    const { hit: h, inflow, recentHit, kind } = this.facts;
    const reasons: string[] = [];
    if (h) {
      if (h.defines.length) reasons.push(`defines ${h.defines.slice(0, 4).join(', ')}`);
      if (h.terms.length) reasons.push(`terms: ${h.terms.slice(0, 6).join(', ')}`);
      if (h.pathTerms.length) reasons.push(`path terms: ${h.pathTerms.slice(0, 4).join(', ')}`);
    }
    if (inflow > 0.05) {
      const tp = this.ctx.textPrior;
      const by = [...(this.ctx.importers.get(this.path) ?? [])].sort((a, b) => (tp.get(b) ?? 0) - (tp.get(a) ?? 0));
      if (by.length) reasons.push(`used by ${by.slice(0, 2).join(', ')}${by.length > 2 ? ` (+${by.length - 2})` : ''}`);
    }
    if (recentHit) reasons.push('recently changed');
    // The prior ranking (readme, manifests, entry points) orders what the query did not reach, and breaks ties.
    for (const x of this.prior.reasons) if (x !== 'source' && x !== 'other text' && x !== 'recently changed' && !x.startsWith('paper terms')) reasons.push(x);
    if (reasons.length === 0) reasons.push(kind === 'source' ? 'source' : kind);
    reasons.unshift(`score ${this.score.toFixed(2)}`);
    return reasons;
  }
}
