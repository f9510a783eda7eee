/**
 * o200k_base's 200k byte-pair ranks held in typed arrays (a byte pool, offsets and an open-addressing hash), and the
 * byte-pair merge that counts one piece's tokens. gpt-tokenizer keeps the table as 200k strings and a Map of them,
 * which every full garbage collection of the process has to mark (~14 ms each, measured); typed arrays are not traced.
 */
import type { RankedToken } from './o200kRanks';

const EMPTY = 0;
/** FNV-1a's offset basis and prime (32 bits). */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of bytes[start, end). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

/** A token's length in UTF-8 bytes (text, or bytes when not valid UTF-8). */
function byteLength(t: RankedToken): number {
  if (typeof t !== 'string') return t.length;
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) >= 0x80) return Buffer.byteLength(t, 'utf8');
  return t.length;
}

/**
 * Pieces up to this many bytes are merged by scanning every pair for the lowest rank (fast for the short pieces of
 * words); longer ones by a heap, whose time grows with n log n where the scan's grows with n squared (pieces of up to
 * 800 bytes of letters or emoji beyond ASCII, and a punctuation tail of any length, see tokenCount.ts).
 */
const SCAN_MERGE_BYTES = 64;

/**
 * table.count for a long piece: the same merges in the same order (the lowest rank first, the leftmost of equals), the
 * pairs kept in a binary heap keyed by rank then position, a pair's entry dropped when popped if it is no longer the
 * pair at its position (its rank there changed, or its left part was merged into another).
 */
function countByHeap(table: RankTable, bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  // Parts by their first byte's offset i: next[i] the next part's (n: none), prev[i] the one before; pairRank[i] the
  // rank of the part at i merged with the next (Infinity: none, or not a part any more).
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  const pairRank = new Float64Array(n).fill(Infinity);
  // At most n - 1 first pairs and two new ones per merge.
  const heap = new Float64Array(3 * n);
  let size = 0;
  const width = n + 1;
  const push = (key: number): void => {
    let i = size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (heap[up] <= key) break;
      heap[i] = heap[up];
      i = up;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap[--size];
    if (size > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heap[c + 1] < heap[c]) c++;
        if (heap[c] >= last) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  const setPair = (i: number): void => {
    const j = next[i];
    const r = j >= n ? Infinity : table.rankOrInf(bytes, start + i, start + next[j]);
    pairRank[i] = r;
    if (r !== Infinity) push(r * width + i);
  };
  for (let i = 0; i <= n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  for (let i = 0; i + 1 < n; i++) setPair(i);
  let parts = n;
  while (size > 0) {
    const key = pop();
    const i = key % width;
    const r = (key - i) / width;
    if (pairRank[i] !== r) continue; // a stale entry
    // The part at i and the next become one.
    const j = next[i];
    const k = next[j];
    next[i] = k;
    if (k <= n) prev[k] = i;
    pairRank[j] = Infinity;
    parts--;
    setPair(i);
    if (i > 0) setPair(prev[i]);
  }
  return parts;
}

/** Ranks by their bytes: lookups of byte ranges, and byte-pair merge counts. */
export class RankTable {
  /** The scan merge's parts and pair ranks (pieces of at most SCAN_MERGE_BYTES; longer ones go to the heap). */
  private readonly starts = new Int32Array(SCAN_MERGE_BYTES + 1);
  private readonly ranks = new Float64Array(SCAN_MERGE_BYTES + 1);
  /** The longest token's length in bytes: a longer range has no rank. */
  private readonly longest: number;

  private constructor(
    private readonly pool: Uint8Array,
    /** Token r's bytes are pool[offsets[r], offsets[r + 1]). */
    private readonly offsets: Int32Array,
    /** rank + 1 at the slot the token's hash probes to (0: empty); size a power of two. */
    private readonly slots: Int32Array,
  ) {
    let longest = 0;
    for (let r = 0; r + 1 < offsets.length; r++) longest = Math.max(longest, offsets[r + 1] - offsets[r]);
    this.longest = longest;
  }

  /** Builds the table from the ranks in rank order (text, or bytes when not valid UTF-8). */
  static from(ranks: readonly RankedToken[]): RankTable {
    const enc = new TextEncoder();
    const offsets = new Int32Array(ranks.length + 1);
    for (let r = 0; r < ranks.length; r++) offsets[r + 1] = offsets[r] + byteLength(ranks[r]);
    const pool = new Uint8Array(offsets[ranks.length]);
    for (let r = 0; r < ranks.length; r++) {
      const t = ranks[r];
      let o = offsets[r];
      if (typeof t !== 'string') pool.set(t, o);
      else if (offsets[r + 1] - o === t.length) for (let i = 0; i < t.length; i++) pool[o++] = t.charCodeAt(i);
      else enc.encodeInto(t, pool.subarray(o, offsets[r + 1]));
    }
    let size = 1;
    while (size < ranks.length * 2.5) size <<= 1;
    const slots = new Int32Array(size);
    const table = new RankTable(pool, offsets, slots);
    for (let r = 0; r < ranks.length; r++) {
      const o = offsets[r];
      const e = offsets[r + 1];
      if (e === o || table.rank(pool, o, e) >= 0) continue; // a hole or a repeat: the first rank stands
      let s = hashBytes(pool, o, e) & (size - 1);
      while (slots[s] !== EMPTY) s = (s + 1) & (size - 1);
      slots[s] = r + 1;
    }
    return table;
  }

  /** The rank of the token whose bytes are bytes[start, end), or -1. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const { pool, offsets, slots } = this;
    const mask = slots.length - 1;
    const len = end - start;
    for (let s = hashBytes(bytes, start, end) & mask; ; s = (s + 1) & mask) {
      const v = slots[s];
      if (v === EMPTY) return -1;
      const r = v - 1;
      const o = offsets[r];
      if (offsets[r + 1] - o !== len) continue;
      let i = 0;
      while (i < len && pool[o + i] === bytes[start + i]) i++;
      if (i === len) return r;
    }
  }

  /**
   * How many tokens the byte-pair merge makes of bytes[start, end) (one piece of the split): repeatedly the adjacent
   * pair whose union has the lowest rank (the leftmost of equals) is merged, as tiktoken and gpt-tokenizer do.
   */
  count(bytes: Uint8Array, start: number, end: number): number {
    const n = end - start;
    if (n <= 1) return n;
    if (this.rankOrInf(bytes, start, end) !== Infinity) return 1;
    if (n > SCAN_MERGE_BYTES) return countByHeap(this, bytes, start, end);
    const starts = this.starts;
    const ranks = this.ranks;
    // Part i is bytes[starts[i], starts[i + 1]); ranks[i] is the rank of parts i and i + 1 merged.
    let parts = n;
    for (let i = 0; i <= n; i++) starts[i] = start + i;
    const pairRank = (i: number): number => (i + 2 > parts ? Infinity : this.rankOrInf(bytes, starts[i], starts[i + 2]));
    for (let i = 0; i < n; i++) ranks[i] = pairRank(i);
    while (parts > 1) {
      let low = Infinity;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        if (ranks[i] < low) {
          low = ranks[i];
          at = i;
        }
      }
      if (at < 0) break;
      // Parts at and at + 1 become one: drop the boundary between them.
      starts.copyWithin(at + 1, at + 2, parts + 1);
      ranks.copyWithin(at + 1, at + 2, parts);
      parts--;
      ranks[at] = pairRank(at);
      if (at > 0) ranks[at - 1] = pairRank(at - 1);
    }
    return parts;
  }

  /** The rank of bytes[start, end), or Infinity when no token has those bytes. */
  rankOrInf(bytes: Uint8Array, start: number, end: number): number {
    if (end - start > this.longest) return Infinity;
    const r = this.rank(bytes, start, end);
    return r < 0 ? Infinity : r;
  }
}
