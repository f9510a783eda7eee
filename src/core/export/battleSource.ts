// The two inputs of `pairwise import`, streamed: a JSONL battle file's usable rows (problems reported as they come)
// and the ids of the usable records already in the results file.
import { readLineBatches } from '../results/lineReader';
import { matchImportedLine, parts } from '../results/importedLine';
import { readResultBatches } from '../results/readResults';

/** One JSON object row of a battle file: 1-based line, the object, and its trimmed text. */
export interface BattleRow { line: number; obj: Record<string, unknown>; raw: string }

/** A non-empty line of a battle file that is not a JSON object: its line and why. */
export interface BattleProblem { line: number; problem: string }

/** Yields, in line order and in batches, the JSON object rows of a JSONL battle file and its other non-empty lines' problems. */
export async function* battleRows(src: string): AsyncGenerator<(BattleRow | BattleProblem)[]> {
  for await (const lines of readLineBatches(src)) {
    const rows: (BattleRow | BattleProblem)[] = [];
    const problem = (line: number, message: string): void => { rows.push({ line, problem: message }); };
    for (const l of lines) {
      if (l.oversize) { problem(l.line, 'line too long to be a battle'); continue; }
      const t = l.text.trim();
      if (!t) continue;
      let o: unknown;
      try { o = JSON.parse(t); } catch { problem(l.line, 'not valid JSON'); continue; }
      if (typeof o !== 'object' || o === null || Array.isArray(o)) { problem(l.line, 'not a JSON object'); continue; }
      rows.push({ line: l.line, obj: o as Record<string, unknown>, raw: t });
    }
    yield rows;
  }
}

/**
 * Calls `onId` with the id of every usable record in a results file; lines `pairwise import` wrote are matched as
 * bytes (`onBytes` gets the id's byte range when given, else `onId` its Latin-1 text, which is the same for ASCII ids).
 */
export async function eachResultId(file: string, onId: (id: string) => void, onBytes?: (buf: Buffer, start: number, end: number) => void): Promise<void> {
  const takeLine = (buf: Buffer, start: number, end: number): boolean => {
    if (!matchImportedLine(buf, start, end)) return false;
    if (onBytes) onBytes(buf, parts.idStart, parts.idEnd);
    else onId(buf.toString('latin1', parts.idStart, parts.idEnd));
    return true;
  };
  for await (const batch of readResultBatches(file, { quarantine: false, takeLine })) for (const e of batch) if (e.ok) onId(e.record.id);
}
