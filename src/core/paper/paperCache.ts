/** On-disk cache of arXiv papers by id and version, so later runs work offline. */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Paper } from './types';

const SCHEMA = 'pairwise-paper-cache/1';

function dirFor(cacheDir: string, arxivId: string): string {
  return join(cacheDir, 'arxiv', arxivId.replace(/[^A-Za-z0-9.-]/g, '_'));
}

/** Reads a cached paper (a specific version, or the highest cached version when version is omitted). */
export async function readCachedPaper(cacheDir: string, arxivId: string, version?: string): Promise<Paper | null> {
  const dir = dirFor(cacheDir, arxivId);
  let v = version;
  if (!v) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return null;
    }
    const versions = names.map((n) => /^v(\d+)\.json$/.exec(n)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]));
    if (versions.length === 0) return null;
    v = `v${Math.max(...versions)}`;
  }
  try {
    const data = JSON.parse(await readFile(join(dir, `${v}.json`), 'utf8')) as { schema?: string; paper?: Paper };
    return data.schema === SCHEMA && data.paper ? data.paper : null;
  } catch {
    return null;
  }
}

/** Writes a paper to the cache atomically (temp file + rename). */
export async function writeCachedPaper(cacheDir: string, paper: Paper): Promise<void> {
  if (!paper.arxivId || !paper.version) return;
  const dir = dirFor(cacheDir, paper.arxivId);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${paper.version}.json`);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, JSON.stringify({ schema: SCHEMA, paper }), 'utf8');
  await rename(tmp, file);
}
