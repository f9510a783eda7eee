/** Where streamed Markdown can be cut so the part before never changes as more text arrives. */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The offset just after the last blank line that lies outside any code fence: blocks before it are complete
 * (a new paragraph, list or fence can only change what comes after). 0 when there is no such line.
 * `from` (a split found earlier in a prefix of `md`) skips the part already scanned.
 */
export function stableSplit(md: string, from = 0): number {
  let open: string | null = null;
  let split = from;
  let pos = from;
  let prevBlank = from > 0;
  while (pos < md.length) {
    const nl = md.indexOf('\n', pos);
    const end = nl === -1 ? md.length : nl + 1;
    const line = md.slice(pos, nl === -1 ? md.length : nl);
    const f = FENCE.exec(line);
    if (f) {
      if (open === null) open = f[1];
      else if (f[1][0] === open[0] && f[1].length >= open.length && line.trim() === f[1]) open = null;
    }
    const blank = line.trim() === '';
    if (blank && open === null && nl !== -1 && !prevBlank) split = end;
    prevBlank = blank;
    pos = end;
  }
  return split;
}
