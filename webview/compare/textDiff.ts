/**
 * Draft A vs draft B: a line diff (jsdiff diffLines), then word highlights only inside changed hunk pairs,
 * each pair capped in size and all of them sharing one time budget, so two 50 KB drafts diff in a few
 * milliseconds instead of the seconds a whole-document word diff can take. Pure; rendered by diffView.ts.
 */
import { diffLines, diffWordsWithSpace, type Change } from 'diff';

/** A piece of a line: unchanged, or only in B (add), or only in A (del). */
export interface Seg { kind: 'same' | 'add' | 'del'; text: string }
/** A changed line with its 1-based number; segs null when word highlighting was skipped. */
export interface DiffLine { no: number; text: string; segs: Seg[] | null }
/** Why a changed hunk has no word highlights. */
export type WordDiffSkip = 'too_large' | 'time_budget' | 'one_sided' | null;
/** A run of equal lines, or a hunk of removed (A) and added (B) lines. */
export type DiffBlock =
  | { kind: 'same'; startA: number; startB: number; lines: string[] }
  | { kind: 'change'; del: DiffLine[]; add: DiffLine[]; skipped: WordDiffSkip };
/** The whole comparison plus what the caps cut. */
export interface DraftDiff {
  blocks: DiffBlock[]; added: number; removed: number; unchanged: number;
  lineDiff: 'ok' | 'timeout'; wordDiffSkipped: number; elapsedMs: number;
}
/** Limits: per hunk pair size, global word-diff budget, line-diff timeout, and the clock. */
export interface DiffCaps { maxHunkChars: number; timeBudgetMs: number; lineTimeoutMs: number; now: () => number }
/** Defaults tuned so a 50 KB pair stays well under a frame budget of 150 ms. */
export const DEFAULT_DIFF_CAPS: DiffCaps = { maxHunkChars: 6000, timeBudgetMs: 80, lineTimeoutMs: 1500, now: () => performance.now() };

function toLines(value: string): string[] {
  const parts = value.split('\n');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Splits word-diff changes into per-line segments for one side. */
function segmentsByLine(changes: Change[], side: 'del' | 'add'): Seg[][] {
  const lines: Seg[][] = [[]];
  for (const c of changes) {
    if ((side === 'del' && c.added) || (side === 'add' && c.removed)) continue;
    const kind: Seg['kind'] = c.added ? 'add' : c.removed ? 'del' : 'same';
    const parts = c.value.split('\n');
    parts.forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text) lines[lines.length - 1].push({ kind, text });
    });
  }
  return lines;
}

function wordHighlight(block: Extract<DiffBlock, { kind: 'change' }>, caps: DiffCaps, deadline: number): WordDiffSkip {
  if (block.del.length === 0 || block.add.length === 0) return 'one_sided';
  const a = block.del.map((l) => l.text).join('\n');
  const b = block.add.map((l) => l.text).join('\n');
  if (a.length + b.length > caps.maxHunkChars) return 'too_large';
  const remaining = deadline - caps.now();
  if (remaining <= 0) return 'time_budget';
  const changes = diffWordsWithSpace(a, b, { timeout: Math.max(1, Math.floor(remaining)) });
  if (!changes) return 'time_budget';
  const del = segmentsByLine(changes, 'del');
  const add = segmentsByLine(changes, 'add');
  if (del.length !== block.del.length || add.length !== block.add.length) return 'time_budget';
  block.del.forEach((l, i) => { l.segs = del[i]; });
  block.add.forEach((l, i) => { l.segs = add[i]; });
  return null;
}

/** Diffs two drafts line by line, then word by word inside each changed hunk within the caps. */
export function computeDraftDiff(a: string, b: string, partial: Partial<DiffCaps> = {}): DraftDiff {
  const caps = { ...DEFAULT_DIFF_CAPS, ...partial };
  const start = caps.now();
  let changes = diffLines(a, b, { timeout: caps.lineTimeoutMs });
  const lineDiff = changes ? 'ok' : 'timeout';
  changes ??= [{ value: a, removed: true, added: false, count: 0 }, { value: b, added: true, removed: false, count: 0 }];
  const blocks: DiffBlock[] = [];
  let noA = 1, noB = 1, added = 0, removed = 0, unchanged = 0;
  let open: Extract<DiffBlock, { kind: 'change' }> | null = null;
  for (const c of changes) {
    if (!c.value) continue;
    const lines = toLines(c.value);
    if (!c.added && !c.removed) {
      open = null;
      blocks.push({ kind: 'same', startA: noA, startB: noB, lines });
      noA += lines.length; noB += lines.length; unchanged += lines.length;
      continue;
    }
    if (!open) { open = { kind: 'change', del: [], add: [], skipped: null }; blocks.push(open); }
    for (const text of lines) {
      if (c.removed) { open.del.push({ no: noA++, text, segs: null }); removed++; } else { open.add.push({ no: noB++, text, segs: null }); added++; }
    }
  }
  const deadline = start + caps.timeBudgetMs;
  let wordDiffSkipped = 0;
  for (const block of blocks) {
    if (block.kind !== 'change') continue;
    block.skipped = wordHighlight(block, caps, deadline);
    if (block.skipped && block.skipped !== 'one_sided') wordDiffSkipped++;
  }
  return { blocks, added, removed, unchanged, lineDiff, wordDiffSkipped, elapsedMs: caps.now() - start };
}

/** For an unchanged run: which lines to show around changes and how many to fold. */
export function foldSame(lines: readonly string[], context: number, atStart: boolean, atEnd: boolean): { head: number; hidden: number; tail: number } {
  const head = atStart ? 0 : Math.min(context, lines.length);
  const tail = atEnd ? 0 : Math.min(context, lines.length - head);
  const hidden = lines.length - head - tail;
  return hidden <= 1 ? { head: lines.length, hidden: 0, tail: 0 } : { head, hidden, tail };
}
