// A results file with recorded comparisons whose drafts are saved as blobs, for the judge tests and bench.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultsStore } from '../../../../src/core/results/resultsStore';
import { SCHEMA_VERSION, type ComparisonRecord, type Verdict } from '../../../../src/core/results/schema';

/** One pair to record: the two drafts, the human verdict, and optional side models. */
export interface PairSpec {
  id: string; a: string; b: string; verdict?: Verdict; sides?: { a: [string, string]; b: [string, string] }; failedB?: boolean; paperId?: string;
  /** The default paper's version (null: none recorded). */
  paperVersion?: string | null;
  swapped?: boolean;
  /** Records no check summary. */
  noChecks?: boolean;
}

/** Records the pairs in a fresh results file; `cleanup` removes the folder. */
export async function resultsWith(pairs: readonly PairSpec[]): Promise<{ store: ResultsStore; dir: string; records: ComparisonRecord[]; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pairwise-judge-'));
  const store = new ResultsStore(join(dir, 'results.jsonl'));
  const records: ComparisonRecord[] = [];
  let n = 0;
  for (const p of pairs) {
    const [pa, ma] = p.sides?.a ?? ['anthropic', 'claude-opus-4-7'];
    const [pb, mb] = p.sides?.b ?? ['zai', 'glm-5'];
    const rec: ComparisonRecord = {
      schema: SCHEMA_VERSION, type: 'comparison', id: p.id, time: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(),
      repo: { name: 'demo-repo' }, paper: p.paperId ? { id: p.paperId, title: 'A Paper' } : { id: '2401.00001', ...(p.paperVersion === null ? {} : { version: p.paperVersion ?? 'v1' }), title: 'A Paper' }, mode: 'pin', prompt: { templateVersion: 'pairwise-prompt/1' },
      sides: {
        a: { preset: pa, model: ma, status: 'ok', route: 'pr', draftHash: await store.saveBlob(p.id, 'draft-a.md', p.a) },
        b: p.failedB ? { preset: pb, model: mb, status: 'failed', route: 'failed', errorKind: 'rate_limit' }
          : { preset: pb, model: mb, status: 'ok', route: 'issue', draftHash: await store.saveBlob(p.id, 'draft-b.md', p.b) },
      },
      blind: true, swapped: p.swapped ?? false, verdict: p.verdict ?? 'pending', rater: 'dev',
    };
    if (!p.noChecks) rec.checks = { a: { grounded: 2, unverified: 0, newInPatch: 0, emptyClaims: 0, patchApplies: true, stubs: 0, deadModules: 0, testsPassed: null } };
    await store.append(rec);
    records.push(rec);
  }
  return { store, dir, records, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
