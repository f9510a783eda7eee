/** Where papers come from for a run: one paper (arXiv id/URL, file or brief), a pool (folder or list file), distinct pool ids. */
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { loadPaper } from './loadPaper';
import { loadPaperPool } from './paperPool';
import type { Paper, PaperInput } from './types';

/** Where papers are cached outside VS Code (the CLI): $PAIRWISE_PAPER_CACHE, else $XDG_CACHE_HOME/pairwise/papers. */
export function paperCacheDir(env: Record<string, string | undefined>): string {
  if (env.PAIRWISE_PAPER_CACHE) return env.PAIRWISE_PAPER_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'pairwise', 'papers');
}

/** Loads one paper (arXiv id/URL, file, or brief); relative file paths resolve against `cwd`. */
export async function loadOnePaper(input: PaperInput, cwd: string, env: Record<string, string | undefined>, signal?: AbortSignal): Promise<{ ok: true; paper: Paper } | { ok: false; error: string }> {
  const item = typeof input === 'string' && !isAbsolute(input) && !/^(arxiv:|https?:\/\/|\d{4}\.\d{4,5})/i.test(input) ? resolve(cwd, input) : input;
  const r = await loadPaper(item, { cacheDir: paperCacheDir(env), ...(signal ? { signal } : {}) });
  return r.ok ? { ok: true, paper: r.paper } : r;
}

/** Loads a selection pool from a folder of paper files, or from a list file (one id/path per line, # comments). */
export async function loadPool(source: string, cwd: string, env: Record<string, string | undefined>): Promise<{ ok: true; papers: Paper[]; errors: string[] } | { ok: false; error: string }> {
  const abs = isAbsolute(source) ? source : resolve(cwd, source);
  const st = await stat(abs).catch(() => undefined);
  if (!st) return { ok: false, error: `The paper pool ${abs} does not exist: give a folder of paper files or a list file.` };
  let pool;
  if (st.isDirectory()) pool = await loadPaperPool({ folder: abs }, { cacheDir: paperCacheDir(env) });
  else {
    const lines = (await readFile(abs, 'utf8')).split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const items = lines.map((l) => (/^(arxiv:|https?:\/\/|\d{4}\.\d{4,5})/i.test(l) || isAbsolute(l) ? l : resolve(dirname(abs), l)));
    pool = await loadPaperPool({ items }, { cacheDir: paperCacheDir(env) });
  }
  if (pool.papers.length === 0) return { ok: false, error: pool.errors[0] ?? `The paper pool ${abs} is empty.` };
  return { ok: true, papers: pool.papers, errors: pool.errors };
}

/** Gives each paper of a pool a distinct id (briefs are all "brief"), keeping the first as is. */
export function uniquePaperIds(papers: Paper[]): Paper[] {
  const used = new Set<string>();
  return papers.map((p) => {
    let id = p.id;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${p.id}-${n}`;
    used.add(id.toLowerCase());
    return id === p.id ? p : { ...p, id };
  });
}
