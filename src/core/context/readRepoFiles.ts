/** Reads candidate files safely (no symlink escapes, no FIFOs, size-capped) and sorts out what must be skipped. */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { classifyContent, classifyPath, skippedDirOf } from './fileFilters';
import { TERM_SCAN_CHARS, termsIn } from './paperTerms';
import type { ManifestFileOmitted } from './types';

/** A readable text file kept as a candidate for the prompt. */
export interface RepoFile {
  path: string;
  buf: Buffer;
  /** Paper terms found in the content (set when reading with a terms regex). */
  terms?: string[];
}

/** Result of reading a listing: kept files and everything left out (skipped directories collapsed to one entry). */
export interface ReadResult {
  files: RepoFile[];
  omitted: ManifestFileOmitted[];
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

type ReadOutcome = { buf: Buffer } | { omit: ManifestFileOmitted };

function readCapped(abs: string, path: string, maxBytes: number): ReadOutcome {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink fails with ELOOP instead of being followed; O_NONBLOCK: a FIFO cannot hang the open.
    fd = openSync(abs, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { omit: { path, reason: 'unreadable', detail: code ?? 'open failed' } };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { omit: { path, reason: 'not_a_file' } };
    if (st.size > maxBytes) return { omit: { path, reason: 'too_large', detail: `${st.size} bytes > ${maxBytes}` } };
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { buf: off === st.size ? buf : buf.subarray(0, off) };
  } catch (e) {
    return { omit: { path, reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? 'read failed' } };
  } finally {
    closeSync(fd);
  }
}

/** Reads one repo-relative path under root, resolving a symlink only when it stays inside root. */
export function readRepoFile(root: string, realRoot: string, path: string, maxBytes: number): ReadOutcome {
  const abs = join(root, path);
  let isLink = NOFOLLOW === 0;
  if (isLink) {
    try {
      isLink = lstatSync(abs).isSymbolicLink();
    } catch {
      return { omit: { path, reason: 'unreadable', detail: 'missing' } };
    }
  }
  if (!isLink) {
    const r = readCapped(abs, path, maxBytes);
    if (!('omit' in r) || r.omit.detail !== 'ELOOP') return r;
  }
  let target: string;
  try {
    target = realpathSync(abs);
  } catch {
    return { omit: { path, reason: 'unreadable', detail: 'broken symlink' } };
  }
  const rel = relative(realRoot, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return { omit: { path, reason: 'symlink_outside_root', detail: 'symlink not followed' } };
  }
  return readCapped(target, path, maxBytes);
}

/** Reads every listed path (matching paper terms while each file is hot in cache); yields to the event loop between batches. */
export async function readRepoFiles(root: string, paths: string[], maxBytes: number, termRe: RegExp | null = null): Promise<ReadResult> {
  const files: RepoFile[] = [];
  const omitted: ManifestFileOmitted[] = [];
  const dirCounts = new Map<string, { reason: ManifestFileOmitted['reason']; count: number }>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  let lastYield = performance.now();
  for (const path of paths) {
    const dir = skippedDirOf(path);
    if (dir) {
      const c = dirCounts.get(dir.dir) ?? { reason: dir.reason, count: 0 };
      c.count++;
      dirCounts.set(dir.dir, c);
      continue;
    }
    const byPath = classifyPath(path, false);
    if (byPath.skip) {
      omitted.push({ path, reason: byPath.reason, ...(byPath.detail ? { detail: byPath.detail } : {}) });
      continue;
    }
    const r = readRepoFile(root, realRoot, path, maxBytes);
    if ('omit' in r) {
      omitted.push(r.omit);
      continue;
    }
    const byContent = classifyContent(path, r.buf);
    if (byContent.skip) omitted.push({ path, reason: byContent.reason, ...(byContent.detail ? { detail: byContent.detail } : {}) });
    else if (termRe) files.push({ path, buf: r.buf, terms: termsIn(r.buf.toString('latin1', 0, Math.min(r.buf.length, TERM_SCAN_CHARS)), termRe) });
    else files.push({ path, buf: r.buf });
    if (performance.now() - lastYield > 25) {
      await new Promise<void>((res) => setImmediate(res));
      lastYield = performance.now();
    }
  }
  for (const [dir, c] of dirCounts) omitted.push({ path: `${dir}/`, reason: c.reason, detail: `${c.count} file${c.count === 1 ? '' : 's'}` });
  return { files, omitted };
}
