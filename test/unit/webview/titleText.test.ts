import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { titlePlain, titleRuns } from '../../../webview/compare/titleText';

describe('titleText', () => {
  test('paired backticks become code runs, no raw backticks left', () => {
    assert.deepEqual(titleRuns('Use an online softmax in `tinyattn/softmax.py`'),
      [{ code: false, text: 'Use an online softmax in ' }, { code: true, text: 'tinyattn/softmax.py' }]);
    assert.equal(titlePlain('`a()` calls `b()` twice'), 'a() calls b() twice');
  });
  test('a lone backtick stays literal; empty code spans vanish', () => {
    assert.deepEqual(titleRuns('it`s fine'), [{ code: false, text: 'it`s fine' }]);
    assert.equal(titlePlain('x `` y'), 'x  y');
    assert.deepEqual(titleRuns(''), []);
  });
  test('markup in a title stays text', () => {
    assert.deepEqual(titleRuns('`<img src=x onerror=alert(1)>` tag'), [{ code: true, text: '<img src=x onerror=alert(1)>' }, { code: false, text: ' tag' }]);
  });
});
