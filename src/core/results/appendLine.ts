import { constants } from 'node:fs';
import { lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import lockfile from 'proper-lockfile';

/** How long a lock may go untouched before another process treats it as abandoned, and how long to wait. */
export interface LockSettings { staleMs: number; waitMs: number }

/** Defaults: a lock untouched for 10 s is stale (its holder died); a writer waits up to 30 s. */
export const DEFAULT_LOCK: LockSettings = { staleMs: 10_000, waitMs: 30_000 };

/** Path of the sibling lock (a directory created atomically by proper-lockfile). */
export function lockPathFor(file: string): string {
  return `${file}.lock`;
}

async function withLock<T>(file: string, settings: LockSettings, fn: () => Promise<T>): Promise<T> {
  const maxTimeout = 25;
  let compromised: Error | null = null;
  const release = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: lockPathFor(file),
    stale: settings.staleMs,
    retries: { retries: Math.ceil(settings.waitMs / maxTimeout) + 10, minTimeout: 1, maxTimeout, factor: 1.4, randomize: true },
    onCompromised: (err) => { compromised = err; },
  });
  try {
    return await fn();
  } finally {
    if (!compromised) await release().catch(() => undefined);
  }
}

const APPEND_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

/**
 * Opens a file for appending without following a symlink at its name: a repository can ship
 * `.pairwise/results.jsonl` (or its `.corrupt` side file) as a link to `~/.bashrc`, and a record holds text a
 * shell would expand. A link fails with a message saying so.
 */
export async function openForAppend(file: string): Promise<FileHandle> {
  // The default folder (`<repo>/.pairwise`) may itself be a shipped link, e.g. to ~/.bashrc.d, whose files a shell sources.
  const dir = dirname(file);
  if (basename(dir) === '.pairwise' && (await lstat(dir).catch(() => null))?.isSymbolicLink()) {
    throw new Error(`${dir} is a symbolic link; Pairwise never writes results through a link (a repository could point it at any folder). Remove the link or choose another results file.`);
  }
  try {
    return await open(file, APPEND_FLAGS, 0o666);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') {
      throw new Error(`${file} is a symbolic link; Pairwise never writes results through a link (a repository could point it at any file). Remove the link or choose another results file.`, { cause: e });
    }
    throw e;
  }
}

/** Appends text to a file opened with openForAppend (no symlink followed). */
export async function appendNoFollow(file: string, text: string): Promise<void> {
  const fh = await openForAppend(file);
  try {
    await fh.write(text);
  } finally {
    await fh.close();
  }
}

/**
 * Appends one complete line (must end with '\n') in a single write under the advisory lock, then fsyncs.
 * If the file ends without a newline (a torn write from a killed process), a '\n' is put first so the new
 * line never glues onto the fragment.
 */
export async function appendLineLocked(file: string, line: string, settings: LockSettings = DEFAULT_LOCK): Promise<void> {
  if (!line.endsWith('\n') || line.indexOf('\n') !== line.length - 1) throw new Error('appendLineLocked needs exactly one line ending in \\n');
  await appendLinesLocked(file, line, settings);
}

/** Appends several complete lines (text ending in '\n') in one write under one lock and one fsync. */
export async function appendLinesLocked(file: string, lines: string, settings: LockSettings = DEFAULT_LOCK): Promise<void> {
  if (!lines.endsWith('\n')) throw new Error('appendLinesLocked needs text ending in \\n');
  const line = lines;
  await mkdir(dirname(file), { recursive: true });
  await withLock(file, settings, async () => {
    const fh = await openForAppend(file);
    try {
      const { size } = await fh.stat();
      let data = Buffer.from(line, 'utf8');
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== 10) data = Buffer.concat([Buffer.from('\n'), data]);
      }
      let written = 0;
      while (written < data.length) {
        const { bytesWritten } = await fh.write(data, written, data.length - written);
        written += bytesWritten;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}
