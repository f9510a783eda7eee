// The streaming fold's record of every comparison id it has met, in file order (its position): an imported battle
// taken as bytes (importedLine.ts) is kept as a few numbers in typed arrays — sides pair, verdict, rater, time —
// and becomes an object only when an amend needs it (or the caller wants every comparison expanded).
import { NO_OPINIONS, type EffectiveComparison } from './foldAmends';
import { IdTable } from './idTable';
import { parts, VERDICT_CODES } from './importedLine';
import { SCHEMA_VERSION, type ComparisonRecord, type SideRecord, type Verdict } from './schema';

/** Flags of a position. */
export const OBJECT = 1, DELETED = 2, MATCHED = 4, NEEDED = 8;

const REPO: ComparisonRecord['repo'] = Object.freeze({ name: 'imported' });
const PROMPT: ComparisonRecord['prompt'] = Object.freeze({});

/** Shared, frozen sides of imported battles by their four names. */
class ImportedSides {
  private readonly byKey = new Map<string, ComparisonRecord['sides']>();
  private readonly sides = new Map<string, SideRecord>();

  private side(preset: string, model: string): SideRecord {
    // Names taken as bytes are printable ASCII, so U+0000 separates them safely.
    const key = `${preset}\u0000${model}`;
    let s = this.sides.get(key);
    if (!s) { s = Object.freeze({ preset, model, status: 'ok' as const }); this.sides.set(key, s); }
    return s;
  }

  /** The shared `{a, b}` of these names. */
  get(pa: string, ma: string, pb: string, mb: string): ComparisonRecord['sides'] {
    const key = `${pa}\u0000${ma}\u0000${pb}\u0000${mb}`;
    let s = this.byKey.get(key);
    if (!s) { s = Object.freeze({ a: this.side(pa, ma), b: this.side(pb, mb) }); this.byKey.set(key, s); }
    return s;
  }
}

/** Small values (side pairs, raters) found by their bytes: one index per distinct byte string. */
class ByteInterner {
  private readonly byHash = new Map<number, number[]>();
  private readonly keys: Buffer[] = [];

  /** The index of bytes [s, e), or -1 when they are new. */
  find(buf: Uint8Array, s: number, e: number, h: number): number {
    const list = this.byHash.get(h);
    if (!list) return -1;
    for (const i of list) {
      const k = this.keys[i];
      if (k.length !== e - s) continue;
      let j = 0;
      while (j < k.length && k[j] === buf[s + j]) j++;
      if (j === k.length) return i;
    }
    return -1;
  }

  /** Adds new bytes [s, e) and returns their index. */
  add(buf: Uint8Array, s: number, e: number, h: number): number {
    const i = this.keys.length;
    this.keys.push(Buffer.from(buf.subarray(s, e)));
    const list = this.byHash.get(h);
    if (list) list.push(i); else this.byHash.set(h, [i]);
    return i;
  }
}

const text = (buf: Uint8Array, s: number, e: number): string => Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');

/** Every comparison id of the fold by position, with imported battles kept as columns. */
export class FoldTable {
  readonly ids: IdTable;
  flags: Uint8Array;
  /** Imported battle: index of its sides pair; object: index in the caller's object list. */
  ref: Int32Array;
  private verdict: Uint8Array;
  private rater: Int32Array;
  /** Time in ms (toISOString gives it back), or NaN: then the time as written is in `otherTimes`. */
  private timeMs: Float64Array;
  private readonly otherTimes = new Map<number, string>();
  /** Line of each position's first record (the file order of comparisons). */
  line: Uint32Array;
  /** Largest line number stored. */
  maxLine = 0;
  private readonly sides = new ImportedSides();
  private readonly pairKeys = new ByteInterner();
  /** Sides of each pair index (shared, frozen). */
  readonly pairs: ComparisonRecord['sides'][] = [];
  private readonly raterKeys = new ByteInterner();
  private readonly raters: string[] = [];

  /** Room for `expected` ids before any column grows (typed arrays are only paged in as they fill). */
  constructor(expected = 1024) {
    const n = Math.max(1024, Math.min(expected, 1 << 24));
    this.ids = new IdTable(n);
    this.flags = new Uint8Array(n); this.ref = new Int32Array(n); this.verdict = new Uint8Array(n); this.rater = new Int32Array(n);
    this.timeMs = new Float64Array(n); this.line = new Uint32Array(n);
  }

  /** Positions so far. */
  get size(): number { return this.ids.size; }

  /** The position of the id in bytes [s, e), or -1. */
  find(buf: Uint8Array, s: number, e: number, h: number): number { return this.ids.find(buf, s, e, h); }

  /** Adds the imported battle `parts` describes, read at `line` (its id is new); returns its position. */
  addImported(buf: Uint8Array, h: number, line: number): number {
    const p = this.ids.add(buf, parts.idStart, parts.idEnd, h);
    this.grow(p);
    this.setLine(p, line);
    const hs = parts.sidesHash;
    let pair = this.pairKeys.find(buf, parts.sidesStart, parts.sidesEnd, hs);
    if (pair < 0) {
      pair = this.pairKeys.add(buf, parts.sidesStart, parts.sidesEnd, hs);
      const n = parts.names;
      this.pairs.push(this.sides.get(text(buf, n[0], n[1]), text(buf, n[2], n[3]), text(buf, n[4], n[5]), text(buf, n[6], n[7])));
    }
    let r = -1;
    if (parts.raterStart >= 0) {
      const hr = parts.raterHash;
      r = this.raterKeys.find(buf, parts.raterStart, parts.raterEnd, hr);
      if (r < 0) {
        r = this.raterKeys.add(buf, parts.raterStart, parts.raterEnd, hr);
        this.raters.push(text(buf, parts.raterStart, parts.raterEnd));
      }
    }
    this.timeMs[p] = parts.timeMs;
    if (Number.isNaN(parts.timeMs)) this.otherTimes.set(p, text(buf, parts.timeStart, parts.timeEnd));
    this.flags[p] = 0; this.ref[p] = pair; this.verdict[p] = parts.verdict; this.rater[p] = r;
    return p;
  }

  /**
   * A comparison read as an object at `line`, `index` in the caller's list: a new position, or the position of an
   * imported battle with the same id read from a later line (taken before this line's chunk was yielded), which this
   * record replaces as the first of its id. Returns the position, and whether the record is the first of its id.
   */
  addObject(id: string, index: number, line: number): { p: number; first: boolean } {
    let p = this.ids.findString(id);
    if (p >= 0 && (this.flags[p] & OBJECT || this.line[p] < line)) return { p, first: false };
    if (p < 0) { p = this.ids.addString(id); this.grow(p); }
    this.flags[p] = OBJECT | (this.flags[p] & MATCHED); this.ref[p] = index;
    this.setLine(p, line);
    return { p, first: true };
  }

  /** Positions in file order (of their first record's line). */
  inFileOrder(): Int32Array {
    const byLine = new Int32Array(this.maxLine + 1).fill(-1);
    for (let p = 0; p < this.size; p++) byLine[this.line[p]] = p;
    const out = new Int32Array(this.size);
    let k = 0;
    for (let l = 0; l < byLine.length; l++) if (byLine[l] >= 0) out[k++] = byLine[l];
    return out;
  }

  private setLine(p: number, line: number): void {
    if (line > 0xffffffff) throw new Error('a results file of more than 4,294,967,295 lines cannot be read for a report');
    this.line[p] = line;
    if (line > this.maxLine) this.maxLine = line;
  }

  /** The time of an imported battle's position, as written. */
  timeOf(p: number): string {
    const ms = this.timeMs[p];
    return Number.isNaN(ms) ? (this.otherTimes.get(p) ?? '') : new Date(ms).toISOString();
  }

  /** The verdict of an imported battle's position. */
  verdictOf(p: number): Verdict { return VERDICT_CODES[this.verdict[p]]; }

  /** The imported battle at position p as its effective comparison (no amends yet): the record parseRecordLine gives. */
  materialize(p: number): EffectiveComparison {
    const r = this.rater[p];
    const id = this.ids.idOf(p), time = this.timeOf(p), sides = this.pairs[this.ref[p]], verdict = this.verdictOf(p);
    return (r < 0
      ? { schema: SCHEMA_VERSION, type: 'comparison', id, time, repo: REPO, mode: 'pin', prompt: PROMPT, sides, blind: true, swapped: false, verdict, imported: true,
        amendCount: 0, secondOpinions: NO_OPINIONS, judgeOpinions: NO_OPINIONS }
      : { schema: SCHEMA_VERSION, type: 'comparison', id, time, repo: REPO, mode: 'pin', prompt: PROMPT, sides, blind: true, swapped: false, verdict, imported: true,
        rater: this.raters[r], amendCount: 0, secondOpinions: NO_OPINIONS, judgeOpinions: NO_OPINIONS }) as EffectiveComparison;
  }

  private grow(p: number): void {
    if (p < this.flags.length) return;
    const n = this.flags.length * 2;
    const g = <T extends Uint8Array | Int32Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => { const b = make(n); b.set(a); return b; };
    this.flags = g(this.flags, (k) => new Uint8Array(k));
    this.ref = g(this.ref, (k) => new Int32Array(k));
    this.verdict = g(this.verdict, (k) => new Uint8Array(k));
    this.rater = g(this.rater, (k) => new Int32Array(k));
    this.timeMs = g(this.timeMs, (k) => new Float64Array(k));
    this.line = g(this.line, (k) => new Uint32Array(k));
  }
}
