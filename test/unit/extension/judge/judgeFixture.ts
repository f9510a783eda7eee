// A results file with recorded comparisons whose drafts are saved as blobs (the extension's judge tests).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultsStore } from '../../../../src/core/results/resultsStore';
import { foldAmends, type EffectiveComparison } from '../../../../src/core/results/foldAmends';
import { SCHEMA_VERSION, type ComparisonRecord } from '../../../../src/core/results/schema';

/** One pair: drafts and the sides' `[preset, model]`. */
export interface Pair { id: string; a: string; b: string; sides?: { a: [string, string]; b: [string, string] }; swapped?: boolean }

/** Records the pairs (pending, blind) in a fresh results file. */
export async function recorded(pairs: readonly Pair[]): Promise<{ store: ResultsStore; effective(): Promise<EffectiveComparison[]>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-edjudge-'));
  const store = new ResultsStore(join(dir, 'results.jsonl'));
  let n = 0;
  for (const p of pairs) {
    const [pa, ma] = p.sides?.a ?? ['anthropic', 'claude-opus-4-7'];
    const [pb, mb] = p.sides?.b ?? ['zai', 'glm-5'];
    const rec: ComparisonRecord = {
      schema: SCHEMA_VERSION, type: 'comparison', id: p.id, time: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(),
      repo: { name: 'demo-repo' }, paper: { id: '2401.00001', title: 'A Paper' }, mode: 'pin', prompt: { templateVersion: 'pairwise-prompt/1' },
      sides: {
        a: { preset: pa, model: ma, status: 'ok', route: 'pr', draftHash: await store.saveBlob(p.id, 'draft-a.md', p.a) },
        b: { preset: pb, model: mb, status: 'ok', route: 'issue', draftHash: await store.saveBlob(p.id, 'draft-b.md', p.b) },
      },
      blind: true, swapped: p.swapped ?? false, verdict: 'pending', rater: 'dev',
    };
    await store.append(rec);
  }
  return {
    store,
    effective: async () => foldAmends((await store.readAll()).records),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
