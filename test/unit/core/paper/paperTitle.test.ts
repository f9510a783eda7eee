import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canBeTitle, findTitle } from '../../../../src/core/paper/paperTitle';
import { loadPaper } from '../../../../src/core/paper/loadPaper';

describe('paper titles', () => {
  test('lines that cannot be a title are skipped', () => {
    for (const l of ['0%', '12', '—', '  ', '| --- | --- |', 'https://arxiv.org/abs/2602.15763', 'arXiv:2602.15763v1 [cs.CL]', 'Page 3', '3 of 22', 'abc']) assert.equal(canBeTitle(l), false, l);
    for (const l of ['GLM-5: Agentic Coding at Scale', 'Speculative Tokenizer Caching', 'Attention']) assert.equal(canBeTitle(l), true, l);
  });

  test('a pasted text without metadata: the first line that can be a title', () => {
    assert.equal(findTitle('0%\n\n12\nGLM-5: From Vibe Coding to Agentic Engineering\nAbstract\nWe present…', 'txt'), 'GLM-5: From Vibe Coding to Agentic Engineering');
  });

  test('a "Title:" or "Paper:" line wins, then the first heading', () => {
    assert.equal(findTitle('0%\nnotes\nTitle: Sparse Attention Revisited\n# Intro', 'txt'), 'Sparse Attention Revisited');
    assert.equal(findTitle('0%\n**Paper:** Sparse Attention Revisited\n', 'md'), 'Sparse Attention Revisited');
    assert.equal(findTitle('0%\n\n# A Review of the GLM-5 Paper\n\n## Summary', 'md'), 'A Review of the GLM-5 Paper');
    assert.equal(findTitle('\\documentclass{article}\n\\title{Graph Coloring for Register Allocation}', 'tex'), 'Graph Coloring for Register Allocation');
    assert.equal(findTitle('0%\n1\n', 'txt'), '');
  });

  test('a pasted brief whose first line is "0%" gets its real title; a given title is kept', async () => {
    const r = await loadPaper({ brief: '0%\nReview: GLM-5 agentic training\nThe paper trains agents with…' }, { cacheDir: '/nonexistent' });
    assert.ok(r.ok);
    assert.equal(r.paper.title, 'Review: GLM-5 agentic training');
    const t = await loadPaper({ brief: '0%\nbody text here', title: 'My idea' }, { cacheDir: '/nonexistent' });
    assert.ok(t.ok);
    assert.equal(t.paper.title, 'My idea');
  });
});
