import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerToMarkdown } from '../../../webview/compare/answerMarkdown';

test('markers disappear; body stays Markdown; the patch becomes a fenced diff; reason is labelled', () => {
  const md = answerToMarkdown('===ROUTE===\nPR\n===TITLE===\nFix it\n===BODY===\n## Why\nBecause.\n===PATCH===\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n===REASON===\nSmall.\n');
  assert.ok(!md.includes('==='), md);
  assert.ok(!md.includes('Fix it'), 'the title is shown by the header, not twice');
  assert.match(md, /^## Why\nBecause\.$/m);
  assert.match(md, /```diff\ndiff --git a\/x b\/x\n[\s\S]*\n\+b\n```/);
  assert.match(md, /\*\*Reason:\*\* Small\./);
});

test('text without markers is unchanged; a fenced patch is not fenced twice; backticks inside get a longer fence', () => {
  assert.equal(answerToMarkdown('just prose'), 'just prose');
  const fenced = answerToMarkdown('===BODY===\nB\n===PATCH===\n```diff\n-a\n+b\n```\n');
  assert.equal((fenced.match(/```/g) ?? []).length, 2);
  const inner = answerToMarkdown('===PATCH===\n+```js\n+x\n+```\n');
  assert.match(inner, /^````diff/m);
});

test('streaming: a half-written answer renders what has arrived', () => {
  assert.equal(answerToMarkdown('===ROUTE===\nISSUE\n===BODY===\nPartial sente'), 'Partial sente');
  assert.equal(answerToMarkdown('===PAPER===\narXiv:2602.15763\n===ROUTE===\nSKIP\n===REASON===\nNothing fits'), '**Picked paper:** arXiv:2602.15763\n\n**Reason:** Nothing fits');
});
