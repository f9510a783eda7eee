import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../../../src/core/stats/prng';
import { styleControlledLeaderboard, type StyledBattle } from '../../../../src/core/stats/styleControl';
import { styleFeatures, type StyleVector } from '../../../../src/core/stats/styleFeatures';

const TRUE: Record<string, number> = { A: 0.4, B: 0, C: -0.4 };
const MODELS = Object.keys(TRUE);

/** Battles whose preference is strength + 2 × normalized prose-length difference; A's drafts `stretch` times longer. */
function simulate(stretch: number, n: number, seed: number): StyledBattle[] {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const draft = (m: string): StyleVector => ({ proseChars: Math.round(1500 * Math.exp(0.3 * normal()) * (m === 'A' ? stretch : 1)),
    patchLines: Math.floor(rand() * 80), filesTouched: 1 + Math.floor(rand() * 4), headers: Math.floor(rand() * 5), lists: Math.floor(rand() * 8), bold: Math.floor(rand() * 3) });
  const out: StyledBattle[] = [];
  for (let r = 0; r < n; r++) {
    const i = Math.floor(rand() * 3);
    const j = (i + 1 + Math.floor(rand() * 2)) % 3;
    const [a, b] = [MODELS[i], MODELS[j]];
    const fa = draft(a), fb = draft(b);
    const logit = TRUE[a] - TRUE[b] + 2 * (fa.proseChars - fb.proseChars) / (fa.proseChars + fb.proseChars + 1);
    const u = rand();
    const y = u < 0.1 ? 0.5 : rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    out.push({ a, b, y, fa, fb });
  }
  return out;
}

test('synthetic: doubling one model\'s draft length moves its controlled score at most a quarter as much as its raw score', () => {
  const before = styleControlledLeaderboard(simulate(1, 6000, 11));
  const after = styleControlledLeaderboard(simulate(2, 6000, 11));
  const get = (s: typeof before, m: string) => s.entries.find((e) => e.model === m) as (typeof before.entries)[number];
  const dRaw = get(after, 'A').raw.score - get(before, 'A').raw.score;
  const dCtl = get(after, 'A').controlled.score - get(before, 'A').controlled.score;
  assert.ok(dRaw > 30, `raw score should rise with length: ${dRaw}`);
  assert.ok(Math.abs(dCtl) <= 0.25 * Math.abs(dRaw), `controlled moved ${dCtl}, raw ${dRaw}`);
  const len = after.coefficients.find((c) => c.feature === 'proseChars');
  assert.ok(len && len.lo !== null && len.lo > 0, 'the length coefficient is positive with its interval above 0');
  const headers = after.coefficients.find((c) => c.feature === 'headers');
  assert.ok(headers && headers.lo !== null && headers.hi !== null && headers.lo < 0 && headers.hi > 0, 'an irrelevant covariate\'s interval covers 0');
});

// Reference: test/fixtures/stats/style_reference.py (Python standard library; its own Newton solver and matrix inverse).
test('style-controlled fit matches the independently computed reference', () => {
  const dir = join(__dirname, '../../../fixtures/stats');
  const input = JSON.parse(readFileSync(join(dir, 'style_battles.json'), 'utf8')) as StyledBattle[];
  const ref = JSON.parse(readFileSync(join(dir, 'style_reference.json'), 'utf8')) as
    { raw: Record<string, [number, number]>; controlled: Record<string, [number, number]>; coef: Record<string, [number, number] | null> };
  const fit = styleControlledLeaderboard(input);
  for (const e of fit.entries) {
    const [s, se] = ref.controlled[e.model];
    assert.ok(Math.abs(e.controlled.score - s) < 1e-6, `${e.model} controlled ${e.controlled.score} vs ${s}`);
    assert.ok(Math.abs((e.controlled.hi - e.controlled.lo) / 2 - 1.959963984540054 * se) < 1e-6, `${e.model} controlled half-width`);
    const [r, rse] = ref.raw[e.model];
    assert.ok(Math.abs(e.raw.score - r) < 1e-6, `${e.model} raw ${e.raw.score} vs ${r}`);
    assert.ok(Math.abs((e.raw.hi - e.raw.lo) / 2 - 1.959963984540054 * rse) < 1e-6, `${e.model} raw half-width`);
  }
  for (const c of fit.coefficients) {
    const r = ref.coef[c.feature];
    if (r === null) { assert.equal(c.coef, null); continue; }
    assert.ok(c.coef !== null && Math.abs(c.coef - r[0]) < 1e-8, `${c.feature} ${c.coef} vs ${r[0]}`);
    assert.ok(Math.abs(((c.hi as number) - (c.lo as number)) / 2 - 1.959963984540054 * r[1]) < 1e-8, `${c.feature} half-width`);
  }
});

test('style features: prose outside fences, patch lines and files, headers, lists, bold', () => {
  const draft = '# Title\n\nSome **bold** and __also__ text.\n\n- one\n- two\n1. three\n\n```diff\n--- a/x.ts\n+++ b/x.ts\n-old\n+new\n+more\n```\n';
  const f = styleFeatures(draft);
  assert.deepEqual(f, { proseChars: '# Title'.length + 'Some **bold** and __also__ text.'.length + 5 + 5 + 8, patchLines: 3, filesTouched: 1, headers: 1, lists: 3, bold: 2 });
  assert.equal(styleFeatures('text\n```js\n- not a diff\n```\n').patchLines, 0, 'a code block that is not a diff has no patch lines');
  assert.equal(styleFeatures('x', '--- a/a\n+++ b/a\n+1\n--- a/b\n+++ b/b\n-2\n').filesTouched, 2);
});
