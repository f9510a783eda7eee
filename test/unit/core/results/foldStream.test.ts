// The streaming fold (what `pairwise report` reads a results file with) against the path it replaces: readAll →
// latestPerCell → filterRecords → computeStats, on seeded random files with amends by the own rater, other raters
// and judges, duplicate ids, superseded batch attempts, imported battles, blank and broken lines, under filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importArena } from '../../../../src/core/export/arena';
import { filterRecords, type RecordFilter } from '../../../../src/core/results/filterRecords';
import { foldAmendsDetailed } from '../../../../src/core/results/foldAmends';
import { foldResultsFile } from '../../../../src/core/results/foldStream';
import { latestPerCell } from '../../../../src/core/results/latestPerCell';
import { readAllResults } from '../../../../src/core/results/readResults';
import type { ResultRecord, Verdict } from '../../../../src/core/results/schema';
import { computeStats, statsOfFolded } from '../../../../src/core/stats/computeStats';
import { seededRandom } from '../../../../src/core/stats/prng';
import { makeAmend, makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

const VERDICTS: Verdict[] = ['a', 'b', 'tie', 'both_bad', 'pending'];
const MODELS = [['anthropic', 'claude-opus'], ['zai', 'glm-5.2'], ['openai', 'gpt-5'], ['arena', 'qwen-coder']];

/** n seeded records of every kind, as JSONL lines (with a few blank and broken ones). */
function randomFile(seed: number, n: number): string {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  const ids: string[] = [];
  for (let k = 0; k < n; k++) {
    const u = rand();
    let r: ResultRecord;
    if (u < 0.5 || ids.length === 0) {
      const [pa, ma] = pick(MODELS), [pb, mb] = pick(MODELS);
      const imported = rand() < 0.5;
      r = makeComparison({ verdict: pick(VERDICTS), rater: pick(['ana', 'bob', undefined]), swapped: rand() < 0.5, mode: rand() < 0.5 ? 'pin' : 'selection',
        repo: imported ? { name: 'imported' } : { name: pick(['demo', 'other']), remote: 'https://example.invalid/x.git', commit: pick(['c1', 'c2']), dirty: false },
        sides: imported ? { a: { preset: pa, model: ma, status: 'ok' }, b: { preset: pb, model: mb, status: 'ok' } }
          : { a: makeSide({ preset: pa, model: ma, usage: { input: k, output: 2, cacheRead: 0, cacheWrite: 0 }, ttftMs: 100 + k }), b: makeSide({ preset: pb, model: mb, route: 'pr' }) },
        ...(imported ? { imported: true, prompt: {} } : {}) });
      if (rand() < 0.05 && ids.length) r.id = pick(ids); // duplicate id: the first record wins
      if (rand() < 0.1) (r as { cellId?: string }).cellId = `cell${Math.floor(rand() * 5)}`;
      ids.push(r.id);
      if (imported && rand() < 0.5) {
        // Exactly as `pairwise import` writes it (the fast path of the fold).
        const line = JSON.stringify({ question_id: `b${k}`, model_a: `${pa}:${ma}`, model_b: `${pb}:${mb}`, winner: pick(['model_a', 'model_b', 'tie', 'tie (bothbad)']), tstamp: 1.7e9 + k, ...(rand() < 0.5 ? { judge: 'ana' } : {}) });
        const rec = importArena(line, 'jsonl').records[0];
        ids.push(rec.id);
        lines.push(JSON.stringify(rec));
        continue;
      }
    } else if (u < 0.95) {
      const rater = pick(['ana', 'bob', 'cy', 'judge:zai:glm-5.2', undefined]);
      r = makeAmend(rand() < 0.05 ? 'no-such-comparison' : pick(ids), { verdict: pick(VERDICTS), rater, ...(rand() < 0.3 ? { notes: 'n', ratings: { grounded: { a: 3 } } } : {}),
        ...(rater?.startsWith('judge:') ? { judge: { preset: 'zai', model: 'glm-5.2', outcome: 'consistent', orders: [] } } : {}) });
      r.time = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 1e9)).toISOString();
    } else {
      lines.push(pick(['', '   ', '{"broken', '{"schema":1,"type":"comparison"}']));
      continue;
    }
    lines.push(JSON.stringify(r));
  }
  return `${lines.join('\n')}\n`;
}

test('streamed fold and stats equal readAll → latestPerCell → filterRecords → computeStats', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-foldstream-'));
  try {
    for (const seed of [1, 2, 3]) {
      const file = join(dir, `r${seed}.jsonl`);
      await writeFile(file, randomFile(seed, 1500));
      const { records, problems } = await readAllResults(file, { quarantine: false });
      for (const filter of [{}, { mode: 'pin' }, { repo: 'demo', since: '2026-01-01T10:00:00Z' }] as RecordFilter[]) {
        const kept = filterRecords(latestPerCell(records), filter);
        const folded = await foldResultsFile(file, { filter, read: { quarantine: false } });
        const ref = foldAmendsDetailed(kept);
        assert.deepEqual(folded.comparisons, ref.comparisons, `seed ${seed}, filter ${JSON.stringify(filter)}: comparisons`);
        assert.equal(folded.amends, kept.filter((r) => r.type === 'amend').length);
        assert.equal(folded.problemCount, problems.length);
        assert.ok(folded.comparisons.some((c) => c.judgeOpinions.length > 0) && folded.comparisons.some((c) => c.secondOpinions.length > 0));
        const want = computeStats(kept, { seed: 5, bootstrapRounds: 20 });
        const got = statsOfFolded({ comparisons: folded.comparisons, amends: folded.amends, orphanAmends: 0 }, { seed: 5, bootstrapRounds: 20 });
        assert.deepEqual(got, want, `seed ${seed}, filter ${JSON.stringify(filter)}: stats`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('imported battles share their bare sides, repo and prompt; shared parts are frozen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-foldstream-'));
  try {
    const file = join(dir, 'r.jsonl');
    const battle = (id: string) => makeComparison({ id, imported: true, repo: { name: 'imported' }, prompt: {}, verdict: 'a',
      sides: { a: { preset: 'arena', model: 'm1', status: 'ok' }, b: { preset: 'arena', model: 'm2', status: 'ok' } } });
    await writeFile(file, `${[battle('x1'), battle('x2'), makeComparison({ id: 'own' })].map((r) => JSON.stringify(r)).join('\n')}\n`);
    const { comparisons } = await foldResultsFile(file);
    const [x1, x2, own] = comparisons;
    assert.equal(x1.sides, x2.sides);
    assert.equal(x1.repo, x2.repo);
    assert.equal(x1.prompt, x2.prompt);
    assert.ok(Object.isFrozen(x1.sides) && Object.isFrozen(x1.sides.a));
    assert.notEqual(own.sides, x1.sides);
    assert.equal(x1.secondOpinions.length, 0);
    assert.throws(() => { (x1.secondOpinions as unknown[]).push(1); }, 'the shared empty opinion list cannot be pushed to');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
