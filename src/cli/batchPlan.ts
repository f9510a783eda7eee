// Plans a batch: matrix → cells (sharded), sides resolved with keys, papers loaded, one context per
// repo × paper set (shared by its pairs and repeats), and which cells a previous run already finished.
import type { Paper } from '../core/paper/types';
import type { ResolvedSide } from '../core/providers';
import type { ComparisonRecord, ResultRecord } from '../core/results';
import { loadOnePaper, uniquePaperIds } from '../core/paper/paperSources';
import { prepareRun, type PreparedRun } from '../core/session/prepare';
import { readRepoInfo } from '../core/session/repoInfo';
import { foldAmends, modelKey } from '../core/results';
import { battlesOf } from '../core/stats/headToHead';
import { orderToJudge } from '../core/stats/nextToJudge';
import type { Matrix, MatrixPaper } from './matrix';
import { duplicateCellIds, expandMatrix, shardCells, type Cell, type Shard } from './matrixCells';
import { estimatedInputCost, preloadProviderSdks, providerKey, resolveCliSide, sideConfigFrom } from './sides';

/** A cell ready to run: its sides, scheduling keys, and the shared context/repo identity. */
export interface PlannedCell {
  cell: Cell;
  id: string;
  a: ResolvedSide;
  b: ResolvedSide;
  providers: string[];
  context: PreparedRun;
  repo: ComparisonRecord['repo'];
}

/** A planned batch. `todo` excludes cells already done in the results file. */
export interface BatchPlan {
  /** Cells of this shard (done or not). */
  total: number;
  todo: PlannedCell[];
  alreadyDone: number;
  /** Cells whose last attempt failed (they run again). */
  retrying: number;
  /** Sum over todo cells of both sides' estimated input cost; unknown counts sides without a price. */
  estimate: { usd: number; unknownSides: number; tokens: number };
  /** Matrix problems worth a warning (e.g. a provider envKey that does not look like a key variable). */
  warnings: string[];
}

/** Planning failed: `usage` for matrix/flag/key problems (exit 2), otherwise a load/build error (exit 1). */
export type PlanResult = { ok: true; plan: BatchPlan } | { ok: false; usage: boolean; errors: string[] };

/** Latest comparison per cellId and whether it finished cleanly (no side failed). */
export function cellStatusFrom(records: readonly ResultRecord[]): Map<string, 'done' | 'failed'> {
  const status = new Map<string, 'done' | 'failed'>();
  for (const r of records) {
    if (r.type !== 'comparison') continue;
    const cell = (r as { cellId?: unknown }).cellId;
    if (typeof cell !== 'string') continue;
    status.set(cell, r.sides.a.status === 'failed' || r.sides.b.status === 'failed' ? 'failed' : 'done');
  }
  return status;
}

async function loadMatrixPaper(p: MatrixPaper, cwd: string, env: Record<string, string | undefined>): Promise<{ ok: true; paper: Paper } | { ok: false; error: string }> {
  return 'brief' in p ? loadOnePaper({ brief: p.brief, ...(p.title ? { title: p.title } : {}) }, cwd, env) : loadOnePaper(p.ref, cwd, env);
}

/** Builds the plan. Nothing is sent; contexts are built once per repo × paper set. */
export async function planBatch(m: Matrix, opts: { shard?: Shard; env: Record<string, string | undefined>; cwd: string; existing: readonly ResultRecord[] }): Promise<PlanResult> {
  const cfg = sideConfigFrom(m.providers, m.prices, opts.env);
  if (!cfg.ok) return { ok: false, usage: true, errors: cfg.errors };
  const all = expandMatrix(m);
  const dups = duplicateCellIds(all);
  if (dups.length) return { ok: false, usage: true, errors: ['The matrix lists the same repo, paper or pair twice (duplicate cells); remove the repeated entry.'] };
  const cells = shardCells(all, opts.shard);
  const sides = new Map<string, ResolvedSide>();
  const errors: string[] = [];
  m.pairs.forEach((p, i) => {
    for (const [which, text, url] of [['a', p.a, p.aBaseUrl], ['b', p.b, p.bBaseUrl]] as const) {
      const r = resolveCliSide(text, url, cfg.config, `pairs[${i}].${which}`);
      if (r.ok) sides.set(`${i}:${which}`, r.side);
      else errors.push(r.error);
    }
  });
  if (errors.length) return { ok: false, usage: true, errors: [...new Set(errors)] };
  preloadProviderSdks([...sides.values()]);
  const status = cellStatusFrom(opts.existing);
  const papers = new Map<string, Paper>();
  const contexts = new Map<string, PreparedRun>();
  const repos = new Map<string, ComparisonRecord['repo']>();
  const planned: PlannedCell[] = [];
  for (const cell of cells) {
    if (status.get(cell.id) === 'done') continue;
    const pairIndex = m.pairs.indexOf(cell.pair);
    const ctxKey = JSON.stringify([cell.repo.path, cell.papers.map((p) => p.key)]);
    if (!contexts.has(ctxKey)) {
      const loaded: Paper[] = [];
      for (const p of cell.papers) {
        if (!papers.has(p.key)) {
          const r = await loadMatrixPaper(p, opts.cwd, opts.env);
          if (!r.ok) return { ok: false, usage: false, errors: [`paper ${p.label}: ${r.error}`] };
          papers.set(p.key, r.paper);
        }
        loaded.push(papers.get(p.key) as Paper);
      }
      const built = await prepareRun({ repoRoot: cell.repo.path, mode: m.mode, papers: m.mode === 'selection' ? uniquePaperIds(loaded) : loaded, ...(m.budget ? { budgetTokens: m.budget } : {}) });
      if (!built.ok) return { ok: false, usage: false, errors: [`repo ${cell.repo.label}: ${built.error}`] };
      // The audit text duplicates the prompt; a batch does not need it, so only the prompt is kept in memory.
      contexts.set(ctxKey, { ...built.run, promptBytes: '' });
    }
    if (!repos.has(cell.repo.path)) repos.set(cell.repo.path, await readRepoInfo(cell.repo.path, cell.repo.name));
    const a = sides.get(`${pairIndex}:a`) as ResolvedSide;
    const b = sides.get(`${pairIndex}:b`) as ResolvedSide;
    planned.push({ cell, id: cell.id, a, b, providers: [providerKey(a), providerKey(b)], context: contexts.get(ctxKey) as PreparedRun,
      repo: repos.get(cell.repo.path) as ComparisonRecord['repo'] });
  }
  // Run order: the pairs whose verdicts most shrink the leaderboard's top-pair interval first (core/stats/nextToJudge),
  // so a batch stopped early (budget, Ctrl-C) has spent its cells where they decide the ranking.
  const todo = orderToJudge(planned, (p) => [modelKey(p.a.spec), modelKey(p.b.spec)], battlesOf(foldAmends(opts.existing)));
  const estimate = { usd: 0, unknownSides: 0, tokens: 0 };
  for (const p of todo) {
    const tokens = p.context.manifest.totals.tokens;
    estimate.tokens += 2 * tokens;
    for (const s of [p.a, p.b]) {
      const usd = estimatedInputCost(s, tokens);
      if (usd === null) estimate.unknownSides += 1;
      else estimate.usd += usd;
    }
  }
  const retrying = todo.filter((p) => status.get(p.id) === 'failed').length;
  return { ok: true, plan: { total: cells.length, todo, alreadyDone: cells.length - todo.length, retrying, estimate, warnings: cfg.config.warnings } };
}
