import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens, tokensWithin } from '../../../../src/core/context/tokenCount';

describe('token counting', () => {
  test('special-token strings in repository text are counted as plain text, never thrown on', () => {
    const text = 'prompt = "hello<|endoftext|>world" // <|im_start|>user';
    const n = countTokens(text);
    assert.ok(n > 10, `${n}`);
    assert.equal(tokensWithin(text, 1000), n);
    assert.equal(tokensWithin(text, 3), null);
  });

  test('empty and limits', () => {
    assert.equal(countTokens(''), 0);
    assert.equal(tokensWithin('', 0), 0);
    assert.equal(tokensWithin('abc', 0), null);
    assert.equal(countTokens('hello world'), 2);
  });
});
