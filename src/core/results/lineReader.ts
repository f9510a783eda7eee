import { createReadStream } from 'node:fs';

/** One line of a file with where it sits: 1-based line number, byte offset, and whether a newline ended it. */
export interface RawLine { text: string; line: number; offset: number; bytes: number; terminated: boolean; oversize: boolean }

/** Lines longer than this are reported as oversize (their text cut) instead of being buffered whole. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Streams a file line by line without holding it in memory, keeping byte offsets (readline hides them and
 * cannot tell a torn final line from a complete one). Missing file yields nothing.
 */
export async function* readLines(file: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<RawLine> {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let oversize = false;
  let lineNo = 0;
  let offset = 0;
  let lineBytes = 0;
  const emit = (terminated: boolean): RawLine => {
    const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, partBytes);
    let text = buf.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    lineNo += 1;
    return { text, line: lineNo, offset, bytes: lineBytes + (terminated ? 1 : 0), terminated, oversize };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let pos = 0;
      while (pos < chunk.length) {
        const nl = chunk.indexOf(10, pos);
        const end = nl === -1 ? chunk.length : nl;
        const piece = chunk.subarray(pos, end);
        lineBytes += piece.length;
        if (!oversize) {
          if (partBytes + piece.length > maxLineBytes) {
            oversize = true;
            const room = Math.max(0, 200 - partBytes);
            if (room > 0) { parts.push(piece.subarray(0, room)); partBytes += Math.min(room, piece.length); }
          } else if (piece.length > 0) {
            parts.push(piece);
            partBytes += piece.length;
          }
        }
        if (nl === -1) break;
        yield emit(true);
        offset += lineBytes + 1;
        parts = []; partBytes = 0; lineBytes = 0; oversize = false;
        pos = nl + 1;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  } finally {
    stream.destroy();
  }
  if (lineBytes > 0) {
    yield emit(false);
  }
}
