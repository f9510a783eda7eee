/** The parts of a large file that match the query: the definitions it names and the code around matched terms. */
import { DEF_LINE, termMatcher } from './codeSearch';
import type { CodeQuery } from './queryTerms';

/** An excerpt: its text (elided ranges marked), and how many of the file's lines it shows. */
export interface Excerpt {
  text: string;
  shownLines: number;
  totalLines: number;
  ranges: [number, number][];
}

interface Block {
  start: number;
  end: number;
  score: number;
}

const indentOf = (l: string) => /^[ \t]*/.exec(l)![0].replace(/\t/g, '    ').length;
const ATTACHED = /^[ \t]*(#|\/\/|\/\*|\*|@|"""|''')/;

/** The marker for an elided range (1-based, inclusive). */
export function elisionMarker(from: number, to: number): string {
  return `⋯ lines ${from}-${to} omitted ⋯`;
}

/** Scores each line by the query terms in it (weight per distinct term) and marks definition lines. */
function lineScores(lines: string[], q: CodeQuery): { score: number[]; defs: { line: number; name: string }[] } {
  const re = termMatcher(q.terms.map((t) => t.term));
  const w = new Map(q.terms.map((t) => [t.term, t.weight]));
  const score = new Array<number>(lines.length).fill(0);
  const defs: { line: number; name: string }[] = [];
  lines.forEach((l, i) => {
    if (re && l.length < 2000) {
      re.lastIndex = 0;
      // Most lines match nothing: their set is never made.
      let seen: Set<string> | null = null;
      let m: RegExpExecArray | null;
      while ((m = re.exec(l)) !== null) (seen ??= new Set<string>()).add(m[0].toLowerCase());
      if (seen) for (const t of seen) score[i] += w.get(t) ?? 0;
    }
    DEF_LINE.lastIndex = 0;
    const d = DEF_LINE.exec(l);
    if (d) defs.push({ line: i, name: d[1] });
  });
  return { score, defs };
}

/** Definition blocks: from a definition (with its comments/decorators above) to the next one at the same or outer indent. */
function blocks(lines: string[], defs: { line: number; name: string }[], score: number[], q: CodeQuery): Block[] {
  const out: Block[] = [];
  defs.forEach((d, k) => {
    const ind = indentOf(lines[d.line]);
    let end = lines.length - 1;
    for (let j = k + 1; j < defs.length; j++) {
      if (indentOf(lines[defs[j].line]) <= ind) {
        end = defs[j].line - 1;
        break;
      }
    }
    let start = d.line;
    while (start > 0 && start > d.line - 12 && ATTACHED.test(lines[start - 1])) start--;
    let s = 0;
    for (let i = d.line; i <= end; i++) s += score[i];
    if (q.identifiers.has(d.name.toLowerCase())) s += 40;
    out.push({ start, end, score: s });
  });
  return out;
}

/**
 * Picks line ranges within about maxChars: the file's first lines, the best-matching definition blocks (inner ones
 * preferred when a block is too big), and windows around the best remaining matched lines; the rest is elided.
 */
export function excerptFile(text: string, q: CodeQuery, maxChars: number): Excerpt {
  return excerpter(text, q)(maxChars);
}

/** Analyses a file once and returns a function cutting it to any size (callers retry smaller sizes). */
export function excerpter(text: string, q: CodeQuery): (maxChars: number) => Excerpt {
  const lines = text.split('\n');
  const { score, defs } = lineScores(lines, q);
  const bs = blocks(lines, defs, score, q).filter((b) => b.score > 0);
  // Dense blocks first: a matched function whole beats a big class that merely contains it.
  bs.sort((a, b) => b.score / Math.sqrt(b.end - b.start + 8) - a.score / Math.sqrt(a.end - a.start + 8) || a.start - b.start);
  const matched: number[] = [];
  for (let i = 0; i < lines.length; i++) if (score[i] > 0) matched.push(i);
  matched.sort((x, y) => score[y] - score[x] || x - y);
  return (maxChars) => cut(lines, score, bs, matched, maxChars);
}

function cut(lines: string[], score: number[], bs: Block[], matched: number[], maxChars: number): Excerpt {
  const keep = new Uint8Array(lines.length);
  let used = 0;
  const take = (a: number, b: number): boolean => {
    let cost = 0;
    for (let i = a; i <= b; i++) if (!keep[i]) cost += lines[i].length + 1;
    if (used + cost > maxChars) return false;
    for (let i = a; i <= b; i++) keep[i] = 1;
    used += cost;
    return true;
  };
  take(0, Math.min(lines.length - 1, 7));
  const window = (center: number, radius: number) => take(Math.max(0, center - radius), Math.min(lines.length - 1, center + radius));
  for (const b of bs) {
    if (used >= maxChars * 0.98) break;
    if (!take(b.start, b.end)) {
      // Too big whole: its head (signature) and the windows around its best lines.
      take(b.start, Math.min(b.end, b.start + 2));
      const best = [];
      for (let i = b.start; i <= b.end; i++) if (score[i] > 0) best.push(i);
      best.sort((x, y) => score[y] - score[x] || x - y);
      for (const i of best.slice(0, 6)) window(i, 6);
    }
  }
  for (const i of matched) {
    if (used >= maxChars * 0.98) break;
    if (keep[i]) continue;
    window(i, 8);
  }
  const out: string[] = [];
  const ranges: [number, number][] = [];
  let shown = 0;
  for (let i = 0; i < lines.length; ) {
    if (keep[i]) {
      const a = i;
      while (i < lines.length && keep[i]) out.push(lines[i++]);
      ranges.push([a + 1, i]);
      shown += i - a;
    } else {
      const a = i;
      while (i < lines.length && !keep[i]) i++;
      // A one-line gap costs less shown than marked.
      if (i - a === 1) {
        out.push(lines[a]);
        shown++;
      } else out.push(elisionMarker(a + 1, i));
    }
  }
  return { text: out.join('\n'), shownLines: shown, totalLines: lines.length, ranges };
}
