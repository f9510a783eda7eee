import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isWithinTokenLimit } from 'gpt-tokenizer/encoding/o200k_base';
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

  test('the limit check agrees with gpt-tokenizer\'s own (one-pass count near the limit, early exit far over it)', () => {
    const text = `export function f(a: number) {\n  return a * 2; // <|endoftext|> x\n}\n`.repeat(60);
    const n = countTokens(text);
    const own = (limit: number) => {
      const r = isWithinTokenLimit(text, limit, { disallowedSpecial: new Set<string>() });
      return r === false ? null : r;
    };
    for (const limit of [1, 10, Math.floor(n / 9), Math.floor(n / 2), n - 1, n, n + 1, 10 * n]) assert.equal(tokensWithin(text, limit), own(limit), `limit ${limit}`);
    assert.equal(tokensWithin(text, n), n);
  });
});

describe('the packed o200k table (what the extension reads)', () => {
  test('the Brotli-compressed JSON unpacks to gpt-tokenizer\'s table, entry for entry, and counts the same', async () => {
    const { brotliCompressSync } = await import('node:zlib');
    const { o200kRanks } = await import('../../../../src/core/context/o200kRanks');
    const { unpackRanks } = await import('../../../../src/core/context/o200kRanksPacked');
    const { GptEncoding } = await import('gpt-tokenizer/GptEncoding');
    const ranks = o200kRanks();
    const unpacked = unpackRanks(brotliCompressSync(Buffer.from(JSON.stringify(ranks))));
    assert.equal(unpacked.length, ranks.length);
    let bytesTokens = 0;
    for (let i = 0; i < ranks.length; i++) {
      const a = ranks[i];
      const b = unpacked[i];
      if (typeof a === 'string') assert.equal(b, a, `rank ${i}`);
      else {
        bytesTokens++;
        assert.deepEqual(b, a, `rank ${i}`);
      }
    }
    assert.ok(bytesTokens > 0, 'the table holds tokens stored as bytes, and they survive');
    const packed = GptEncoding.getEncodingApi('o200k_base', () => unpacked);
    const text = 'def cache_merge(x):\n    return "<|endoftext|>" + ünïcödé + 日本語 + 🙂 + "\\xff"\n'.repeat(50);
    assert.equal(packed.countTokens(text, { disallowedSpecial: new Set() }), countTokens(text));
    assert.throws(() => unpackRanks(brotliCompressSync(Buffer.from('[1,2,3]'))), /does not hold o200k_base's ranks; rebuild the extension/);
  });
});
