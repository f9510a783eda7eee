// The paper flags shared by `context` and `compare`: --paper ID|FILE, --brief TEXT, --mode, --pool.
import type { Paper } from '../core/paper/types';
import { str, type ParsedArgs } from './args';
import { loadOnePaper, loadPool } from '../core/paper/paperSources';
import type { CliIo } from './io';

/** Option definitions of the paper flags. */
export const PAPER_OPTIONS = { paper: { type: 'string' }, brief: { type: 'string' }, mode: { type: 'string' }, pool: { type: 'string' } } as const;

/** Papers chosen by the flags, or a usage error (`usage: true`) / load error. */
export type PaperChoice = { ok: true; mode: 'pin' | 'selection'; papers: Paper[]; warnings: string[] } | { ok: false; usage: boolean; error: string };

/** Reads --mode/--paper/--brief/--pool and loads the paper(s). `required` makes a pinned paper mandatory in pin mode. */
export async function choosePapers(args: ParsedArgs, io: CliIo, required: boolean): Promise<PaperChoice> {
  const mode = str(args, 'mode') ?? 'pin';
  if (mode !== 'pin' && mode !== 'selection') return { ok: false, usage: true, error: `--mode must be pin or selection, not "${mode}".` };
  const paper = str(args, 'paper');
  const brief = str(args, 'brief');
  const pool = str(args, 'pool');
  if (mode === 'selection') {
    if (!pool) return { ok: false, usage: true, error: '--mode selection needs --pool DIR|FILE (a folder of papers or a list of ids/paths).' };
    if (paper || brief) return { ok: false, usage: true, error: '--paper/--brief pin one paper; in selection mode list the papers in --pool.' };
    const r = await loadPool(pool, io.cwd, io.env);
    return r.ok ? { ok: true, mode, papers: r.papers, warnings: r.errors } : { ok: false, usage: false, error: r.error };
  }
  if (pool) return { ok: false, usage: true, error: '--pool is for --mode selection.' };
  if (paper && brief) return { ok: false, usage: true, error: 'give either --paper or --brief, not both.' };
  if (!paper && !brief) {
    return required ? { ok: false, usage: true, error: 'name the paper: --paper arxiv:ID|FILE or --brief "a few sentences".' } : { ok: true, mode, papers: [], warnings: [] };
  }
  const r = await loadOnePaper(brief !== undefined ? { brief } : (paper as string), io.cwd, io.env, io.signal);
  return r.ok ? { ok: true, mode, papers: [r.paper], warnings: [] } : { ok: false, usage: false, error: r.error };
}
