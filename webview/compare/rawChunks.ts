/** How the Raw view cuts a long draft into blocks laid out only when seen (no DOM here: tested in Node). */
import { isHighSurrogate } from '../../src/shared/surrogates';

/** Characters per block at most: Chromium stops wrapping a single text node of several MB. */
export const RAW_CHUNK = 64 * 1024;

/** One block of the Raw view: its text and about how many lines it takes (for its height before it is laid out). */
export interface RawChunk {
  text: string;
  lines: number;
}

/**
 * A text of at most `size` characters as one chunk; a longer one in chunks of at most `size`, each ending just after
 * a line break in its second half where there is one (the break stays in the block: the blocks' text is the draft,
 * and a block ending in a break neither shows an extra line nor copies a second break), else at `size` (never inside
 * a surrogate pair). Laid out whole, a 5 MB draft held the view for 1-6 s (10 s on a loaded machine); in blocks, ~40 ms.
 */
export function rawChunks(text: string, size = RAW_CHUNK): RawChunk[] {
  if (text.length <= size) return [{ text, lines: estimatedLines(text) }];
  const out: RawChunk[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + size);
    if (end < text.length) {
      // Searched in the second half only: lastIndexOf from the end ran back to the start of a long single line (20 MB: 1.7 s).
      const half = i + Math.floor(size / 2);
      const nl = text.slice(half, end).lastIndexOf('\n');
      if (nl >= 0) end = half + nl + 1;
      else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    }
    const part = text.slice(i, end);
    out.push({ text: part, lines: estimatedLines(part) });
    i = end;
  }
  return out;
}

/** Lines a text takes wrapped at about 100 characters. */
function estimatedLines(part: string): number {
  let lines = 0;
  for (let from = 0; from <= part.length;) {
    const nl = part.indexOf('\n', from);
    const to = nl < 0 ? part.length : nl;
    lines += Math.max(1, Math.ceil((to - from) / 100));
    from = to + 1;
  }
  return lines;
}
