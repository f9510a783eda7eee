// Git metadata a repository supplies (`.git` files, `commondir`, `gitdir`, config files and what they include) is read
// here without ever waiting on it: a hostile repository can make any of them a FIFO, and a plain read of a FIFO blocks
// until a writer appears (a synchronous one freezes the whole process).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** How to open: `noFollow` refuses a symlink as the last component (O_NOFOLLOW: it fails to open, read as missing). */
export interface NoWaitOptions {
  noFollow?: boolean;
}

/** Most bytes read from one metadata file (a larger file is read up to this). */
export const MAX_METADATA_BYTES = 1 << 20;

/** use(fd, stats) on path opened for reading without waiting (O_NONBLOCK: a FIFO opens at once); null when it cannot be opened. */
export function openNoWait<T>(path: string, use: (fd: number, st: Stats) => T, opts: NoWaitOptions = {}): T | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK | (opts.noFollow ? NOFOLLOW : 0));
  } catch {
    return null;
  }
  try {
    return use(fd, fstatSync(fd));
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's text (its first maxBytes), read without waiting: null when it is missing, unreadable or a folder;
 * 'blocking' when it is a FIFO or a device (git would wait on it).
 */
export function readNoWait(path: string, maxBytes = MAX_METADATA_BYTES, opts: NoWaitOptions = {}): string | null | 'blocking' {
  try {
    return openNoWait(path, (fd, st) => {
      if (st.isDirectory()) return null;
      if (!st.isFile()) return 'blocking';
      const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes));
      let off = 0;
      while (off < buf.length) {
        const n = readSync(fd, buf, off, buf.length - off, off);
        if (n === 0) break;
        off += n;
      }
      return buf.toString('utf8', 0, off);
    }, opts);
  } catch {
    return null; // a read error: as unreadable as a missing file
  }
}

/** The text of readNoWait, or null for anything that is not a readable regular file. */
export function textNoWait(path: string, maxBytes = MAX_METADATA_BYTES, opts: NoWaitOptions = {}): string | null {
  const t = readNoWait(path, maxBytes, opts);
  return t === 'blocking' ? null : t;
}
