// LLM judges in the exports: the audit set, LMArena battles (people only unless asked), CSV judge columns, and LLM
// Comparator's one rating per rater.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportAuditCsv, AUDIT_COLUMNS } from '../../../../src/core/export/auditExport';
import { exportArenaCsv, toArenaBattles } from '../../../../src/core/export/arena';
import { countArena } from '../../../../src/core/export/exportCount';
import { CSV_COLUMNS, exportCsv } from '../../../../src/core/export/exportTable';
import { parseCsv } from '../../../../src/core/export/csvFormat';
import { exportLlmComparator } from '../../../../src/core/export/llmComparator';
import type { ResultRecord } from '../../../../src/core/results/schema';
import { EXIT } from '../../../../src/cli/exitCodes';
import { cli, tempDir } from '../../cli/cliHarness';
import { makeComparison, makeSide } from '../../../fixtures/results/makeRecord';
import { makeJudgeAmend } from '../../../fixtures/results/makeJudge';

const opus = makeSide(), glm = makeSide({ preset: 'zai', model: 'glm-5.2' });
const agree = makeComparison({ verdict: 'a', rater: 'ana', sides: { a: opus, b: glm } });
const differ = makeComparison({ verdict: 'b', rater: 'ana', sides: { a: opus, b: glm } });
const flipped = makeComparison({ verdict: 'a', rater: 'ana', sides: { a: glm, b: opus } });
const pending = makeComparison({ verdict: 'pending', sides: { a: opus, b: glm } });
const records: ResultRecord[] = [agree, differ, flipped, pending,
  makeJudgeAmend(agree.id, { ab: 'A', ba: 'B', reason: 'A is grounded' }),
  makeJudgeAmend(differ.id, { ab: 'A', ba: 'A', reason: 'first looks better' }),
  makeJudgeAmend(flipped.id, { ab: 'B', ba: 'A', reason: 'opus wins' }),
  makeJudgeAmend(pending.id, { ab: 'unparsed', ba: 'A' }),
  makeJudgeAmend(differ.id, { ab: 'B', ba: 'A', model: 'judge-2' })];

test('audit CSV: one row per judge answer that differs from the human verdict, with both orders and reasons', () => {
  const { text, count } = exportAuditCsv(records);
  const { rows } = parseCsv(text);
  assert.deepEqual(rows[0], [...AUDIT_COLUMNS]);
  assert.equal(rows.length, 3, 'header + two disagreements');
  const col = (r: string[], name: string) => r[AUDIT_COLUMNS.indexOf(name)];
  assert.deepEqual(rows.slice(1).map((r) => [col(r, 'id'), col(r, 'judge'), col(r, 'human_verdict'), col(r, 'judge_verdict'), col(r, 'judge_outcome')]), [
    [differ.id, 'judge:openai:judge-1', 'b', 'tie', 'inconsistent'],
    [flipped.id, 'judge:openai:judge-1', 'a', 'b', 'consistent'],
  ]);
  assert.equal(col(rows[1], 'ab_reason'), 'first looks better (ab)');
  assert.deepEqual(count.skipped.map((s) => s.count), [2, 1], 'judge-1 on agree and judge-2 on differ agree; the pending one has no human verdict');
});

test('arena export: people only by default (the judges counted as skipped), judges as battles of their own when asked', () => {
  assert.deepEqual(toArenaBattles(records).map((b) => b.judge), ['ana', 'ana', 'ana']);
  const count = countArena(records);
  assert.equal(count.written, 3);
  assert.ok(count.skipped.some((s) => s.count === 5 && /LLM judge/.test(s.reason)));
  const withJudges = toArenaBattles(records, { judges: true });
  assert.deepEqual(withJudges.filter((b) => b.judge?.startsWith('judge:')).map((b) => [b.question_id, b.judge, b.winner]), [
    [agree.id, 'judge:openai:judge-1', 'model_a'], [differ.id, 'judge:openai:judge-1', 'tie'], [differ.id, 'judge:openai:judge-2', 'model_b'],
    [flipped.id, 'judge:openai:judge-1', 'model_b']]);
  assert.equal(countArena(records, { judges: true }).written, withJudges.length);
  assert.equal(parseCsv(exportArenaCsv(records, { judges: true })).rows.length, withJudges.length + 1);
});

test('CSV: two columns per judge (verdict, outcome) after the fixed ones; files without judges keep the fixed header', () => {
  const { rows } = parseCsv(exportCsv(records));
  const head = rows[0];
  assert.deepEqual(head.slice(0, CSV_COLUMNS.length), [...CSV_COLUMNS]);
  assert.deepEqual(head.slice(CSV_COLUMNS.length), ['judge:openai:judge-1:verdict', 'judge:openai:judge-1:outcome', 'judge:openai:judge-2:verdict', 'judge:openai:judge-2:outcome']);
  const row = (id: string) => rows.find((r) => r[0] === id)!.slice(CSV_COLUMNS.length);
  assert.deepEqual(row(differ.id), ['tie', 'inconsistent', 'b', 'consistent']);
  assert.deepEqual(row(pending.id), ['', 'unparsed', '', '']);
  assert.deepEqual(parseCsv(exportCsv([agree])).rows[0], [...CSV_COLUMNS]);
});

test('LLM Comparator: one rating per rater, judges included with their reasons, oriented to the exported pair', async () => {
  const res = await exportLlmComparator(records, { pair: ['anthropic:claude-opus', 'zai:glm-5.2'] });
  assert.ok(res.ok);
  if (!res.ok) return;
  const byId = (id: string) => res.file.examples.find((e) => e.custom_fields.id === id)!;
  assert.deepEqual(byId(differ.id).individual_rater_scores.map((r) => [r.custom_fields.rater, r.score]),
    [['ana', -1], ['judge:openai:judge-1', 0], ['judge:openai:judge-2', -1]]);
  const f = byId(flipped.id).individual_rater_scores;
  assert.deepEqual(f.map((r) => [r.custom_fields.rater, r.score]), [['ana', -1], ['judge:openai:judge-1', 1]], 'recorded glm-first: flipped so A = opus');
  assert.equal(f[1].custom_fields.kind, 'llm-judge');
  assert.equal(f[1].rationale, 'B shown first: opus wins (ab)\n\nA shown first: opus wins (ba)');
  assert.deepEqual(byId(pending.id).individual_rater_scores, [], 'an unparsed judge answer is no rating');
});

test('pairwise export --format audit writes the audit set; --judges adds judges to arena exports and is refused elsewhere', async () => {
  const t = tempDir('pw-judge-export-');
  try {
    const file = join(t.dir, 'results.jsonl');
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const audit = await cli(['export', '--format', 'audit', '--results', file]);
    assert.equal(audit.code, EXIT.ok, audit.stderr);
    assert.equal(audit.stdout, exportAuditCsv(records).text);
    assert.match(audit.stderr, /wrote 2 disagreements/);
    const people = await cli(['export', '--format', 'arena-jsonl', '--results', file]);
    assert.equal(people.stdout.trim().split('\n').length, 3);
    const all = await cli(['export', '--format', 'arena-jsonl', '--judges', '--results', file]);
    assert.equal(all.stdout.trim().split('\n').length, 7);
    const refused = await cli(['export', '--format', 'csv', '--judges', '--results', file]);
    assert.equal(refused.code, EXIT.usage);
    assert.match(refused.stderr, /--judges applies to arena-jsonl, arena-csv only/);
  } finally { t.cleanup(); }
});
