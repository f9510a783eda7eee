/**
 * Myers' O(ND) shortest edit script over interned integer sequences (lines or word tokens), with a cost cap
 * and a deadline so a pathological pair gives up instead of freezing the webview. Typed arrays and integer
 * comparisons make it several times faster than diffing strings token by token. Pure.
 */

/** One run of the edit script: equal, delete (only in a) or insert (only in b). */
export interface EditRun { op: 'equal' | 'delete' | 'insert'; count: number }
/** Limits: maximum edit cost D, and an optional deadline on a clock. */
export interface MyersLimits { maxCost: number; deadline?: number; now?: () => number }

/** Maps strings to small integers so sequences compare by number. */
export class Interner {
  private readonly ids = new Map<string, number>();
  /** The id of a string (new strings get the next id). */
  id(s: string): number {
    let v = this.ids.get(s);
    if (v === undefined) { v = this.ids.size; this.ids.set(s, v); }
    return v;
  }
  /** Ids of many strings. */
  ids32(items: readonly string[]): Int32Array { const out = new Int32Array(items.length); items.forEach((s, i) => { out[i] = this.id(s); }); return out; }
}

function push(runs: EditRun[], op: EditRun['op'], count: number): void {
  if (count <= 0) return;
  const last = runs[runs.length - 1];
  if (last && last.op === op) last.count += count; else runs.push({ op, count });
}

/** The edit script turning a into b, or null when it costs more than maxCost or misses the deadline. */
export function myersDiff(a: ArrayLike<number>, b: ArrayLike<number>, limits: MyersLimits): EditRun[] | null {
  let start = 0, endA = a.length, endB = b.length;
  while (start < endA && start < endB && a[start] === b[start]) start++;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const n = endA - start, m = endB - start;
  const head: EditRun[] = [];
  push(head, 'equal', start);
  const tail = a.length - endA;
  if (n === 0 || m === 0) {
    push(head, 'delete', n); push(head, 'insert', m); push(head, 'equal', tail);
    return head;
  }
  const maxD = Math.min(n + m, limits.maxCost);
  const off = maxD + 1;
  const v = new Int32Array(2 * maxD + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= maxD && found < 0; d++) {
    if (limits.deadline !== undefined && limits.now && (d & 31) === 31 && limits.now() > limits.deadline) return null;
    trace.push(d === 0 ? new Int32Array(0) : v.slice(off - d + 1, off + d));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x] === b[start + y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) { found = d; break; }
    }
  }
  if (found < 0) return null;
  // Backtrack from (n, m) through the saved frontiers; collect runs in reverse.
  const rev: EditRun[] = [];
  let x = n, y = m;
  for (let d = found; d >= 0; d--) {
    const t = trace[d];
    const at = (k: number) => t[k + d - 1]; // t covers k in [-(d-1), d-1]
    const k = x - y;
    const prevK = d === 0 ? 0 : k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    const snake = Math.min(x - prevX - (d > 0 && prevK === k - 1 ? 1 : 0), y - prevY - (d > 0 && prevK === k + 1 ? 1 : 0));
    push(rev, 'equal', d === 0 ? x : snake);
    if (d > 0) push(rev, prevK === k + 1 ? 'insert' : 'delete', 1);
    x = prevX; y = prevY;
  }
  const runs = head;
  for (let i = rev.length - 1; i >= 0; i--) push(runs, rev[i].op, rev[i].count);
  push(runs, 'equal', tail);
  return runs;
}
