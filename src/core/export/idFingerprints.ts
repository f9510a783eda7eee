// A compact multiset of ids for streaming imports: each id is kept as a 64-bit fingerprint (two 32-bit hashes) and a
// count in typed arrays — about 9 bytes per slot, at most twice as many slots as ids — instead of the id string in a
// Set. Two different ids are mistaken for one with probability about n² / 2⁶⁵ (3 in 100 million for a million ids).

import { randomFillSync } from 'node:crypto';

const EMPTY = 0;

// Random bases for each process: a crafted battle file can neither aim many ids at one slot (long probes, an import
// slowed to quadratic time) nor give two ids one fingerprint. Fingerprints never leave the process (an import's bucket
// files are its own private temp files), so they need not be stable across runs.
const SEED = randomFillSync(new Uint32Array(2));
const BASIS1 = (0x811c9dc5 ^ SEED[0]) >>> 0;
const BASIS2 = (0x9747b28c ^ SEED[1]) >>> 0;

/** Two independent 32-bit hashes of a string's UTF-16 code units (FNV-1a and a multiply-xorshift, from this process's random bases), each finalised: its 64-bit fingerprint. */
export function hashes(s: string): [number, number] {
  let h1 = BASIS1, h2 = BASIS2 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return [fmix(h1), fmix(h2 ^ 0x2545f491)];
}

/** hashes() of the string whose UTF-16 code units are bytes [start, end) of `buf` (an ASCII id read as bytes). */
function hashesOfBytes(buf: Uint8Array, start: number, end: number): [number, number] {
  let h1 = BASIS1, h2 = BASIS2 ^ (end - start);
  for (let i = start; i < end; i++) {
    const c = buf[i];
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return [fmix(h1), fmix(h2 ^ 0x2545f491)];
}

/** murmur3's 32-bit finaliser. */
export function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Counts of ids by fingerprint (open addressing, linear probing). */
export class IdFingerprints {
  private h1: Uint32Array;
  private h2: Uint32Array;
  /** 0 = empty slot; 1–255 = count (255 = look in `big`). */
  private counts: Uint8Array;
  private readonly big = new Map<string, number>();
  private used = 0;

  constructor(initialSlots = 1 << 12) {
    let cap = 16;
    while (cap < initialSlots) cap *= 2;
    this.h1 = new Uint32Array(cap); this.h2 = new Uint32Array(cap); this.counts = new Uint8Array(cap);
  }

  /** Number of distinct ids held. */
  get size(): number { return this.used; }

  /** How many times `id` was added before. */
  count(id: string): number {
    const [a, b] = hashes(id);
    const slot = this.find(a, b);
    const c = this.counts[slot];
    return c === 255 ? (this.big.get(`${a}:${b}`) ?? 255) : c;
  }

  /** True when the id whose fingerprint (hashes()) is (a, b) was added. */
  hasHashes(a: number, b: number): boolean { return this.counts[this.find(a, b)] !== EMPTY; }

  /** True when `id` was added. */
  has(id: string): boolean { return this.count(id) > 0; }

  /** Adds `id` once; returns how many times it was added before. */
  add(id: string): number {
    const [a, b] = hashes(id);
    return this.addHashes(a, b);
  }

  /** Adds the ASCII id in bytes [start, end) of `buf` (the same fingerprint as add of that string); returns how many times it was added before. */
  addBytes(buf: Uint8Array, start: number, end: number): number {
    const [a, b] = hashesOfBytes(buf, start, end);
    return this.addHashes(a, b);
  }

  /** Adds the id whose fingerprint (hashes()) is (a, b); returns how many times it was added before. */
  addHashes(a: number, b: number): number {
    if ((this.used + 1) * 2 > this.counts.length) this.grow();
    const slot = this.find(a, b);
    const c = this.counts[slot];
    if (c === EMPTY) { this.h1[slot] = a; this.h2[slot] = b; this.counts[slot] = 1; this.used += 1; return 0; }
    if (c < 254) { this.counts[slot] = c + 1; return c; }
    const key = `${a}:${b}`;
    const before = c === 254 ? 254 : (this.big.get(key) ?? 255);
    this.counts[slot] = 255;
    this.big.set(key, before + 1);
    return before;
  }

  /** The slot holding fingerprint (a, b), or the empty slot where it would go. */
  private find(a: number, b: number): number {
    const mask = this.counts.length - 1;
    let i = a & mask;
    while (this.counts[i] !== EMPTY && (this.h1[i] !== a || this.h2[i] !== b)) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const { h1, h2, counts } = this;
    const cap = counts.length * 2;
    this.h1 = new Uint32Array(cap); this.h2 = new Uint32Array(cap); this.counts = new Uint8Array(cap);
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === EMPTY) continue;
      const slot = this.find(h1[i], h2[i]);
      this.h1[slot] = h1[i]; this.h2[slot] = h2[i]; this.counts[slot] = counts[i];
    }
  }
}
