/** Loads a pool of papers for selection mode: a folder of paper files or a list of ids/paths. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPaper } from './loadPaper';
import type { Paper, PaperLoadOptions } from './types';

/** A loaded pool: the papers (unique ids, stable order) and per-item errors. */
export interface PaperPool {
  papers: Paper[];
  errors: string[];
}

const PAPER_FILE = /\.(pdf|md|markdown|tex|txt)$/i;

/** Loads every paper file in a folder (sorted by name) or every item of a list; ids are made unique. */
export async function loadPaperPool(source: { folder: string } | { items: string[] }, opts: PaperLoadOptions): Promise<PaperPool> {
  let items: string[];
  const errors: string[] = [];
  if ('folder' in source) {
    try {
      const names = (await readdir(source.folder, { withFileTypes: true })).filter((e) => e.isFile() && PAPER_FILE.test(e.name)).map((e) => e.name);
      items = names.sort().map((n) => join(source.folder, n));
    } catch (e) {
      return { papers: [], errors: [`Cannot read the paper folder ${source.folder}: ${(e as Error).message}`] };
    }
    if (items.length === 0) errors.push(`The paper folder ${source.folder} has no .pdf, .md, .tex or .txt files.`);
  } else items = source.items;
  const papers: Paper[] = [];
  const used = new Set<string>();
  for (const item of items) {
    const r = await loadPaper(item, opts);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    let id = r.paper.id;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${r.paper.id}-${n}`;
    used.add(id.toLowerCase());
    papers.push(id === r.paper.id ? r.paper : { ...r.paper, id });
  }
  return { papers, errors };
}
