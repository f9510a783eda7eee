// Decided battles counted per ordered model pair and outcome. The Bradley–Terry fit, its bootstrap and each model's
// record depend on battles only through these counts, so a report over a million verdicts keeps a few numbers per pair
// instead of a million battle objects.

/** Counts of decided battles per ordered model pair (a as first seen, b second): a's wins, ties (½), a's losses. */
export class BattleTally {
  /** First model of each pair slot. */
  readonly a: string[] = [];
  /** Second model of each pair slot. */
  readonly b: string[] = [];
  /** Battles a won (y = 1), tied or both-bad (y = ½), lost (y = 0), per slot. */
  readonly wins: number[] = [];
  readonly ties: number[] = [];
  readonly losses: number[] = [];
  /** Every battle counted. */
  total = 0;
  private readonly slots = new Map<string, Map<string, number>>();

  /** Counts `n` (default one) battles of a vs b where a scored y (1, ½ or 0; any other value counts as a tie). */
  add(a: string, b: string, y: number, n = 1): void {
    let row = this.slots.get(a);
    if (!row) { row = new Map(); this.slots.set(a, row); }
    let s = row.get(b);
    if (s === undefined) {
      s = this.a.length;
      row.set(b, s);
      this.a.push(a); this.b.push(b); this.wins.push(0); this.ties.push(0); this.losses.push(0);
    }
    if (y === 1) this.wins[s] += n;
    else if (y === 0) this.losses[s] += n;
    else this.ties[s] += n;
    this.total += n;
  }

  /** Number of pair slots. */
  get size(): number { return this.a.length; }
}

/** Tallies a list of battles {a, b, y}. */
export function tallyBattles(battles: Iterable<{ a: string; b: string; y: number }>): BattleTally {
  const t = new BattleTally();
  for (const x of battles) t.add(x.a, x.b, x.y);
  return t;
}
