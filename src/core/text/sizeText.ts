/** Byte sizes as people read them in Pairwise's messages (binary units, written KB and MB as the rest of them are). */

const KB = 1024;
const MB = 1024 * 1024;

/**
 * A size: `up` (a file's or an answer's size: `640 KB`, `12.5 MB`) rounds up to whole KB or tenths of a MB, so a
 * size just over a limit never reads as the limit; `nearest` (a limit itself: `900 bytes`, `195.3 KB`, `16 MB`)
 * rounds to the nearest tenth.
 */
export function sizeText(bytes: number, round: 'up' | 'nearest' = 'up'): string {
  if (round === 'up') return bytes < MB ? `${Math.ceil(bytes / KB)} KB` : `${tenths(Math.ceil((bytes / MB) * 10))} MB`;
  if (bytes < KB) return `${bytes} bytes`;
  return bytes < MB ? `${tenths(Math.round((bytes / KB) * 10))} KB` : `${tenths(Math.round((bytes / MB) * 10))} MB`;
}

function tenths(t: number): string {
  return (t / 10).toFixed(1).replace(/\.0$/, '');
}
