// Human verdicts and LLM-judge labels per model pair, and the prediction-powered section of the report (one entry per judge).
import type { EffectiveComparison } from '../results/foldAmends';
import { isJudgeRater, modelKey } from '../results/schema';
import { scoreOfVerdict } from './headToHead';
import { PPI_MIN_LABELLED, ppiMean, type PpiMean } from './ppi';
import { ppiBradleyTerry, type PpiBradleyTerry } from './ppiBradleyTerry';

/** One pair's scores from its first model's side: human verdicts with the judge's labels on them, and judge-only labels. */
export interface PairLabels { models: [string, string]; y: number[]; fl: number[]; fu: number[] }

/** One pair under one judge: human-only and combined win rate (ties as ½). */
export interface PpiPair { models: [string, string]; mean: PpiMean }

/** Everything one judge's labels add. */
export interface PpiJudge {
  /** Rater name `judge:<preset>:<model>`. */
  judge: string;
  /** Comparisons with both a human verdict and this judge's answer. */
  both: number;
  /** Comparisons only this judge answered (no human verdict yet). */
  judgeOnly: number;
  pairs: PpiPair[];
  bt: PpiBradleyTerry;
}

/** The prediction-powered section: one entry per judge that answered at least one comparison. */
export interface PpiSection { judges: PpiJudge[]; minLabelled: number; method: string }

/** Judge raters that answered at least one comparison (or are named in `more`), sorted. */
export function judgeRaters(comparisons: readonly EffectiveComparison[], more: readonly string[] = []): string[] {
  const names = new Set<string>(more);
  for (const c of comparisons) for (const o of c.judgeOpinions) names.add(o.rater);
  return [...names].sort();
}

/**
 * Per pair, for one judge: the human verdicts of the pair's own (not imported) comparisons with the judge's label on
 * each (½ when the judge gave none: unparsed, failed or not run), and the judge's labels on comparisons still
 * pending (½ when unparsed or failed). Scores are from the alphabetically first model's side.
 */
export function pairLabels(comparisons: readonly EffectiveComparison[], judge: string): { pairs: PairLabels[]; both: number; judgeOnly: number } {
  const acc = new Map<string, PairLabels>();
  let both = 0, judgeOnly = 0;
  for (const c of comparisons) {
    if (c.imported) continue;
    const ka = modelKey(c.sides.a);
    const kb = modelKey(c.sides.b);
    if (ka === kb) continue;
    const op = c.judgeOpinions.find((o) => o.rater === judge);
    const human = isJudgeRater(c.rater) ? null : scoreOfVerdict(c.verdict); // a comparison filed under a judge's name is no human label
    if (human === null && !op) continue;
    const flipped = kb < ka;
    const models: [string, string] = flipped ? [kb, ka] : [ka, kb];
    const key = `${models[0]}\u0000${models[1]}`;
    let p = acc.get(key);
    if (!p) { p = { models, y: [], fl: [], fu: [] }; acc.set(key, p); }
    const orient = (s: number) => (flipped ? 1 - s : s);
    const f = orient(op?.verdict ? (scoreOfVerdict(op.verdict) ?? 0.5) : 0.5);
    if (human !== null) {
      p.y.push(orient(human)); p.fl.push(f);
      if (op) both += 1;
    } else { p.fu.push(f); judgeOnly += 1; }
  }
  const pairs = [...acc.values()].sort((x, y) => y.y.length + y.fu.length - (x.y.length + x.fu.length) || (x.models.join() < y.models.join() ? -1 : 1));
  return { pairs, both, judgeOnly };
}

/** Human-only vs prediction-powered win rates and Bradley–Terry scores for every judge in the comparisons (and `moreJudges`, judges of imported battles only). */
export function ppiSection(comparisons: readonly EffectiveComparison[], minLabelled = PPI_MIN_LABELLED, moreJudges: readonly string[] = []): PpiSection {
  const judges = judgeRaters(comparisons, moreJudges).map((judge): PpiJudge => {
    const { pairs, both, judgeOnly } = pairLabels(comparisons, judge);
    const rows = pairs.map((p) => ({ models: p.models, mean: ppiMean(p.y, p.fl, p.fu, minLabelled) }));
    return { judge, both, judgeOnly, pairs: rows, bt: ppiBradleyTerry(rows) };
  });
  return { judges, minLabelled,
    method: `PPI++ (power-tuned prediction-powered inference): λ·mean(judge on unjudged) + mean(human − λ·judge on judged), λ ∈ [0, 1] minimising the variance; normal 95% intervals; λ = 0 below ${minLabelled} human verdicts on a pair` };
}
