import type { EffectiveComparison } from '../results/foldAmends';
import type { Verdict } from '../results/schema';
import type { KappaRow } from './types';

const CATS: Verdict[] = ['a', 'b', 'tie', 'both_bad'];

/** Cohen's kappa for two label lists of equal length; null when undefined (no items, or chance agreement is 1). */
export function cohensKappa(x: readonly string[], y: readonly string[]): { observed: number | null; kappa: number | null } {
  const n = x.length;
  if (n === 0 || n !== y.length) return { observed: null, kappa: null };
  const cats = [...new Set([...x, ...y])];
  let agree = 0;
  for (let i = 0; i < n; i++) if (x[i] === y[i]) agree += 1;
  const po = agree / n;
  let pe = 0;
  for (const k of cats) pe += (x.filter((v) => v === k).length / n) * (y.filter((v) => v === k).length / n);
  return { observed: po, kappa: pe >= 1 ? null : (po - pe) / (1 - pe) };
}

/** Kappa for each pair of raters who judged the same comparisons (own verdict + second opinions). */
export function raterAgreement(comparisons: readonly EffectiveComparison[], smallBelow = 10): KappaRow[] {
  const pairs = new Map<string, { raters: [string, string]; x: string[]; y: string[] }>();
  for (const c of comparisons) {
    if (c.secondOpinions.length === 0) continue;
    const votes: { rater: string; verdict: Verdict }[] = [{ rater: c.rater ?? '(unnamed)', verdict: c.verdict }, ...c.secondOpinions];
    const decided = votes.filter((v) => CATS.includes(v.verdict));
    for (let i = 0; i < decided.length; i++) {
      for (let j = i + 1; j < decided.length; j++) {
        const [p, q] = decided[i].rater < decided[j].rater ? [decided[i], decided[j]] : [decided[j], decided[i]];
        if (p.rater === q.rater) continue;
        const key = `${p.rater}\u0000${q.rater}`;
        let e = pairs.get(key);
        if (!e) { e = { raters: [p.rater, q.rater], x: [], y: [] }; pairs.set(key, e); }
        e.x.push(p.verdict); e.y.push(q.verdict);
      }
    }
  }
  return [...pairs.values()].map((e) => {
    const k = cohensKappa(e.x, e.y);
    return { raters: e.raters, n: e.x.length, observedAgreement: k.observed, kappa: k.kappa, smallSample: e.x.length < smallBelow };
  });
}
