// Red-team: report cells come from results files (raters, repo names, model ids, paper titles). A lone CR is a line
// break to CommonMark (it ended the table and started a heading of the file's choosing), and control characters
// reach the terminal when `pairwise report` prints to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mdCell } from '../../../../src/core/stats/format';

test('a lone CR cannot break out of a table cell', () => {
  const cell = mdCell('judge:x\r# Pwned\r| forged | row |');
  assert.doesNotMatch(cell, /[\r\n]/);
  assert.match(cell, /\\\|/);
});

test('control characters (terminal escapes) are removed from cells', () => {
  // eslint-disable-next-line no-control-regex -- control characters are what must be gone
  assert.doesNotMatch(mdCell('repo\u001b]0;title\u0007\u009b2K'), /[\u0000-\u001f\u007f-\u009f]/);
  assert.equal(mdCell('plain text, nothing to do'), 'plain text, nothing to do');
});
