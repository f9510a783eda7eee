/** Files touched by a PR draft's unified diff, with +/- counts (jsdiff parsePatch). Pure. */
import { parsePatch } from 'diff';

/** One changed file. */
export interface PatchFile { path: string; added: number; removed: number; status: 'modified' | 'added' | 'deleted' | 'renamed' }
/** The files, or why the patch could not be read. */
export type PatchSummary = { ok: true; files: PatchFile[] } | { ok: false; message: string };

function clean(name: string | undefined): string {
  if (!name) return '';
  const n = name.split('\t')[0].trim();
  return n === '/dev/null' ? n : n.replace(/^[ab]\//, '');
}

/** Summarises a unified diff; malformed patches yield a message instead of throwing. */
export function summarizePatch(patch: string): PatchSummary {
  if (!patch.trim()) return { ok: true, files: [] };
  let parsed: ReturnType<typeof parsePatch>;
  try { parsed = parsePatch(patch); } catch (e) {
    return { ok: false, message: `The patch could not be parsed: ${e instanceof Error ? e.message : String(e)}` };
  }
  const files: PatchFile[] = [];
  for (const p of parsed) {
    const oldName = clean(p.oldFileName), newName = clean(p.newFileName);
    if (!oldName && !newName && p.hunks.length === 0) continue;
    let added = 0, removed = 0;
    for (const h of p.hunks) for (const line of h.lines) { if (line.startsWith('+')) added++; else if (line.startsWith('-')) removed++; }
    const status = oldName === '/dev/null' ? 'added' : newName === '/dev/null' ? 'deleted' : oldName && newName && oldName !== newName ? 'renamed' : 'modified';
    files.push({ path: status === 'deleted' ? oldName : newName || oldName, added, removed, status });
  }
  return { ok: true, files };
}
