import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnswer } from '../../../../src/core/prompt/parseAnswer';

const PATCH = 'diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-old\n+new\n';

const CLEAN = `===ROUTE===
PR
===TITLE===
Use fused attention in encoder
===BODY===
This applies section 3 of the paper.

\`\`\`ts
const x = 1;
\`\`\`
===PATCH===
${PATCH}===REASON===
The paper shows a 2x speedup.
`;

describe('parseAnswer', () => {
  test('reads a clean answer', () => {
    const d = parseAnswer(CLEAN);
    assert.equal(d.route, 'pr');
    assert.equal(d.title, 'Use fused attention in encoder');
    assert.equal(d.body, 'This applies section 3 of the paper.\n\n```ts\nconst x = 1;\n```');
    assert.equal(d.patch, PATCH);
    assert.equal(d.reason, 'The paper shows a 2x speedup.');
    assert.equal(d.raw, CLEAN);
    assert.deepEqual(d.warnings, []);
  });

  test('tolerates a fence around everything, CRLF and prose before/after', () => {
    const text = 'Sure! Here is my answer.\r\n```\r\n' + CLEAN.replace(/\n/g, '\r\n') + '```\r\n';
    const d = parseAnswer(text);
    assert.equal(d.route, 'pr');
    assert.equal(d.title, 'Use fused attention in encoder');
    assert.equal(d.patch, PATCH);
    assert.equal(d.reason, 'The paper shows a 2x speedup.');
    assert.equal(d.raw, text);
    assert.ok(d.warnings.some((w) => w.includes('before the first section')));
  });

  test('lowercase, spaced and decorated markers; route synonyms', () => {
    const d = parseAnswer('=== route ===\n**Pull Request**\n**=== Title ===**\n# Fix it\n== body ==\nText\n### ===reasoning===\nBecause.\n');
    assert.equal(d.route, 'pr');
    assert.equal(d.title, 'Fix it');
    assert.equal(d.body, 'Text');
    assert.equal(d.reason, 'Because.');
    assert.equal(parseAnswer('===ROUTE===\nopen an issue\n===TITLE===\nT\n===BODY===\nB').route, 'issue');
    assert.equal(parseAnswer('===ROUTE===\nNo action.\n===REASON===\nNot relevant').route, 'skip');
    assert.equal(parseAnswer('===ROUTE=== skip\n===REASON=== nope').route, 'skip');
    assert.equal(parseAnswer('===ROUTE===\nI would open an Issue here\n===TITLE===\nT').route, 'issue');
  });

  test('patch inside a ```diff fence with prose around it', () => {
    const text = `===ROUTE===\nPR\n===TITLE===\nT\n===BODY===\nB\n===PATCH===\nHere is the diff:\n\`\`\`diff\n${PATCH}\`\`\`\nThat is all.\n===REASON===\nR`;
    const d = parseAnswer(text);
    assert.equal(d.patch, PATCH);
  });

  test('prose before a bare diff is dropped with a warning; "none" patch is absent', () => {
    const d = parseAnswer(`===ROUTE===\nPR\n===TITLE===\nT\n===PATCH===\nThe change:\n${PATCH}`);
    assert.equal(d.patch, PATCH);
    assert.ok(d.warnings.includes('text before the patch was dropped'));
    const n = parseAnswer('===ROUTE===\nISSUE\n===TITLE===\nT\n===BODY===\nB\n===PATCH===\nN/A\n===REASON===\nR');
    assert.equal(n.patch, undefined);
    assert.equal(n.route, 'issue');
  });

  test('repeated sections: last non-empty wins, with a warning', () => {
    const d = parseAnswer('===ROUTE===\nPR\n===TITLE===\nFirst\n===TITLE===\nSecond\n===TITLE===\n\n===PATCH===\n' + PATCH);
    assert.equal(d.title, 'Second');
    assert.ok(d.warnings.some((w) => w.includes('TITLE appears more than once')));
  });

  test('missing route: inferred from a patch, otherwise unparsed but fields kept', () => {
    const a = parseAnswer(`===TITLE===\nT\n===PATCH===\n${PATCH}`);
    assert.equal(a.route, 'pr');
    assert.ok(a.warnings.includes('route inferred as PR from the patch'));
    const b = parseAnswer('===TITLE===\nT\n===BODY===\nSome body');
    assert.equal(b.route, 'unparsed');
    assert.equal(b.title, 'T');
    assert.equal(b.body, 'Some body');
  });

  test('ambiguous route echoing the template is unparsed', () => {
    const d = parseAnswer('===ROUTE===\nPR | ISSUE | SKIP\n===TITLE===\nT');
    assert.equal(d.route, 'unparsed');
    assert.ok(d.warnings.some((w) => w.startsWith('route is ambiguous')));
  });

  test('no markers: unparsed, body is the text, raw kept', () => {
    const text = 'I think this paper is not relevant to the repository.';
    const d = parseAnswer(text);
    assert.equal(d.route, 'unparsed');
    assert.equal(d.body, text);
    assert.equal(d.raw, text);
    assert.equal(parseAnswer('').route, 'unparsed');
  });

  test('label-style fallback (Route: PR) when no delimited markers exist', () => {
    const d = parseAnswer('Route: ISSUE\nTitle: Add caching\nBody:\nWe should cache.\nReason: speed');
    assert.equal(d.route, 'issue');
    assert.equal(d.title, 'Add caching');
    assert.equal(d.body, 'We should cache.');
    assert.equal(d.reason, 'speed');
  });

  test('selection answers carry the paper pick', () => {
    const d = parseAnswer('===PAPER===\narXiv:2602.15763v1\n===ROUTE===\nISSUE\n===TITLE===\nT\n===BODY===\nB');
    assert.equal(d.paperPick, 'arXiv:2602.15763v1');
    assert.equal(d.route, 'issue');
    assert.equal(parseAnswer('===PAPER===\nNONE\n===ROUTE===\nSKIP').paperPick, 'NONE');
  });

  test('a body that contains its own code fences keeps them', () => {
    const d = parseAnswer('===ROUTE===\nISSUE\n===TITLE===\nT\n===BODY===\n```py\nx = 1\n```\n\nAnd more:\n```\ny\n```\n===REASON===\nR');
    assert.equal(d.body, '```py\nx = 1\n```\n\nAnd more:\n```\ny\n```');
  });
});

test('a title that ends in inline code keeps its closing backtick', () => {
  const d = parseAnswer('===ROUTE===\nPR\n===TITLE===\nUse an online softmax in `tinyattn/softmax.py`\n===BODY===\nx\n');
  assert.equal(d.title, 'Use an online softmax in `tinyattn/softmax.py`');
  assert.equal(parseAnswer('===ROUTE===\n**PR**\n===TITLE===\n"Quoted"\n===BODY===\nx\n').title, 'Quoted');
});
