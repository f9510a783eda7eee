// Regression: a draft is model output, parsed on the extension host's thread when its side finishes (and again when a
// past comparison is opened). Five patterns of the parser backtracked quadratically over one long run: at 80,000
// characters, spaces before the patch's last line took 3.1 s, quotes after a title 3.1 s, dots after the route 3.9 s,
// blank lines before the first section 3.3 s, and spaces after a ``` fence 7.6 s (22 s in the patch section); the output
// cap is 16 MB, so a crafted draft froze VS Code for hours. At 200,000 characters each case below took 20-140 s before
// the fix and takes milliseconds now (the parse is linear). The paper pick of a selection-mode draft, compared when
// the comparison is recorded, stripped its trailing brackets the same way: 80,000 took 5.6 s.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnswer } from '../../../../src/core/prompt/parseAnswer';
import { trimEndChars } from '../../../../src/core/text/trimChars';
import { normalizePaperId, picksMatch } from '../../../../src/core/prompt/paperPick';

const N = 200_000;

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

describe('a hostile draft is parsed in linear time', () => {
  const cases: Array<[string, string, (d: ReturnType<typeof parseAnswer>) => void]> = [
    ['spaces inside the patch', `===ROUTE===\nPR\n===TITLE===\nT\n===PATCH===\n--- a/x\n${' '.repeat(N)}x\n`,
      (d) => assert.ok(d.patch?.endsWith(' x\n'))],
    ['quotes after the title', `===ROUTE===\nPR\n===TITLE===\nFix${'"'.repeat(N)}x\n`,
      (d) => assert.ok(d.title.startsWith('Fix"'))],
    ['dots after the route', `===ROUTE===\nPR${'.'.repeat(N)}x\n===TITLE===\nT\n`, (d) => assert.equal(d.route, 'pr')],
    ['blank lines before the first section', `${'\n'.repeat(N)}x\n===ROUTE===\nSKIP\n`,
      (d) => { assert.equal(d.route, 'skip'); assert.ok(d.warnings.includes('text before the first section was ignored')); }],
    ['spaces after a fence in the body', `===ROUTE===\nISSUE\n===TITLE===\nT\n===BODY===\n\`\`\`${' '.repeat(N)}~\nbody\n`,
      (d) => assert.equal(d.route, 'issue')],
    ['spaces after a fence in the patch', `===ROUTE===\nPR\n===TITLE===\nT\n===PATCH===\n\`\`\`${' '.repeat(N)}~\n`,
      (d) => assert.equal(d.route, 'pr')],
  ];
  for (const [name, text, check] of cases) {
    test(`regression: ${name} (${N.toLocaleString('en')} characters)`, () => {
      const { value, ms } = timed(() => parseAnswer(text));
      check(value);
      assert.ok(ms < 2000, `${Math.round(ms)} ms`);
    });
  }

  test(`regression: a paper pick followed by ${N.toLocaleString('en')} brackets`, () => {
    const pick = `2101.00001${')'.repeat(N)}x`;
    const { value, ms } = timed(() => picksMatch(pick, '2101.00001'));
    assert.equal(value, false);
    assert.ok(ms < 2000, `${Math.round(ms)} ms`);
    assert.equal(normalizePaperId(' ("arXiv:2101.00001v2"). '), '2101.00001');
  });

  test('ordinary drafts parse as before: fences, quotes, punctuation and a preamble', () => {
    const d = parseAnswer('Here you go:\n```\n===ROUTE===\n**PR**.\n===TITLE===\n"Fix the cache"\n===PATCH===\n```diff\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b  \n```\n```\n');
    assert.equal(d.route, 'pr');
    assert.equal(d.title, 'Fix the cache');
    assert.equal(d.patch, '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n');
    assert.ok(d.warnings.includes('text before the first section was ignored'));
    assert.ok(!parseAnswer('```\n  ~~~ts  \n===ROUTE===\nSKIP\n').warnings.includes('text before the first section was ignored'));
    assert.equal(trimEndChars('pr.;!', '.!:;,'), 'pr');
    assert.equal(trimEndChars('...', '.'), '');
  });
});
