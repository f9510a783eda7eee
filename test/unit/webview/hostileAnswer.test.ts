// Regression: the compare view turns each draft (model output, up to the 16 MB output cap) into Markdown on every
// update. A patch section of 200,000 fence lines (1 MB) made the longest-backtick search spread 200,000 numbers into
// Math.max, which threw "Maximum call stack size exceeded": the column stopped rendering. It is a loop now.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerToMarkdown } from '../../../webview/compare/answerMarkdown';

describe('a draft with a patch of many fence lines', () => {
  test('regression: 200,000 ``` lines in an unfenced patch render, fenced by a longer fence', () => {
    const patch = `+a\n${'```a\n````b\n'.repeat(100_000)}`;
    const t0 = performance.now();
    const md = answerToMarkdown(`===ROUTE===\nPR\n===PATCH===\n${patch}`);
    assert.ok(performance.now() - t0 < 2000);
    assert.ok(md.startsWith('`````diff\n+a\n```a\n'), md.slice(0, 40));
    assert.ok(md.endsWith('````b\n`````'));
  });

  test('an ordinary patch gets a fence of three backticks plus one per extra backtick inside', () => {
    assert.equal(answerToMarkdown('===PATCH===\n+x'), '```diff\n+x\n```');
    assert.equal(answerToMarkdown('===PATCH===\n+x ```` y'), '`````diff\n+x ```` y\n`````');
  });
});
