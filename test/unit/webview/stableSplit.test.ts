import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stableSplit } from '../../../webview/compare/stableSplit';

test('cuts after the last blank line outside a fence', () => {
  const md = 'para one\n\npara two\n\npara thr';
  assert.equal(md.slice(stableSplit(md)), 'para thr');
  assert.equal(stableSplit('no blank line yet'), 0);
});

test('never cuts inside an open or a closed code fence', () => {
  const md = 'intro\n\n```diff\n-a\n\n+b\n```';
  assert.equal(md.slice(0, stableSplit(md)), 'intro\n\n');
  const open = 'intro\n\n```py\nx = 1\n\ny = 2';
  assert.equal(open.slice(0, stableSplit(open)), 'intro\n\n');
  const after = 'a\n\n```\ncode\n\nmore\n```\n\ntail';
  assert.equal(after.slice(stableSplit(after)), 'tail');
});

test('the stable part only grows as text streams in', () => {
  const full = '# Title\n\nSome text.\n\n- a\n- b\n\n```js\nlet x;\n\nx = 2;\n```\n\nEnd.';
  let last = 0;
  for (let i = 1; i <= full.length; i++) {
    const s = stableSplit(full.slice(0, i));
    assert.ok(s >= last || s === 0 && last === 0, `at ${i}`);
    assert.equal(full.slice(0, s), full.slice(0, i).slice(0, s));
    last = Math.max(last, s);
  }
});

test('a scan resumed from an earlier split finds the same split', () => {
  const full = '# Title\n\nSome text.\n\n```js\nlet x;\n\nx = 2;\n```\n\nEnd.\n\nmore';
  for (let i = 1; i <= full.length; i++) {
    const prefix = full.slice(0, i);
    for (let j = 1; j < i; j++) {
      const earlier = stableSplit(full.slice(0, j));
      assert.equal(stableSplit(prefix, earlier), stableSplit(prefix), `at ${i} from ${earlier}`);
    }
  }
});
