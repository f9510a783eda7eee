import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findFalseEmptyClaims } from '../../../../src/core/checks/emptyClaims';
import { parseLsTree } from '../../../../src/core/checks/repoTree';

const SHA = '0'.repeat(40);
const tree = parseLsTree('abcdef1234'.padEnd(40, '0'), ['src/models/net.py', 'src/models/data.py', 'configs/base.yaml', 'README.md']
  .map((p) => `100644 blob ${SHA}\t${p}`).join('\0') + '\0');
const empty = parseLsTree('e'.repeat(40), '');

describe('findFalseEmptyClaims', () => {
  test('flags the published failure: "the repo layout supplied is empty"', () => {
    const c = findFalseEmptyClaims('Unfortunately the repo layout supplied is empty, so I cannot point to files.', tree);
    assert.equal(c.length, 1);
    assert.equal(c[0].subject, 'repo');
    assert.match(c[0].reason, /4 files at abcdef1/);
  });
  test('other phrasings of an empty repo', () => {
    for (const s of ['The repository structure provided appears to be empty.', 'No files were provided.', 'The codebase does not contain any files.',
      'There are no source files in the repository.', 'Given an empty repository, I propose...', 'The project seems empty']) {
      assert.equal(findFalseEmptyClaims(s, tree).length, 1, s);
    }
  });
  test('does not flag true claims, negations or unrelated uses of "empty"', () => {
    assert.deepEqual(findFalseEmptyClaims('The repository layout supplied is empty.', empty), [], 'true for an empty repo');
    for (const s of ['The repo is not empty.', 'This returns an empty list when the cache is empty.', 'The folder `docs` does not exist yet.']) {
      assert.deepEqual(findFalseEmptyClaims(s, tree), [], s);
    }
  });
  test('flags "folder X does not exist" / "X is empty" when X is there', () => {
    const c = findFalseEmptyClaims('The folder `src/models` does not exist, and `configs` is empty. There is no models directory.', tree);
    assert.deepEqual(c.map((x) => x.subject), ['src/models', 'models', 'configs']);
    assert.match(c[0].reason, /src\/models exists .*folder with 2 files/);
    const file = findFalseEmptyClaims('`README.md` is missing', tree);
    assert.match(file[0].reason, /README.md exists .*\(file\)/);
  });
});
