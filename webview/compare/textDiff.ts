/**
 * Draft A vs draft B: a line diff, then word highlights only inside changed hunk pairs, each pair capped in
 * size and all of them sharing one time budget, so two 50 KB drafts diff in milliseconds instead of the
 * seconds a whole-document word diff takes. Both levels run Myers on interned integers (myers.ts), which is
 * several times faster than jsdiff's string-token diffs on the same input. Pure; rendered by diffView.ts.
 */
import { Interner, myersDiff, type EditRun } from './myers';

/** A piece of a word diff (same shape as jsdiff's change objects). */
interface Piece { value: string; added: boolean; removed: boolean }

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
export interface DiffCaps { maxHunkChars: number; timeBudgetMs: number; lineTimeoutMs: number; maxLineCost: number; now: () => number }
/** Defaults tuned so a 50 KB pair stays well under 150 ms. */
export const DEFAULT_DIFF_CAPS: DiffCaps = { maxHunkChars: 6000, timeBudgetMs: 80, lineTimeoutMs: 1500, maxLineCost: 6000, now: () => performance.now() };

const TOKEN = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

/** Word-level diff of two strings as pieces, or null when over the deadline. */
export function diffWordsFast(a: string, b: string, deadline: number, now: () => number): Piece[] | null {
  const ta = a.match(TOKEN) ?? [], tb = b.match(TOKEN) ?? [];
  const interner = new Interner();
  const runs = myersDiff(interner.ids32(ta), interner.ids32(tb), { maxCost: 4000, deadline, now });
  if (!runs) return null;
  const pieces: Piece[] = [];
  let i = 0, j = 0;
  for (const r of runs) {
    if (r.op === 'equal') { pieces.push({ value: ta.slice(i, i + r.count).join(''), added: false, removed: false }); i += r.count; j += r.count; }
    else if (r.op === 'delete') { pieces.push({ value: ta.slice(i, i + r.count).join(''), added: false, removed: true }); i += r.count; }
    else { pieces.push({ value: tb.slice(j, j + r.count).join(''), added: true, removed: false }); j += r.count; }
  }
  return pieces;
}

function toLines(value: string): string[] {
  const parts = value.split('\n');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function toChanges(runs: EditRun[], a: string[], b: string[]): { lines: string[]; added: boolean; removed: boolean }[] {
  let i = 0, j = 0;
  return runs.map((r) => {
    if (r.op === 'equal') { const lines = a.slice(i, i + r.count); i += r.count; j += r.count; return { lines, added: false, removed: false }; }
    if (r.op === 'delete') { const lines = a.slice(i, i + r.count); i += r.count; return { lines, added: false, removed: true }; }
    const lines = b.slice(j, j + r.count); j += r.count; return { lines, added: true, removed: false };
  });
}

/** Splits word-diff changes into per-line segments for one side. */
function segmentsByLine(changes: Piece[], side: 'del' | 'add'): Seg[][] {
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
  const changes = diffWordsFast(a, b, deadline, caps.now);
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
  const linesA = a ? toLines(a) : [], linesB = b ? toLines(b) : [];
  const interner = new Interner();
  const runs = myersDiff(interner.ids32(linesA), interner.ids32(linesB), { maxCost: caps.maxLineCost, deadline: start + caps.lineTimeoutMs, now: caps.now });
  const lineDiff = runs ? 'ok' : 'timeout';
  const changes = toChanges(runs ?? [{ op: 'delete', count: linesA.length }, { op: 'insert', count: linesB.length }], linesA, linesB);
  const blocks: DiffBlock[] = [];
  let noA = 1, noB = 1, added = 0, removed = 0, unchanged = 0;
  let open: Extract<DiffBlock, { kind: 'change' }> | null = null;
  for (const c of changes) {
    const lines = c.lines;
    if (lines.length === 0) continue;
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
