import type { Rate } from './types';

/** Whole-number percentage of a fraction, e.g. 0.263 -> "26%". */
export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** A count out of a total with its rounded percentage ("5 / 19 (26%)"); a zero count prints as "0". */
export function countOf(count: number, total: number): string {
  if (count === 0) return '0';
  return `${count} / ${total} (${pct(count / total)})`;
}

/** Successes that may be fractional (ties as ½), printed without trailing zeros. */
export function num(x: number, digits = 1): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/** A rate with counts and Wilson interval; never a bare percentage. Small samples are labelled. */
export function fmtRate(r: Rate): string {
  if (r.n === 0 || r.p === null || r.lo === null || r.hi === null) return 'no data';
  const core = `${pct(r.p)} (95% CI ${Math.round(r.lo * 100)}–${pct(r.hi)}; ${num(r.successes)} of ${r.n})`;
  return r.smallSample ? `small sample: ${core}` : core;
}

/**
 * US dollars: cents from $1 up, two significant digits below (so $0.017 and $0.0022 read alike, never "$0.02" for
 * $0.0173 next to "$0.0022").
 */
export function usd(x: number | null): string {
  if (x === null) return '—';
  if (x === 0) return '$0.00';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  return `${sign}$${a >= 1 ? a.toFixed(2) : a.toPrecision(2)}`;
}

/** A duration in ms as 1m34s / 12.3s / 850ms. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${sec}s` : `${m}m${sec}s`;
}

/** An integer with thousands separators (199,864). */
export function int(x: number | null): string {
  if (x === null) return '—';
  return Math.round(x).toLocaleString('en-US');
}

/** Escapes text for a Markdown table cell (pipes, newlines, and HTML-significant characters). */
export function mdCell(s: string): string {
  // A lone CR is a line break in CommonMark too; other control characters would reach a terminal the report is printed to.
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return s.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r\n?|\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
