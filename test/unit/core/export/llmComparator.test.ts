import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportLlmComparator } from '../../../../src/core/export/llmComparator';
import { makeAmend, makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

test('LLM Comparator JSON: models, oriented scores, rater scores, drafts from blobs, custom fields', async () => {
  const opus = makeSide({ route: 'pr', title: 'Add kernel', draftHash: 'h-opus', cost: { usd: 1.5, basis: 'list' }, totalMs: 1000 });
  const glm = makeSide({ preset: 'zai', model: 'glm-5.2', route: 'issue', title: 'Propose eval' });
  const c1 = makeComparison({ verdict: 'a', rater: 'ana', notes: 'A cites real files', paper: { title: 'RiVER' }, sides: { a: opus, b: glm } });
  const c2 = makeComparison({ verdict: 'a', swapped: true, sides: { a: glm, b: opus } });
  const c3 = makeComparison({ verdict: 'pending' });
  const other = makeComparison({ verdict: 'a', sides: { a: makeSide({ model: 'x' }), b: makeSide({ model: 'y' }) } });
  const drafts: Record<string, string> = { 'h-opus': 'full PR draft text' };
  const res = await exportLlmComparator([c1, c2, c3, other, makeAmend(c1.id, { rater: 'bob', verdict: 'b' })],
    { readDraft: async (_run, hash) => drafts[hash] ?? null });
  assert.ok(res.ok);
  if (!res.ok) return;
  const f = res.file;
  assert.deepEqual(f.models, [{ name: 'anthropic:claude-opus' }, { name: 'zai:glm-5.2' }]);
  assert.equal(f.examples.length, 3);
  assert.equal(res.skipped, 1);
  const [e1, e2, e3] = f.examples;
  assert.equal(e1.score, 0, 'mean of ana (A better, +1) and bob (B better, -1), as upstream writes it');
  assert.equal(e2.score, -1, 'GLM (recorded as side a) won: negative = model B better');
  assert.equal(e3.score, null);
  assert.equal(e1.output_text_a, 'full PR draft text');
  assert.match(e1.output_text_b, /^\[issue\] Propose eval/);
  assert.equal(e2.output_text_a, 'full PR draft text', 'oriented: A is always Opus');
  assert.equal(e1.input_text, 'demo — RiVER\nmode: pin');
  assert.deepEqual(e1.individual_rater_scores.map((r) => [r.score, r.custom_fields.rater, r.is_flipped]), [[1, 'ana', false], [-1, 'bob', null]]);
  assert.equal(e1.individual_rater_scores[0].rationale, 'A cites real files');
  assert.equal(e2.individual_rater_scores[0].is_flipped, false, 'swapped and flipped: Opus was shown first');
  assert.deepEqual(e1.custom_fields.route, ['pr', 'issue']);
  assert.deepEqual(e1.custom_fields.cost_usd, [1.5, null]);
  assert.ok(f.metadata.custom_fields_schema.some((s) => s.name === 'route' && s.type === 'per_model_category'));
  assert.deepEqual(f.rationale_clusters, []);
  assert.ok(e1.rationale_list.length === 0 && Array.isArray(e1.tags));
  const none = await exportLlmComparator([]);
  assert.equal(none.ok, false);
  const wrong = await exportLlmComparator([c1], { pair: ['p', 'q'] });
  assert.match(!wrong.ok ? wrong.error : '', /No comparisons of p vs q/);
});

test('LLM Comparator JSON: labels follow the model flip; a swapped record is labelled by the model, not the screen side', async () => {
  const opus = makeSide({ model: 'claude-opus' });
  const glm = makeSide({ preset: 'zai', model: 'glm-5.2' });
  // Recorded with GLM as side a, shown swapped (Opus on the left); the rater preferred GLM (verdict 'a').
  const flipped = makeComparison({ verdict: 'a', swapped: true, rater: 'ana', sides: { a: glm, b: opus } });
  // Recorded with Opus as side a, not swapped; the rater preferred GLM (verdict 'b'); two second opinions.
  const plain = makeComparison({ verdict: 'b', rater: 'ana', sides: { a: opus, b: glm } });
  const res = await exportLlmComparator([flipped, plain, makeAmend(plain.id, { rater: 'bob', verdict: 'b' }), makeAmend(plain.id, { rater: 'cy', verdict: 'tie' })],
    { pair: ['anthropic:claude-opus', 'zai:glm-5.2'] });
  assert.ok(res.ok);
  if (!res.ok) return;
  const [e1, e2] = res.file.examples;
  const r1 = e1.individual_rater_scores[0];
  assert.deepEqual([e1.score, r1.score, r1.rating_label], [-1, -1, 'B is better'], 'GLM is model B of the export: "B is better", never "A is better" with -1');
  assert.equal(r1.is_flipped, false, 'Opus (model A) was shown on the left');
  assert.deepEqual(e2.individual_rater_scores.map((r) => [r.custom_fields.rater, r.score, r.rating_label]),
    [['ana', -1, 'B is better'], ['bob', -1, 'B is better'], ['cy', 0, 'same']]);
  assert.equal(e2.score, -2 / 3, 'the mean of the three ratings');
  for (const e of res.file.examples) for (const r of e.individual_rater_scores) {
    const sign = Math.sign(r.score ?? 0);
    assert.equal(r.rating_label, sign > 0 ? 'A is better' : sign < 0 ? 'B is better' : r.rating_label, 'label and score agree');
  }
});
