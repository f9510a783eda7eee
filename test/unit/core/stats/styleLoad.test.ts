import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveBlob } from '../../../../src/core/results/blobStore';
import type { ComparisonRecord } from '../../../../src/core/results/schema';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { renderReportMarkdown } from '../../../../src/core/stats/reportMarkdown';
import { loadStyleFeatures } from '../../../../src/core/stats/styleLoad';

const side = (model: string, draftHash?: string, patchHash?: string) => ({ preset: 'p', model, status: 'ok' as const, draftHash, patchHash });
const rec = (id: string, a: ReturnType<typeof side>, b: ReturnType<typeof side>, verdict: ComparisonRecord['verdict']): ComparisonRecord =>
  ({ schema: 1, type: 'comparison', id, time: '2026-01-01T00:00:00Z', repo: { name: 'r' }, mode: 'pin', prompt: {}, sides: { a, b }, blind: true, swapped: false, verdict });

test('style features are read from the saved drafts; missing or damaged blobs leave the comparison out; the report shows the fit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-style-'));
  try {
    const file = join(dir, 'results.jsonl');
    const records: ComparisonRecord[] = [];
    for (let i = 0; i < 40; i++) {
      const id = `c${i}`;
      const long = `## Plan\n\n${'words '.repeat(200)}\n- a\n- b\n`;
      const short = 'short answer';
      const ha = await saveBlob(file, id, 'draft-a.md', i % 2 ? long : short);
      const hb = await saveBlob(file, id, 'draft-b.md', i % 2 ? short : long);
      const pa = await saveBlob(file, id, 'patch-a.diff', '--- a/x\n+++ b/x\n+1\n+2\n');
      records.push(rec(id, side('m1', ha, pa), side('m2', hb), i % 3 ? 'a' : 'b'));
    }
    records.push(rec('missing', side('m1', 'f'.repeat(64)), side('m2', 'e'.repeat(64)), 'a'));
    const hb = await saveBlob(file, 'damaged', 'draft-b.md', 'x');
    const ha = await saveBlob(file, 'damaged', 'draft-a.md', 'y');
    await writeFile(join(dir, 'runs', 'damaged', `${ha}.txt`), 'edited');
    records.push(rec('damaged', side('m1', ha), side('m2', hb), 'a'));
    records.push({ ...rec('imported', side('m1', ha), side('m2', hb), 'a'), imported: true });
    const styles = await loadStyleFeatures(file, records);
    assert.equal(styles.size, 40);
    assert.equal(styles.get('c0')?.a.patchLines, 2);
    assert.equal(styles.get('c0')?.b.lists, 2);
    assert.equal(styles.get('c1')?.a.headers, 1);
    const stats = computeStats(records, { styles, bootstrapRounds: 5 });
    assert.equal(stats.styleControl?.battles, 40);
    assert.match(renderReportMarkdown(stats), /## Style and size control[\s\S]*prose length/);
    assert.equal(computeStats(records, { bootstrapRounds: 5 }).styleControl, null, 'no styles given, no fit');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
