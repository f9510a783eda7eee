import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { o200kRanks } from '../../../../src/core/context/o200kRanks';
import { o200kRanks as packedRanks } from '../../../../src/core/context/o200kRanksPacked';
import { MissingInstallFile } from '../../../../src/core/workers/installFiles';
import { commandErrorText } from '../../../../src/cli/run';
import { RankTable } from '../../../../src/core/context/o200kTable';
import { plainMergeCount as mergeCount } from './o200kReference';

const PLAIN = { disallowedSpecial: new Set<string>() };
const table = RankTable.from(o200kRanks());
const utf8 = new TextEncoder();

/** The table's count of one piece of text (its UTF-8 bytes). */
function count(piece: string): number {
  const b = utf8.encode(piece);
  return table.count(b, 0, b.length);
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('o200k rank table', () => {
  test('every token of the table is found at its own rank (text and byte tokens)', () => {
    const ranks = o200kRanks();
    let bytes = 0;
    for (let r = 0; r < ranks.length; r++) {
      const t = ranks[r];
      const b = typeof t === 'string' ? utf8.encode(t) : Uint8Array.from(t);
      if (b.length === 0) continue;
      bytes++;
      assert.equal(table.rank(b, 0, b.length), r, `rank ${r}`);
    }
    assert.ok(bytes > 199_000, `${bytes} tokens checked`);
    assert.equal(table.rank(utf8.encode('qzxqzxqzxqzx'), 0, 12), -1);
  });

  test('the byte-pair merge gives gpt-tokenizer\'s token count for each piece of real text and random pieces', () => {
    // Pieces as o200k's split makes them: words with their leading space, punctuation runs, numbers, whitespace, CJK.
    const split = /[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;
    const dir = join(__dirname, '..', '..', '..', '..', 'src', 'core', 'context');
    const text = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const pieces = new Set<string>();
    for (const [p] of text.matchAll(split)) pieces.add(p);
    const next = rng(20261206);
    const longer: string[] = [];
    const alphabet = ['a', 'e', 'q', 'Z', 'ing', 'tion', ' ', '  ', '\t', '\n', '_', '-', '=', '0', '7', 'é', 'ß', 'Ω', '日本', '語', '🙂', '\u0301', '\ud800', '€', '//', '*/'];
    for (let i = 0; i < 4000; i++) {
      let p = '';
      const n = 1 + Math.floor(next() * 24);
      for (let j = 0; j < n; j++) p += alphabet[Math.floor(next() * alphabet.length)];
      for (const [q] of p.matchAll(split)) pieces.add(q);
      // The merge itself is defined on any bytes: a whole random string as one piece too.
      longer.push(p);
    }
    assert.ok(pieces.size > 5000, `${pieces.size} pieces`);
    for (const p of pieces) assert.equal(count(p), encode(p, PLAIN).length, JSON.stringify(p));
    // The merge on whole random strings (bytes no split would give) against a plain reference merge.
    for (const p of longer) assert.equal(count(p), mergeCount(p), JSON.stringify(p));
  });
});

describe('the shipped token table', () => {
  test('regression: missing beside the bundle, it says what to do (reinstall), names where it looked, and the CLI prints no stack', () => {
    // Under tsx this module sits in src/core/context, where no table ships: the bundles' case of a missing file.
    assert.throws(() => packedRanks(), (e: unknown) => {
      assert.ok(e instanceof MissingInstallFile);
      assert.match(e.message, /^Pairwise's token table \(o200k_base\.json\.br\) is missing: .*looked in .*src[\\/]core[\\/]context and .*src[\\/]core\)\. Reinstall Pairwise/);
      const printed = commandErrorText(e);
      assert.equal(printed, e.message);
      assert.doesNotMatch(printed, /\n\s+at /);
      return true;
    });
    assert.match(commandErrorText(new Error('boom')), /^unexpected error: Error: boom\n\s+at /);
  });
});
