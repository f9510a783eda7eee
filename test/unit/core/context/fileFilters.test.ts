import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyPath } from '../../../../src/core/context/fileFilters';

test('Pairwise\'s own results folder never becomes context', () => {
  assert.equal(classifyPath('.pairwise/results.jsonl').skip, true);
  assert.equal(classifyPath('.pairwise/runs/abc/draft-a.md').skip, true);
  assert.equal(classifyPath('src/pairwise/results.py').skip, false);
});
