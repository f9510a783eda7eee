// Reads each judged comparison's saved drafts (runs/<id>/<sha256>.txt next to the results file) and counts their style.
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ResultRecord } from '../results/schema';
import { readBlob } from '../results/blobStore';
import { styleFeatures, type StyleVector } from './styleFeatures';

/** Style of both drafts of a comparison, by comparison id. */
export type StyleMap = Map<string, { a: StyleVector; b: StyleVector }>;

/** Largest number of comparisons whose drafts are read (the most recent ones); keeps a report over a huge file quick. */
export const STYLE_LOAD_LIMIT = 20_000;

/**
 * Style features of every comparison whose two drafts are saved and readable (imported battles and comparisons
 * whose blobs are missing or damaged are left out; the fit says how many battles it used).
 */
export async function loadStyleFeatures(resultsFile: string, records: Iterable<ResultRecord>, limit = STYLE_LOAD_LIMIT): Promise<StyleMap> {
  const todo: { id: string; a: [string, string | undefined]; b: [string, string | undefined] }[] = [];
  for (const r of records) {
    if (r.type !== 'comparison' || r.imported) continue;
    const { a, b } = r.sides;
    if (!a.draftHash || !b.draftHash) continue;
    todo.push({ id: r.id, a: [a.draftHash, a.patchHash], b: [b.draftHash, b.patchHash] });
  }
  const out: StyleMap = new Map();
  if (todo.length === 0) return out;
  // One listing of runs/ first: comparisons without a run folder are skipped without a failed open each (a report
  // over many comparisons whose drafts were not copied along would otherwise try two opens per comparison).
  const runs = await readdir(join(dirname(resultsFile), 'runs')).then((names) => new Set(names), (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? new Set<string>() : null));
  const read = async (id: string, [draft, patch]: [string, string | undefined]): Promise<StyleVector | null> => {
    const d = await readBlob(resultsFile, id, draft);
    if (!d.ok) return null;
    const p = patch ? await readBlob(resultsFile, id, patch) : undefined;
    return styleFeatures(d.text, p?.ok ? p.text : '');
  };
  for (const t of todo.slice(-limit)) {
    if (runs && !runs.has(t.id)) continue;
    const [a, b] = await Promise.all([read(t.id, t.a), read(t.id, t.b)]);
    if (a && b) out.set(t.id, { a, b });
  }
  return out;
}
