// Regression: the compare view turns each draft (model output, up to the 16 MB output cap) into Markdown on every
// update. A patch section of 200,000 fence lines (1 MB) made the longest-backtick search spread 200,000 numbers into
// Math.max, which threw "Maximum call stack size exceeded": the column stopped rendering. It is a loop now.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkdownIt } from 'markdown-it';
import { answerToMarkdown } from '../../../webview/compare/answerMarkdown';
import { ClippedMarkdown, createMarkdownRenderer, MAX_RENDERED_CHARS } from '../../../webview/compare/markdown';

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

// Regression: past MAX_RENDERED_CHARS the column renders the draft's first 400 KB; while such a draft streamed, that
// same head was rendered again on every update (about a second each for a crafted table), though nothing shown changed.
describe('a streaming draft past the render cap', () => {
  test('regression: its head is rendered once while it only grows, and again when the head itself changes', () => {
    let renders = 0;
    const md = createMarkdownRenderer();
    const counting = { render: (src: string) => { renders++; return md.render(src); } } as unknown as MarkdownIt;
    const cut = new ClippedMarkdown(counting);
    const head = `# Title\n\n${'| a | b |\n|---|---|\n'.repeat(20)}${'x'.repeat(MAX_RENDERED_CHARS)}`;
    const first = cut.render(head);
    assert.ok(first?.includes('<h1>Title</h1>'));
    assert.equal(cut.render(`${head} more`), null);
    assert.equal(cut.render(`${head}${'y'.repeat(100_000)}`), null);
    assert.equal(renders, 1);
    const changed = cut.render(`# Other${head.slice(7)}`);
    assert.ok(changed?.includes('<h1>Other</h1>'));
    assert.equal(renders, 2);
    cut.reset();
    assert.ok(cut.render(`# Other${head.slice(7)}`));
    assert.equal(renders, 3);
  });
});
