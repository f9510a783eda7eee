// `--max-output-bytes N` and `--side-deadline SECONDS`: the per-side bounds of a run, shared by compare and batch.
import { posInt, type OptionDefs, type ParsedArgs } from './args';
import type { RunOptions } from '../core/run/types';

/** The two flags, in parseArgs' shape. */
export const SIDE_LIMIT_OPTIONS: OptionDefs = { 'max-output-bytes': { type: 'string' }, 'side-deadline': { type: 'string' } };

/** Help lines for the two flags. */
export const SIDE_LIMIT_HELP = `  --max-output-bytes N   largest response one side may send, in bytes (default 16777216 = 16 MiB)
  --side-deadline S      overall seconds one side may take, retries included (default 900)`;

/** The RunOptions fields the flags set (empty when absent), or a usage error. */
export function sideLimitsFrom(args: ParsedArgs): { ok: true; options: Pick<RunOptions, 'maxOutputBytes' | 'sideDeadlineMs'> } | { ok: false; error: string } {
  const bytes = posInt(args, 'max-output-bytes', 2 ** 31);
  if (typeof bytes === 'object') return { ok: false, error: bytes.error };
  const seconds = posInt(args, 'side-deadline', 86_400);
  if (typeof seconds === 'object') return { ok: false, error: seconds.error };
  return { ok: true, options: { ...(bytes ? { maxOutputBytes: bytes } : {}), ...(seconds ? { sideDeadlineMs: seconds * 1000 } : {}) } };
}
