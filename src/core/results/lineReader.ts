import { open, type FileHandle } from 'node:fs/promises';

/** One line of a file with where it sits: 1-based line number, byte offset, and whether a newline ended it. */
export interface RawLine { text: string; line: number; offset: number; bytes: number; terminated: boolean; oversize: boolean }

/** Lines longer than this are reported as oversize (their text cut) instead of being buffered whole. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** Bytes read per step; every whole line inside one step is decoded in one go. */
const CHUNK_BYTES = 1024 * 1024;

/** Bytes decoded into one string at a time. */
const DECODE_BYTES = 64 * 1024;

/**
 * Offered each whole line of a chunk as bytes (start to end, newline and one trailing CR left out) with its line
 * number, before it is decoded; returns true when it took the line, which is then not yielded (it still counts).
 * Lines are offered in file order, but before the lines of the same chunk that it leaves are yielded.
 */
export type TakeLine = (buf: Buffer, start: number, end: number, line: number) => boolean;

/** Bytes of an oversize line kept as its text. */
const OVERSIZE_HEAD = 200;

const stripCr = (s: string): string => (s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s);

/**
 * Streams a file in batches of lines (one batch per chunk read) without holding it in memory, keeping byte offsets
 * (readline hides them and cannot tell a torn final line from a complete one). The whole lines of a chunk are decoded
 * with one UTF-8 decode and cut with string slices when the chunk is plain ASCII (the common case), else line by line.
 * Missing file yields nothing.
 */
export async function* readLineBatches(file: string, maxLineBytes = MAX_LINE_BYTES, take?: TakeLine): AsyncGenerator<RawLine[]> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  // A line that runs across chunks: its pieces so far (cut at the oversize limit), its length, whether it is oversize.
  let parts: Buffer[] = [];
  let partBytes = 0;
  let oversize = false;
  let lineBytes = 0;
  let lineNo = 0;
  let offset = 0;
  const addPiece = (piece: Buffer): void => {
    lineBytes += piece.length;
    if (oversize) return;
    if (partBytes + piece.length > maxLineBytes) {
      oversize = true;
      parts = [Buffer.from(Buffer.concat([...parts, piece.subarray(0, OVERSIZE_HEAD)]).subarray(0, OVERSIZE_HEAD))];
      partBytes = parts[0].length;
    } else if (piece.length > 0) {
      parts.push(Buffer.from(piece));
      partBytes += piece.length;
    }
  };
  const emitPending = (terminated: boolean): RawLine => {
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, partBytes);
    lineNo += 1;
    const raw: RawLine = { text: stripCr(buf.toString('utf8')), line: lineNo, offset, bytes: lineBytes + (terminated ? 1 : 0), terminated, oversize };
    offset += raw.bytes;
    parts = []; partBytes = 0; lineBytes = 0; oversize = false;
    return raw;
  };

  /** Cuts the whole lines of chunk[from .. to] (to = a newline) into `out`. */
  const cutLines = (chunk: Buffer, from: number, to: number, out: RawLine[]): void => {
    const s = take ? '' : chunk.toString('utf8', from, to + 1);
    if (!take && s.length === to + 1 - from) {
      // One UTF-16 unit per byte: string positions are byte positions.
      for (let p = 0; p < s.length;) {
        const nl = s.indexOf('\n', p);
        const bytes = nl - p;
        const big = bytes > maxLineBytes;
        lineNo += 1;
        out.push({ text: big ? s.slice(p, p + OVERSIZE_HEAD) : stripCr(s.slice(p, nl)), line: lineNo, offset, bytes: bytes + 1, terminated: true, oversize: big });
        offset += bytes + 1;
        p = nl + 1;
      }
      return;
    }
    for (let p = from; p <= to;) {
      const nl = chunk.indexOf(10, p);
      const bytes = nl - p;
      const big = bytes > maxLineBytes;
      lineNo += 1;
      if (take && !big && take(chunk, p, bytes > 0 && chunk[nl - 1] === 13 ? nl - 1 : nl, lineNo)) {
        offset += bytes + 1; p = nl + 1;
        continue;
      }
      out.push({ text: big ? chunk.toString('utf8', p, p + OVERSIZE_HEAD) : stripCr(chunk.toString('utf8', p, nl)), line: lineNo, offset, bytes: bytes + 1, terminated: true, oversize: big });
      offset += bytes + 1;
      p = nl + 1;
    }
  };
  // One read buffer for the whole file; a line left unfinished at its end is copied out (addPiece).
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      const last = chunk.lastIndexOf(10);
      if (last === -1) { addPiece(chunk); continue; }
      const out: RawLine[] = [];
      let pos = 0;
      if (lineBytes > 0) {
        const nl = chunk.indexOf(10);
        addPiece(chunk.subarray(0, nl));
        out.push(emitPending(true));
        pos = nl + 1;
      }
      while (pos <= last) {
        // Decode at most ~64 KiB of whole lines at a time: a small string stays in V8's young generation (a larger one
        // would go to the large-object space and keep the heap grown until a full collection).
        let end = pos + DECODE_BYTES >= last ? last : chunk.lastIndexOf(10, pos + DECODE_BYTES);
        if (end < pos) end = chunk.indexOf(10, pos + DECODE_BYTES);
        cutLines(chunk, pos, end, out);
        pos = end + 1;
      }
      if (last + 1 < chunk.length) addPiece(chunk.subarray(last + 1));
      yield out;
    }
  } finally {
    await fh.close();
  }
  if (lineBytes > 0) yield [emitPending(false)];
}

/** Streams a file line by line (see readLineBatches). Missing file yields nothing. */
export async function* readLines(file: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<RawLine> {
  for await (const batch of readLineBatches(file, maxLineBytes)) yield* batch;
}
