// The report's fast path (foldResultsFile with `compact`: imported battles read as bytes and kept as counts) against
// the slow path (readAll → latestPerCell → filterRecords → computeStats, every line through JSON.parse and
// validation), on seeded mixed files full of unusual lines: near-miss imported layouts (escapes, non-ASCII names, CRLF,
// invalid or leap-day times, control characters, a judge-named rater), duplicate ids across both paths inside one
// chunk, amends before their battle, lines across chunk boundaries, oversize, torn and malformed lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filterRecords, type RecordFilter } from '../../../../src/core/results/filterRecords';
import { foldAmendsDetailed } from '../../../../src/core/results/foldAmends';
import { foldResultsFile } from '../../../../src/core/results/foldStream';
import { latestPerCell } from '../../../../src/core/results/latestPerCell';
import { readAllResults } from '../../../../src/core/results/readResults';
import { computeStats, statsOfFolded } from '../../../../src/core/stats/computeStats';
import { reportJson } from '../../../../src/core/stats/reportJson';
import { renderReportMarkdown } from '../../../../src/core/stats/reportMarkdown';
import { seededRandom } from '../../../../src/core/stats/prng';
import { makeAmend, makeComparison } from '../../../fixtures/results/makeRecord';

const NAMES = ['arena', 'm1', 'm2', 'm-3', 'x:y', 'ü-model'];
const VERDICTS = ['a', 'b', 'tie', 'both_bad', 'pending'] as const;

/** A battle line in `pairwise import`'s exact layout (the fast path), with an optional twist that may push it off it. */
function battleLine(id: string, time: string, pa: string, ma: string, pb: string, mb: string, verdict: string, rater?: string): string {
  return `{"schema":1,"type":"comparison","id":${JSON.stringify(id)},"time":"${time}","repo":{"name":"imported"},"mode":"pin","prompt":{},` +
    `"sides":{"a":{"preset":${JSON.stringify(pa)},"model":${JSON.stringify(ma)},"status":"ok"},"b":{"preset":${JSON.stringify(pb)},"model":${JSON.stringify(mb)},"status":"ok"}},` +
    `"blind":true,"swapped":false,"verdict":"${verdict}","imported":true${rater === undefined ? '' : `,"rater":${JSON.stringify(rater)}`}}`;
}

const TWISTS: ((l: string) => string)[] = [
  (l) => l.replace('"m1"', '"m\\u0031"'), // an escape: same record, slow path
  (l) => `${l}\r`, // CRLF
  (l) => l.replace(/"time":"[^"]+"/, '"time":"2024-02-29T12:00:00.000Z"'), // leap day (Date.parse)
  (l) => l.replace(/"time":"[^"]+"/, '"time":"2026-13-45T99:00:00.000Z"'), // invalid time: invalid line
  (l) => l.replace(/"time":"[^"]+"/, '"time":"2026-01-02"'), // a short valid date
  (l) => l.replace('"id":"', '"id":"\t'), // raw control character: malformed
  (l) => l.replace('"imported":true', '"imported":true,"notes":"x"'), // extra field
  (l) => l.replace('"verdict":"', '"verdict":"x'), // unknown verdict: invalid
  (l) => `${l} `, // trailing space: same record
  (l) => l.slice(0, -5), // torn JSON
];

/** n seeded lines: battles (fast layout, twisted, or written by makeComparison), own comparisons, amends, junk. */
function mixedFile(seed: number, n: number): string {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  const ids: string[] = [];
  const battles: string[] = [];
  for (let k = 0; k < n; k++) {
    const u = rand();
    if (u < 0.04 && battles.length) {
      // A judge that answered imported battles only (still named in the prediction-powered section).
      lines.push(JSON.stringify(makeAmend(pick(battles), { verdict: 'a', rater: 'judge:imp:only', judge: { preset: 'imp', model: 'only', outcome: 'consistent', orders: [] } })));
    } else if (u < 0.45) {
      const id = rand() < 0.06 && ids.length ? pick(ids) : rand() < 0.03 ? `ü${k}` : `b${k}`;
      const time = new Date(Date.UTC(2026, 0, 1) + k * 3_600_000).toISOString();
      const rater = pick([undefined, 'ana', 'bob', '', 'judge:zai:glm-5.2']);
      let line = battleLine(id, time, pick(NAMES), pick(NAMES), pick(NAMES), pick(NAMES), pick(VERDICTS), rater);
      if (rand() < 0.15) line = pick(TWISTS)(line);
      else if (!ids.includes(id) && !/[^\x20-\x7e]/.test(line)) battles.push(id); // on the fast path
      ids.push(id);
      lines.push(line);
    } else if (u < 0.6) {
      const c = makeComparison({ verdict: pick(VERDICTS), rater: pick(['ana', 'bob', undefined]), mode: rand() < 0.5 ? 'pin' : 'selection' });
      if (rand() < 0.2 && ids.length) c.id = pick(ids); // the same id as a battle, before or after it
      if (rand() < 0.1) (c as { cellId?: string }).cellId = `cell${Math.floor(rand() * 4)}`;
      ids.push(c.id);
      lines.push(JSON.stringify(c));
    } else if (u < 0.93) {
      const rater = pick(['ana', 'bob', 'cy', 'judge:zai:glm-5.2', 'judge:x:y', undefined]);
      const target = rand() < 0.05 ? `b${k + 3}` : rand() < 0.03 ? 'nowhere' : ids.length ? pick(ids) : 'nowhere';
      const a = makeAmend(target, { verdict: pick(VERDICTS), rater, ...(rand() < 0.3 ? { ratings: { grounded: { a: 3 } } } : {}),
        ...(rater?.startsWith('judge:') && rand() < 0.9 ? { judge: { preset: 'zai', model: 'glm-5.2', outcome: pick(['consistent', 'inconsistent', 'failed'] as const), orders: [] } } : {}) });
      a.time = new Date(Date.UTC(2026, 0, 1) + Math.floor(rand() * 4e9)).toISOString();
      lines.push(JSON.stringify(a));
    } else if (u < 0.96) {
      // A long valid line (crosses the reader's 1 MiB chunks now and then) or an oversize one.
      const c = makeComparison({ verdict: pick(VERDICTS), notes: 'n'.repeat(Math.floor(rand() * 300_000)) });
      ids.push(c.id);
      lines.push(JSON.stringify(c));
    } else lines.push(pick(['', '   ', '{"broken', '{"schema":1,"type":"comparison"}', '[]', 'null']));
  }
  return `${lines.join('\n')}\n${battleLine('last', '2026-01-01T00:00:00.000Z', 'arena', 'm1', 'arena', 'm2', 'a').slice(0, -3)}`; // a torn last battle
}

test('the compact fold gives the same statistics and reports as the slow path on mixed files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-foldcompact-'));
  try {
    for (const seed of [11, 12, 13]) {
      const file = join(dir, `m${seed}.jsonl`);
      await writeFile(file, mixedFile(seed, 1200));
      const read = { quarantine: false, maxLineBytes: 200_000 };
      const { records, problems } = await readAllResults(file, read);
      for (const filter of [{}, { mode: 'pin' }, { since: '2026-01-10T00:00:00Z' }, { repo: 'imported' }] as RecordFilter[]) {
        const label = `seed ${seed}, filter ${JSON.stringify(filter)}`;
        const kept = filterRecords(latestPerCell(records), filter);
        const ref = foldAmendsDetailed(kept);
        const full = await foldResultsFile(file, { filter, read });
        assert.deepEqual(full.comparisons, ref.comparisons, `${label}: expanded comparisons`);
        const compact = await foldResultsFile(file, { filter, read, compact: true });
        assert.ok(compact.bare && compact.bare.count > 100, `${label}: the fast path was taken`);
        assert.equal(compact.problemCount, problems.length);
        assert.equal(compact.amends, kept.filter((r) => r.type === 'amend').length);
        const want = computeStats(kept, { seed: 5, bootstrapRounds: 30 });
        const got = statsOfFolded({ comparisons: compact.comparisons, bare: compact.bare, amends: compact.amends, orphanAmends: 0 }, { seed: 5, bootstrapRounds: 30 });
        assert.deepEqual(got, { ...want, totals: { ...want.totals, orphanAmends: 0 } }, `${label}: stats`);
        assert.deepEqual(reportJson(got), reportJson({ ...want, totals: { ...want.totals, orphanAmends: 0 } }), `${label}: report --json`);
        assert.ok(got.ppi.judges.some((j) => j.judge === 'judge:imp:only'), `${label}: a judge of imported battles only`);
        assert.equal(renderReportMarkdown(got), renderReportMarkdown({ ...want, totals: { ...want.totals, orphanAmends: 0 } }), `${label}: Markdown report`);
      }
      for (const kind of ['oversize', 'torn', 'invalid', 'malformed']) assert.ok(problems.some((p) => p.kind === kind), `seed ${seed}: a ${kind} line`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
