// Loads papers and builds the context (core buildContext) for the CLI: paper cache location, pool files,
// and the record's paper fields.
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { buildContext } from '../core/context/buildContext';
import type { ContextManifest } from '../core/context/types';
import { loadPaper } from '../core/paper/loadPaper';
import { loadPaperPool } from '../core/paper/paperPool';
import type { Paper, PaperInput } from '../core/paper/types';
import type { BuiltPrompt } from '../core/prompt/types';
import type { ComparisonRecord } from '../core/results';

/** A built context ready to send, plus what the record says about the paper. */
export interface PreparedContext {
  prompt: BuiltPrompt;
  manifest: ContextManifest;
  /** The exact text that would be sent (system, blocks, task). */
  promptBytes: string;
  warnings: string[];
  paperRecord?: ComparisonRecord['paper'];
}

/** Where the CLI caches downloaded papers: $PAIRWISE_PAPER_CACHE, else $XDG_CACHE_HOME/pairwise/papers. */
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

/** The record's paper fields for a pinned paper. */
export function paperRecordOf(p: Paper): NonNullable<ComparisonRecord['paper']> {
  return { id: p.id, title: p.title, hash: p.hash, ...(p.version ? { version: p.version } : {}) };
}

/** Builds the context for a repo and a pinned paper (pin) or a pool (selection). */
export async function prepareContext(opts: { repoRoot: string; mode: 'pin' | 'selection'; papers: Paper[]; budget?: number }): Promise<{ ok: true; context: PreparedContext } | { ok: false; error: string }> {
  const built = await buildContext({
    repoRoot: opts.repoRoot,
    ...(opts.mode === 'selection' ? { selection: { papers: opts.papers } } : opts.papers[0] ? { paper: opts.papers[0] } : {}),
    ...(opts.budget ? { budgetTokens: opts.budget } : {}),
  });
  if (!built.ok) return built;
  const context: PreparedContext = { prompt: built.prompt, manifest: built.manifest, promptBytes: built.promptBytes, warnings: built.warnings };
  if (opts.mode === 'pin' && opts.papers[0]) context.paperRecord = paperRecordOf(opts.papers[0]);
  return { ok: true, context };
}
