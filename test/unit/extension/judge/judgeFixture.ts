// A results file with recorded comparisons whose drafts are saved as blobs (the extension's judge tests): the core
// judge fixture's records without a paper version or check summaries.
import { foldAmends, type EffectiveComparison } from '../../../../src/core/results/foldAmends';
import type { ResultsStore } from '../../../../src/core/results/resultsStore';
import { resultsWith } from '../../core/judge/judgeFixture';

/** One pair: drafts and the sides' `[preset, model]`. */
export interface Pair { id: string; a: string; b: string; sides?: { a: [string, string]; b: [string, string] }; swapped?: boolean }

/** Records the pairs (pending, blind) in a fresh results file. */
export async function recorded(pairs: readonly Pair[]): Promise<{ store: ResultsStore; effective(): Promise<EffectiveComparison[]>; cleanup(): Promise<void> }> {
  const r = await resultsWith(pairs.map((p) => ({ ...p, paperVersion: null, noChecks: true })));
  return { store: r.store, effective: async () => foldAmends((await r.store.readAll()).records), cleanup: r.cleanup };
}
