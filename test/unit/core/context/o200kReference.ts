// The reference the token counter is held to: gpt-tokenizer's o200k count, except where gpt-tokenizer is wrong. It
// looks pairs of bytes up through a TextDecoder that drops a leading byte order mark (U+FEFF, EF BB BF), so a piece
// holding one is merged as if the mark were not there: "\ufeff" alone, one token in o200k's vocabulary, it counts as
// two. Pieces holding U+FEFF are counted by a plain byte-level merge (tiktoken's algorithm, written out) instead.
import { countTokens as gptCount } from 'gpt-tokenizer/encoding/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { o200kRanks } from '../../../../src/core/context/o200kRanks';

const PLAIN = { disallowedSpecial: new Set<string>() };
const utf8 = new TextEncoder();
const SPLIT = new RegExp(O200K_TOKEN_SPLIT_REGEX.source, 'gu');
let byBytes: Map<string, number> | undefined;

/** o200k's byte-pair merge of one piece, written plainly (bytes as latin1 keys): the lowest-ranked pair first, leftmost of equals. */
export function plainMergeCount(piece: string): number {
  if (!byBytes) {
    const m = new Map<string, number>();
    o200kRanks().forEach((t, r) => {
      const key = Buffer.from(typeof t === 'string' ? utf8.encode(t) : Uint8Array.from(t)).toString('latin1');
      if (!m.has(key)) m.set(key, r);
    });
    byBytes = m;
  }
  let parts = [...Buffer.from(utf8.encode(piece)).toString('latin1')];
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = byBytes.get(parts[i] + parts[i + 1]);
      if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
    }
    if (best < 0) return parts.length;
    parts = [...parts.slice(0, best), parts[best] + parts[best + 1], ...parts.slice(best + 2)];
  }
}

/** o200k's count of text (special-token strings as plain text): gpt-tokenizer's, its pieces holding U+FEFF merged plainly. */
export function referenceCount(text: string): number {
  if (!text.includes('\ufeff')) return gptCount(text, PLAIN);
  let n = 0;
  for (const [p] of text.matchAll(SPLIT)) n += p.includes('\ufeff') ? plainMergeCount(p) : gptCount(p, PLAIN);
  return n;
}
