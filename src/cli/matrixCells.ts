// Expands a matrix into cells with stable ids, and picks one shard of them. Pure; could live in core.
import { createHash } from 'node:crypto';
import type { Matrix, MatrixPair, MatrixPaper, MatrixRepo } from './matrix';

/** One unit of batch work: one pair run on one repo with one paper (or the pool), one repeat. */
export interface Cell {
  /** sha256 of repo label + paper key(s) + pair + mode + repeat, 16 hex chars. Stable across runs and machines. */
  id: string;
  /** Position in expansion order (repos × papers × pairs × repeats). */
  index: number;
  repo: MatrixRepo;
  /** Pin mode: the one paper. Selection mode: the whole pool. */
  papers: MatrixPaper[];
  pair: MatrixPair;
  /** 0-based repeat number. */
  repeat: number;
  mode: 'pin' | 'selection';
}

/** Stable id of a cell from its identity (not from its position, so editing the matrix keeps old ids). */
export function cellId(repoLabel: string, paperKeys: string[], pair: Pick<MatrixPair, 'a' | 'b'>, mode: string, repeat: number): string {
  const identity = JSON.stringify(['pairwise-cell/1', repoLabel, paperKeys, pair.a, pair.b, mode, repeat]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** Every cell of the matrix in a fixed order; ids are unique (a duplicated axis entry is an error upstream). */
export function expandMatrix(m: Matrix): Cell[] {
  const paperSets: MatrixPaper[][] = m.mode === 'selection' ? [m.papers] : m.papers.map((p) => [p]);
  const cells: Cell[] = [];
  for (const repo of m.repos) {
    for (const papers of paperSets) {
      for (const pair of m.pairs) {
        for (let repeat = 0; repeat < m.repeats; repeat++) {
          const id = cellId(repo.label, papers.map((p) => p.key), pair, m.mode, repeat);
          cells.push({ id, index: cells.length, repo, papers, pair, repeat, mode: m.mode });
        }
      }
    }
  }
  return cells;
}

/** Ids that occur more than once (the matrix lists the same repo, paper or pair twice). */
export function duplicateCellIds(cells: readonly Cell[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of cells) (seen.has(c.id) ? dup : seen).add(c.id);
  return [...dup];
}

/** A shard `i/n` (1-based i). */
export interface Shard { index: number; count: number }

/** Parses `--shard i/n` (1 ≤ i ≤ n); the error says how to write it. */
export function parseShard(s: string): Shard | { error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) return { error: `--shard must look like i/n (e.g. 2/4), not "${s}".` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return { error: `--shard ${s}: i must be between 1 and n.` };
  return { index, count };
}

/** The cells of one shard: every n-th cell by expansion index, so shards are balanced and disjoint. */
export function shardCells(cells: readonly Cell[], shard: Shard | undefined): Cell[] {
  if (!shard || shard.count === 1) return [...cells];
  return cells.filter((c) => c.index % shard.count === shard.index - 1);
}
