// Record ids of a large results file without a JavaScript string per id: ids are kept as bytes in one growing
// buffer and found through an open-addressing hash table of typed arrays (a million ids cost ~40 bytes each, none of
// it on the garbage-collected heap). Each id stored gets the next entry number; the caller keeps what an entry means.
import { randomBytes } from 'node:crypto';

/**
 * Start value of the FNV-1a hash: its usual basis mixed with a per-process random number, so that a hostile file
 * cannot be written to make many ids share a slot (nothing read from the table depends on the hash values).
 */
export const FNV_BASIS = (0x811c9dc5 ^ randomBytes(4).readUInt32LE(0)) >>> 0;

/** FNV-1a over bytes [start, end) of `buf`. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = FNV_BASIS;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}

/**
 * The bytes an id string is kept as: its ASCII bytes, or for any other string 0xFF and its UTF-16 code units
 * (lossless, even for lone surrogates, and never equal to an ASCII id).
 */
export function idKey(id: string): Buffer {
  for (let i = 0; i < id.length; i++) {
    if (id.charCodeAt(i) > 0x7f) return Buffer.concat([Buffer.of(0xff), Buffer.from(id, 'utf16le')]);
  }
  return Buffer.from(id, 'latin1');
}

/** Ids as bytes with an entry number each; lookups by bytes or by ASCII string. */
export class IdTable {
  private arena: Buffer;
  private used = 0;
  private off: Float64Array;
  private len: Uint32Array;
  private hash: Uint32Array;
  private slots = new Int32Array(4096);
  /** Entries stored. */
  size = 0;

  /** Room for `expected` entries (of ~16 bytes each) before the entry arrays grow; the hash table grows as it fills. */
  constructor(expected = 1024) {
    const n = Math.max(1024, expected);
    this.arena = Buffer.allocUnsafe(Math.min(n * 16, 1 << 28));
    this.off = new Float64Array(n); this.len = new Uint32Array(n); this.hash = new Uint32Array(n);
  }

  /** The entry of the id in bytes [start, end) of `buf`, or -1. */
  find(buf: Uint8Array, start: number, end: number, h = hashBytes(buf, start, end)): number {
    const mask = this.slots.length - 1;
    const n = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s] - 1;
      if (e < 0) return -1;
      if (this.hash[e] !== h || this.len[e] !== n) continue;
      const o = this.off[e];
      let i = 0;
      while (i < n && this.arena[o + i] === buf[start + i]) i++;
      if (i === n) return e;
    }
  }

  /** The entry of an id given as a string (see idKey), or -1. */
  findString(id: string): number {
    const k = idKey(id);
    return this.find(k, 0, k.length);
  }

  /** Stores a new id given as a string (the caller checked it is absent); returns its entry number. */
  addString(id: string): number {
    const k = idKey(id);
    return this.add(k, 0, k.length);
  }

  /** Stores a new id (the caller checked it is absent) and returns its entry number. */
  add(buf: Uint8Array, start: number, end: number, h = hashBytes(buf, start, end)): number {
    const n = end - start;
    if (this.used + n > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + n));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    const arena = this.arena, at = this.used;
    for (let i = 0; i < n; i++) arena[at + i] = buf[start + i];
    const e = this.size++;
    if (e === this.off.length) this.growEntries();
    this.off[e] = this.used; this.len[e] = n; this.hash[e] = h;
    this.used += n;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(e);
    return e;
  }

  /** The id of an entry stored from ASCII bytes, as a string. */
  idOf(e: number): string {
    return this.arena.toString('latin1', this.off[e], this.off[e] + this.len[e]);
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let s = this.hash[e] & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = e + 1;
  }

  private growEntries(): void {
    const n = this.off.length * 2;
    const off = new Float64Array(n); off.set(this.off); this.off = off;
    const len = new Uint32Array(n); len.set(this.len); this.len = len;
    const hash = new Uint32Array(n); hash.set(this.hash); this.hash = hash;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.size; e++) this.place(e);
  }
}
