import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedJudgeContext } from '../../../../src/core/judge/judgeQueue';
import { hashPromptPrefix } from '../../../../src/core/prompt/assemblePrompt';
import type { PromptBlock } from '../../../../src/core/prompt/types';
import { ResultsStore } from '../../../../src/core/results/resultsStore';
import { saveRecordBlobs } from '../../../../src/core/session/record';
import type { ContextManifest } from '../../../../src/core/context/types';
import { makeComparison } from '../../../fixtures/results/makeRecord';

const SYSTEM = 'You are a careful engineer.';
const BLOCKS: PromptBlock[] = [{ kind: 'repo', text: '<file path="src/a.py">def alpha(): pass</file>' }, { kind: 'paper', text: 'Paper: caching tables.' }];
const MANIFEST = { schema: 'pairwise-manifest/1', files: [], papers: [] } as unknown as ContextManifest;

test('a recorded comparison keeps its prompt prefix; a later judge reads it byte for byte, and not once it was altered', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pairwise-prefix-'));
  try {
    const store = new ResultsStore(join(dir, 'results.jsonl'));
    const blobs = await saveRecordBlobs(store, 'c-prefix', { a: undefined, b: undefined }, MANIFEST, { system: SYSTEM, blocks: BLOCKS });
    assert.ok(blobs.prefixBlob, 'the prefix is saved as a blob');
    const rec = makeComparison({ id: 'c-prefix', manifestHash: blobs.manifestHash, prompt: { templateVersion: 't', prefixHash: hashPromptPrefix(SYSTEM, BLOCKS), prefixBlob: blobs.prefixBlob } });
    const ctx = await storedJudgeContext(rec, store);
    assert.deepEqual(ctx.prompt, { system: SYSTEM, blocks: BLOCKS });
    assert.ok(ctx.manifest, 'the manifest comes too');

    const other = makeComparison({ id: 'c-prefix', manifestHash: blobs.manifestHash, prompt: { templateVersion: 't', prefixHash: 'f'.repeat(64), prefixBlob: blobs.prefixBlob } });
    assert.equal((await storedJudgeContext(other, store)).prompt, undefined, 'a prefix that no longer hashes to the record\'s prefixHash is not used');

    await writeFile(join(dir, 'runs', 'c-prefix', `${blobs.prefixBlob}.txt`), '{"system": 1}');
    const damaged = await storedJudgeContext(rec, store);
    assert.equal(damaged.prompt, undefined, 'a damaged blob falls back to the manifest summary');
    assert.ok(damaged.manifest);
  } finally { await rm(dir, { recursive: true, force: true }); }
});
