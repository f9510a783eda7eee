// Finding and reading the results file for report/export/merge: default path, problems on stderr,
// and dropping batch attempts that a later attempt of the same cell superseded.
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { latestPerCell, ResultsStore, resultsPathFor, type ReadProblem, type ResultRecord } from '../core/results';
import { terminalSafe, type CliIo } from './io';

/** Absolute results path: `--results` as given (relative to cwd), else `<root or cwd>/.pairwise/results.jsonl`. */
export function resultsFileFor(io: CliIo, explicit: string | undefined, root?: string): string {
  if (explicit) return isAbsolute(explicit) ? explicit : resolve(io.cwd, explicit);
  const r = resultsPathFor({ location: 'workspace', workspaceRoot: root ? resolve(io.cwd, root) : io.cwd });
  return r.ok ? r.path : resolve(io.cwd, '.pairwise', 'results.jsonl');
}

/**
 * Why an input results file cannot be read (missing, a folder, unreadable), as one actionable sentence; null when it is
 * a readable file. A missing input is an error, never an empty report or a header-only export.
 */
export async function missingInput(file: string): Promise<string | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? null : `${file} is not a file.`;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `no results file at ${file} — run 'pairwise compare' first or pass --results FILE.`;
    return `cannot read ${file}: ${(e as Error).message}`;
  }
}

/** Reads a results file (an unreadable or missing one was refused by missingInput first); unusable lines are reported on stderr, not fatal. */
export async function readResultsFile(io: CliIo, file: string, command: string): Promise<ResultRecord[]> {
  const { records, problems } = await new ResultsStore(file).readAll({ quarantine: false });
  reportProblems(io, file, command, problems, problems.length);
  return latestPerCell(records);
}

/** Writes the first five unusable lines of a results file to stderr, and how many more there were (`count` in all). */
export function reportProblems(io: CliIo, file: string, command: string, problems: readonly ReadProblem[], count: number): void {
  for (const p of problems.slice(0, 5)) io.stderr.write(`pairwise ${command}: ${file}:${p.line}: skipped ${p.kind} line: ${terminalSafe(p.message)}\n`);
  if (count > 5) io.stderr.write(`pairwise ${command}: … and ${count - 5} more unusable lines in ${file}\n`);
}
