import { foldAmends, type EffectiveComparison } from '../results/foldAmends';
import { modelKey, type ResultRecord, type Verdict } from '../results/schema';
import type { ExportCount, ExportSkip } from './exportCount';
import { judgeVerdict } from '../stats/judges';

/** One rating in LLM Comparator's `individual_rater_scores` (score > 0 means model A is better). */
export interface LlmComparatorRating { score: number | null; rating_label: string | null; is_flipped: boolean | null; rationale: string | null; custom_fields: Record<string, string> }

/** One example in LLM Comparator's JSON. */
export interface LlmComparatorExample {
  input_text: string;
  tags: string[];
  output_text_a: string;
  output_text_b: string;
  score: number | null;
  individual_rater_scores: LlmComparatorRating[];
  rationale_list: { rationale: string; similarities: number[] }[];
  custom_fields: Record<string, string | number | null | (string | number | null)[]>;
}

/** The file LLM Comparator (PAIR-code/llm-comparator) loads: metadata, models [A, B], examples, rationale_clusters. */
export interface LlmComparatorFile {
  metadata: { source_path: string; custom_fields_schema: { name: string; type: string }[] };
  models: [{ name: string }, { name: string }];
  examples: LlmComparatorExample[];
  rationale_clusters: { id: number; title: string; aWinCount: number; bWinCount: number }[];
}

/** Export options: which pair (default: the most compared), and how to load draft texts saved as blobs. */
export interface LlmComparatorOptions {
  pair?: [string, string];
  readDraft?: (runId: string, hash: string) => Promise<string | null>;
  sourcePath?: string;
}

/** Export result: the file, or why there is nothing to export. */
export type LlmComparatorResult = { ok: true; file: LlmComparatorFile; skipped: number; count: ExportCount } | { ok: false; error: string; count: ExportCount };

const SCORE: Partial<Record<Verdict, number>> = { a: 1, b: -1, tie: 0, both_bad: 0 };
const LABEL: Partial<Record<Verdict, string>> = { a: 'A is better', b: 'B is better', tie: 'same', both_bad: 'both bad' };
const FLIPPED: Partial<Record<Verdict, Verdict>> = { a: 'b', b: 'a' };

/**
 * One rating in the export's orientation (A = `models[0]`): a verdict recorded the other way round is flipped, so
 * its score AND its label name the exported model, never the record's side or the screen slot.
 */
function rating(verdict: Verdict, flip: boolean, rest: Omit<LlmComparatorRating, 'score' | 'rating_label'>): LlmComparatorRating | null {
  const v = flip ? FLIPPED[verdict] ?? verdict : verdict;
  const score = SCORE[v];
  return score === undefined ? null : { score, rating_label: LABEL[v] ?? null, ...rest };
}

/** The example's score as upstream's writer computes it: the mean of its raters' scores (null without any). */
function meanScore(ratings: readonly LlmComparatorRating[]): number | null {
  const xs = ratings.map((r) => r.score).filter((x): x is number => x !== null);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

function mostCommonPair(cs: readonly EffectiveComparison[]): [string, string] | null {
  const counts = new Map<string, number>();
  for (const c of cs) {
    const k = [modelKey(c.sides.a), modelKey(c.sides.b)].sort().join('\u0000');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
  return best ? (best[0].split('\u0000') as [string, string]) : null;
}

/**
 * Comparisons of one model pair in LLM Comparator's JSON, oriented so model A is `pair[0]` (verdicts, scores and
 * labels flipped for comparisons recorded the other way round); an example's score is the mean of its ratings,
 * as upstream's Python writer computes it. Drafts are read from blobs when `readDraft` is given.
 */
export async function exportLlmComparator(records: Iterable<ResultRecord>, options: LlmComparatorOptions = {}): Promise<LlmComparatorResult> {
  const all = foldAmends(records);
  const cs = all.filter((c) => !c.imported);
  const imported = all.length - cs.length;
  const pair = options.pair ?? mostCommonPair(cs);
  const skips = (other: number): ExportSkip[] => [
    ...(imported ? [{ count: imported, reason: 'imported battles (no drafts to show)' }] : []),
    ...(other ? [{ count: other, reason: `of other model pairs (an export holds one pair${pair ? `, here ${pair[0]} vs ${pair[1]}` : ''}; choose another with --pair)` }] : []),
  ];
  if (!pair) return { ok: false, error: 'No comparisons to export.', count: { written: 0, unit: 'example', skipped: skips(0) } };
  const examples: LlmComparatorExample[] = [];
  let skipped = 0;
  let placeholders = 0;
  for (const c of cs) {
    const ka = modelKey(c.sides.a);
    const kb = modelKey(c.sides.b);
    let flip: boolean;
    if (ka === pair[0] && kb === pair[1]) flip = false;
    else if (ka === pair[1] && kb === pair[0]) flip = true;
    else { skipped += 1; continue; }
    const [sa, sb] = flip ? [c.sides.b, c.sides.a] : [c.sides.a, c.sides.b];
    const text = async (s: typeof sa): Promise<string> => {
      const body = s.draftHash && options.readDraft ? await options.readDraft(c.id, s.draftHash) : null;
      if (body !== null) return body;
      placeholders += 1;
      const head = `[${s.status === 'failed' ? `failed: ${s.errorKind ?? 'error'}` : (s.route ?? 'unparsed')}] ${s.title ?? ''}`.trim();
      return `${head}\n(draft text not available in this export)`;
    };
    // is_flipped: the rater saw the exported model A on the right (the comparison's screen layout, oriented).
    const own = rating(c.verdict, flip, { is_flipped: c.swapped !== flip, rationale: c.notes ?? null, custom_fields: { rater: c.rater ?? '' } });
    const ratings: LlmComparatorRating[] = own ? [own] : [];
    for (const o of c.secondOpinions) {
      const r = rating(o.verdict, flip, { is_flipped: null, rationale: null, custom_fields: { rater: o.rater } });
      if (r) ratings.push(r);
    }
    for (const o of c.judgeOpinions) {
      const v = judgeVerdict(o);
      // Which exported model the judge saw first in each order: `ab` shows sides.a first, which is model B when flipped.
      const reasons = o.judge.orders.filter((x) => x.reason).map((x) => `${(x.order === 'ab') !== flip ? 'A' : 'B'} shown first: ${x.reason}`);
      const r = v === null ? null : rating(v, flip, { is_flipped: null, rationale: reasons.length ? reasons.join('\n\n') : null,
        custom_fields: { rater: o.rater, kind: 'llm-judge', outcome: o.judge.outcome } });
      if (r) ratings.push(r);
    }
    const score = meanScore(ratings);
    const input = [`${c.repo.name}${c.paper?.title ? ` — ${c.paper.title}` : ''}`, `mode: ${c.mode}`].join('\n');
    examples.push({
      input_text: input, tags: [c.mode, c.repo.name], output_text_a: await text(sa), output_text_b: await text(sb), score,
      individual_rater_scores: ratings, rationale_list: [],
      custom_fields: { id: c.id, verdict: c.verdict, route: [sa.route ?? (sa.status === 'failed' ? 'failed' : null), sb.route ?? (sb.status === 'failed' ? 'failed' : null)],
        cost_usd: [sa.cost?.usd ?? null, sb.cost?.usd ?? null], total_ms: [sa.totalMs ?? null, sb.totalMs ?? null] },
    });
  }
  const count: ExportCount = { written: examples.length, unit: 'example', skipped: skips(skipped) };
  if (placeholders) count.note = `${placeholders} draft texts show a placeholder: their saved blobs are missing`;
  if (examples.length === 0) return { ok: false, error: `No comparisons of ${pair[0]} vs ${pair[1]}.`, count };
  return {
    ok: true, skipped, count,
    file: {
      metadata: { source_path: options.sourcePath ?? 'pairwise results.jsonl', custom_fields_schema: [
        { name: 'id', type: 'string' }, { name: 'verdict', type: 'category' }, { name: 'route', type: 'per_model_category' },
        { name: 'cost_usd', type: 'per_model_number' }, { name: 'total_ms', type: 'per_model_number' }] },
      models: [{ name: pair[0] }, { name: pair[1] }], examples, rationale_clusters: [],
    },
  };
}
