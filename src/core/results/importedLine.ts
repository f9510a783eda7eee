// Recognising the line `pairwise import` writes for a battle, on its bytes: no decode, no JSON.parse, no string.
// Accepted only when every string is printable ASCII without quote or backslash (so its bytes are its value), the
// keys come in import's exact order and the time is valid; anything else is declined and read the ordinary way, so a
// line accepted here is exactly the record parseRecordLine would give (importedLine.test.ts checks this).
import { FNV_BASIS } from './idTable';
import { SCHEMA_VERSION, type Verdict } from './schema';

const enc = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));
const HEAD = enc(`{"schema":${SCHEMA_VERSION},"type":"comparison","id":"`);
const TIME = enc('","time":"');
const SIDE_A = enc('","repo":{"name":"imported"},"mode":"pin","prompt":{},"sides":{"a":{"preset":"');
const MODEL = enc('","model":"');
const SIDE_B = enc('","status":"ok"},"b":{"preset":"');
const VERDICT = enc('","status":"ok"}},"blind":true,"swapped":false,"verdict":"');
const IMPORTED = enc('","imported":true');
const RATER = enc(',"rater":"');
const SEPS = [SIDE_A, MODEL, SIDE_B, MODEL];

/** Verdicts by their code in an imported line's columns. */
export const VERDICT_CODES: readonly Verdict[] = ['a', 'b', 'tie', 'both_bad', 'pending'];
const VERDICT_BYTES = VERDICT_CODES.map(enc);

/**
 * Where the parts of the last accepted line are (byte positions in its buffer): id, time, the four side names
 * (preset a, model a, preset b, model b), the whole span from preset a to model b (it names the sides exactly),
 * the verdict's code, and the rater (raterStart -1 when absent).
 */
export const parts = { idStart: 0, idEnd: 0, timeStart: 0, timeEnd: 0, names: [0, 0, 0, 0, 0, 0, 0, 0], sidesStart: 0, sidesEnd: 0, verdict: 0, raterStart: -1, raterEnd: -1,
  /** hashBytes of the id, of the four side names together, and of the rater, computed while scanning. */
  idHash: 0, sidesHash: 0, raterHash: 0,
  /** The time in ms when it is in toISOString's exact form (so that form gives it back), else NaN. */
  timeMs: Number.NaN };

/** FNV-1a state of the last str() scan, continued from its `h` argument. */
let scanHash = 0;

/** Position after `lit` when it is at `p`, else -1. */
function lit(buf: Uint8Array, p: number, end: number, l: Uint8Array): number {
  if (p < 0 || p + l.length > end) return -1;
  for (let i = 0; i < l.length; i++) if (buf[p + i] !== l[i]) return -1;
  return p + l.length;
}

/**
 * End of a string body at `p` (at its closing quote), or -1 on a byte outside printable ASCII, a backslash or no
 * quote; scanHash is then FNV-1a of its bytes continued from `h` (hashBytes when h is the FNV basis).
 */
function str(buf: Uint8Array, p: number, end: number, h = FNV_BASIS): number {
  if (p < 0) return -1;
  for (let i = p; i < end; i++) {
    const c = buf[i];
    if (c === 0x22) { scanHash = h >>> 0; return i; }
    if (c < 0x20 || c > 0x7e || c === 0x5c) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return -1;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digits = (buf: Uint8Array, p: number, n: number): number => {
  let v = 0;
  for (let i = p; i < p + n; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
};

/** True when bytes [s, e) are a time Date.parse accepts: the plain ISO form checked here, anything else parsed; sets parts.timeMs. */
function validTime(buf: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  parts.timeMs = Number.NaN;
  if ((n === 20 || n === 24) && buf[s + 4] === 45 && buf[s + 7] === 45 && buf[s + 10] === 84 && buf[s + 13] === 58 && buf[s + 16] === 58 && buf[e - 1] === 90) {
    const y = digits(buf, s, 4), mo = digits(buf, s + 5, 2), d = digits(buf, s + 8, 2);
    const h = digits(buf, s + 11, 2), mi = digits(buf, s + 14, 2), se = digits(buf, s + 17, 2);
    const ms = n === 24 ? (buf[s + 19] === 46 ? digits(buf, s + 20, 3) : -1) : 0;
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= DAYS[mo - 1] && h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 60 && ms >= 0) {
      if (n === 24 && y >= 100) parts.timeMs = Date.UTC(y, mo - 1, d, h, mi, se, ms);
      return true;
    }
  }
  return !Number.isNaN(Date.parse(Buffer.from(buf.buffer, buf.byteOffset + s, n).toString('latin1')));
}

/** True when bytes [start, end) are an imported battle in import's exact layout; its parts are then in `parts`. */
export function matchImportedLine(buf: Uint8Array, start: number, end: number): boolean {
  let p = lit(buf, start, end, HEAD);
  const idEnd = str(buf, p, end);
  if (idEnd <= p) return false;
  parts.idStart = p; parts.idEnd = idEnd; parts.idHash = scanHash;
  p = lit(buf, idEnd, end, TIME);
  const timeEnd = str(buf, p, end);
  if (timeEnd <= p || timeEnd - p > 64) return false;
  parts.timeStart = p; parts.timeEnd = timeEnd;
  const names = parts.names;
  p = timeEnd;
  let h = FNV_BASIS;
  for (let k = 0; k < 4; k++) {
    const s = lit(buf, p, end, SEPS[k]);
    const e = str(buf, s, end, h);
    if (e <= s) return false;
    // A separator between names: a side's preset and model are told apart from another split of the same bytes.
    h = Math.imul(scanHash ^ 0x22, 0x01000193);
    names[2 * k] = s; names[2 * k + 1] = e;
    p = e;
  }
  parts.sidesStart = names[0]; parts.sidesEnd = names[7]; parts.sidesHash = h >>> 0;
  p = lit(buf, p, end, VERDICT);
  if (p < 0) return false;
  let v = 0;
  for (; v < VERDICT_BYTES.length; v++) {
    const q = lit(buf, p, end, VERDICT_BYTES[v]);
    if (q > 0 && lit(buf, q, end, IMPORTED) > 0) { p = q; break; }
  }
  if (v === VERDICT_BYTES.length) return false;
  parts.verdict = v;
  p = lit(buf, p, end, IMPORTED);
  parts.raterStart = -1; parts.raterEnd = -1;
  if (p === end - 1 && buf[p] === 0x7d) return validTime(buf, parts.timeStart, parts.timeEnd);
  const rs = lit(buf, p, end, RATER);
  if (rs < 0) return false;
  const re = str(buf, rs, end);
  if (re < 0 || re + 2 !== end || buf[re + 1] !== 0x7d) return false;
  parts.raterStart = rs; parts.raterEnd = re; parts.raterHash = scanHash;
  return validTime(buf, parts.timeStart, parts.timeEnd);
}
