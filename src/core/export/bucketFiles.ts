// Fixed-width records of 32-bit words in temp files, written and read through small buffers (synchronous: the
// readers are consulted from synchronous callbacks). The files live in a directory the caller created privately;
// their names are numbers, never anything taken from the input.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes buffered per open file unless told otherwise. */
const BUFFER_BYTES = 32 * 1024;

/** The path of file `index` of kind `kind` ('l', 'r' or 'd') in `dir`. */
export function bucketPath(dir: string, kind: string, index: number): string {
  return join(dir, `${kind}${index}`);
}

/** Appends records of `width` 32-bit words to `count` files (one per bucket), each through its own buffer. */
export class BucketWriters {
  private readonly fds: number[] = [];
  private readonly bufs: Uint32Array[] = [];
  private readonly used: number[] = [];
  private readonly words: number;

  constructor(dir: string, kind: string, count: number, readonly width: number, bufferBytes = BUFFER_BYTES) {
    this.words = Math.max(1, Math.floor(bufferBytes / 4 / width)) * width;
    for (let i = 0; i < count; i++) {
      this.fds.push(openSync(bucketPath(dir, kind, i), 'wx', 0o600));
      this.bufs.push(new Uint32Array(this.words));
      this.used.push(0);
    }
  }

  /** Appends one record (exactly `width` words) to bucket `b`. */
  write(b: number, ...record: number[]): void {
    let u = this.used[b];
    if (u + this.width > this.words) { this.drain(b); u = 0; }
    const buf = this.bufs[b];
    for (let k = 0; k < this.width; k++) buf[u + k] = record[k] >>> 0;
    this.used[b] = u + this.width;
  }

  /** Writes what is buffered and closes every file. */
  close(): void {
    for (let b = 0; b < this.fds.length; b++) { this.drain(b); closeSync(this.fds[b]); }
    this.fds.length = 0;
  }

  /** Closes without writing what is buffered (after an error). */
  abandon(): void {
    for (const fd of this.fds) { try { closeSync(fd); } catch { /* already closed */ } }
    this.fds.length = 0;
  }

  private drain(b: number): void {
    const n = this.used[b] * 4;
    const bytes = new Uint8Array(this.bufs[b].buffer, 0, n);
    let off = 0;
    while (off < n) off += writeSync(this.fds[b], bytes, off, n - off);
    this.used[b] = 0;
  }
}

/** Reads the records of `width` 32-bit words of one file in order. */
export class BucketReader {
  private readonly fd: number;
  private readonly buf: Uint32Array;
  private readonly bytes: Uint8Array;
  private have = 0;
  private at = 0;
  private done = false;

  constructor(file: string, readonly width: number, bufferBytes = BUFFER_BYTES) {
    this.fd = openSync(file, 'r');
    this.buf = new Uint32Array(Math.max(1, Math.floor(bufferBytes / 4 / width)) * width);
    this.bytes = new Uint8Array(this.buf.buffer);
  }

  /** Copies the next record into `out`; false at the end of the file. */
  next(out: Uint32Array): boolean {
    if (this.at + this.width > this.have && !this.fill()) return false;
    for (let k = 0; k < this.width; k++) out[k] = this.buf[this.at + k];
    this.at += this.width;
    return true;
  }

  /** Closes the file. */
  close(): void { closeSync(this.fd); }

  private fill(): boolean {
    if (this.done) return false;
    const leftWords = this.have - this.at;
    if (leftWords > 0) this.buf.copyWithin(0, this.at, this.have);
    let got = leftWords * 4;
    while (got < this.bytes.length) {
      const k = readSync(this.fd, this.bytes, got, this.bytes.length - got, null);
      if (k === 0) { this.done = true; break; }
      got += k;
    }
    if (got % 4 !== 0) throw new Error('temp file ends in a torn record');
    this.have = got / 4;
    this.at = 0;
    return this.have >= this.width;
  }
}
