// Regression: the judge prompt escapes marker-like lines of each draft (model output) on the extension host's thread.
// Its pattern let a zero-width no-break space (U+FEFF, both a space and a format character) match either of two
// alternatives, so a line break followed by n of them backtracked 2^n ways: 24 took 0.3 s, each one more doubled it,
// 30 took 17 s and 40 would take about five hours. The alternatives are disjoint now; 3,000,000 filler characters
// take well under a second.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeDraft } from '../../../../src/core/judge/fence';

describe('escaping a draft for the judge prompt', () => {
  test('regression: a line break and 30 U+FEFF (no marker after them) is escaped in milliseconds', () => {
    const t0 = performance.now();
    const text = `intro\n${'\uFEFF'.repeat(30)}x`;
    assert.equal(escapeDraft(text), text);
    assert.ok(performance.now() - t0 < 1000, `${Math.round(performance.now() - t0)} ms`);
  });

  test('a long run of mixed spaces and format characters is linear', () => {
    const t0 = performance.now();
    const filler = '\uFEFF\u200b \t\u00ad'.repeat(600_000);
    assert.equal(escapeDraft(`a\n${filler}===x`), `a\n${filler}\\===x`);
    assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms`);
  });

  test('markers behind spaces, format characters and any line break are still escaped', () => {
    assert.equal(escapeDraft('===A===\n \uFEFF\u200d<<<B\r\n\u2028\u00ad===C'), '\\===A===\n \uFEFF\u200d\\<<<B\n\u2028\u00ad\\===C');
    assert.equal(escapeDraft('x === y\nx<<<'), 'x === y\nx<<<');
  });
});
