import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Result of reading a blob back: its text, or a message saying what is missing or damaged. */
export type BlobRead = { ok: true; text: string } | { ok: false; error: string };

const SAFE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Largest blob read back (far above any draft, patch or manifest); a bigger file is refused, not loaded. */
export const MAX_BLOB_BYTES = 256 * 1024 * 1024;
const HASH = /^[0-9a-f]{64}$/;

/** sha256 hex of a text's UTF-8 bytes; the name blobs are stored under. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Folder holding the large texts of one run: `<dir of results file>/runs/<runId>/`. */
export function runDirFor(resultsFile: string, runId: string): string {
  if (!SAFE_ID.test(runId) || runId === '.' || runId === '..') throw new Error(`run id ${JSON.stringify(runId)} is not a safe folder name`);
  return join(dirname(resultsFile), 'runs', runId);
}

/** Path of one blob file: `runs/<runId>/<sha256>.txt`. */
export function blobPathFor(resultsFile: string, runId: string, hash: string): string {
  if (!HASH.test(hash)) throw new Error(`${JSON.stringify(hash)} is not a sha256 hex hash`);
  return join(runDirFor(resultsFile, runId), `${hash}.txt`);
}

/**
 * A repository may ship `.pairwise/runs` (or a run folder) as a link to any folder of the user's: drafts are never
 * written through one. Throws with the folder named.
 */
async function refuseLinkedFolders(resultsFile: string, runId: string): Promise<void> {
  const runs = join(dirname(resultsFile), 'runs');
  const base = dirname(resultsFile);
  // A results file the user placed in a linked folder of their own is fine; a repository's `.pairwise` link is not.
  for (const dir of [...(basename(base) === '.pairwise' ? [base] : []), runs, join(runs, runId)]) {
    if ((await lstat(dir).catch(() => null))?.isSymbolicLink()) {
      throw new Error(`${dir} is a symbolic link; Pairwise never writes drafts through a link (a repository could point it at any folder). Remove the link.`);
    }
  }
}

/**
 * Saves a text under its content hash (write to a temp name, then rename, so readers never see half a blob)
 * and records `name -> hash` in the run's names.jsonl so a person browsing the folder knows what each file is.
 */
export async function saveBlob(resultsFile: string, runId: string, name: string, text: string): Promise<string> {
  const hash = contentHash(text);
  const path = blobPathFor(resultsFile, runId, hash);
  await refuseLinkedFolders(resultsFile, runId);
  await mkdir(dirname(path), { recursive: true });
  const exists = await stat(path).then(() => true, () => false);
  if (!exists) {
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  }
  await writeFile(join(dirname(path), 'names.jsonl'), `${JSON.stringify({ name, hash })}\n`, { flag: 'a' });
  return hash;
}

/** Reads a blob and checks its hash. */
export async function readBlob(resultsFile: string, runId: string, hash: string): Promise<BlobRead> {
  let path: string;
  try {
    path = blobPathFor(resultsFile, runId, hash);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  let text: string;
  // A results folder from elsewhere may hold a FIFO (open would block for good) or a device such as /dev/zero (read
  // without end) in place of a blob: open without blocking, and read only a regular file of bounded size.
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(() => null);
  if (!fh) return { ok: false, error: `blob ${hash.slice(0, 12)}… of run ${runId} is missing (${path}); was the runs/ folder copied with the results file?` };
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, error: `blob ${path} is not a regular file (a pipe, device or folder); Pairwise does not read it` };
    if (st.size > MAX_BLOB_BYTES) return { ok: false, error: `blob ${path} is ${st.size} bytes, over the ${MAX_BLOB_BYTES}-byte limit of a blob; Pairwise does not read it` };
    text = await fh.readFile('utf8');
  } catch (e) {
    return { ok: false, error: `blob ${path} could not be read: ${(e as Error).message}` };
  } finally {
    await fh.close().catch(() => {});
  }
  if (contentHash(text) !== hash) return { ok: false, error: `blob ${path} does not match its hash; the file was edited or damaged` };
  return { ok: true, text };
}
