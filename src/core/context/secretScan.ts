/** Scans text for secrets (secretlint recommended preset + own rules) and redacts each value as [redacted: rule]. */
import { createHash } from 'node:crypto';
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { findOwnSecrets, type SecretHit } from './secretRules';

/** One redaction made in a text (the value is never kept). */
export interface Redaction {
  rule: string;
  line: number;
}

/** A scanned text: the redacted text and what was redacted. */
export interface ScanResult {
  text: string;
  redactions: Redaction[];
}

const SECRETLINT_CONFIG: Parameters<typeof lintSource>[0]['options']['config'] = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }],
};

function shortRuleId(id: string): string {
  return `secretlint/${id.replace(/^@secretlint\/secretlint-rule-/, '')}`;
}

async function secretlintHits(path: string, text: string): Promise<SecretHit[]> {
  // Comments like `secretlint-disable` must not switch the scan off: neutralize them (same length, same offsets).
  const content = text.includes('secretlint-disable') ? text.replace(/secretlint-disable/g, 'secretlint-dis4ble') : text;
  const result = await lintSource({
    source: { content, filePath: path, contentType: 'text' },
    options: { config: SECRETLINT_CONFIG, noPhysicFilePath: true },
  });
  return result.messages
    .filter((m) => m.type === 'message' && m.range[1] > m.range[0])
    .map((m) => ({ start: m.range[0], end: m.range[1], rule: shortRuleId(m.ruleId) }));
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  return itemAt(starts, offset) + 1;
}

/** Merges overlapping hits (the earliest rule name wins) and returns them sorted by start. */
export function mergeHits(hits: SecretHit[]): SecretHit[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretHit[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end);
    else out.push({ ...h });
  }
  return out;
}

/** Replaces each hit with [redacted: rule]. */
export function applyRedactions(text: string, hits: SecretHit[]): ScanResult {
  if (hits.length === 0) return { text, redactions: [] };
  const merged = mergeHits(hits);
  const starts = lineStarts(text);
  const parts: string[] = [];
  let at = 0;
  const redactions: Redaction[] = [];
  for (const h of merged) {
    parts.push(text.slice(at, h.start), `[redacted: ${h.rule}]`);
    redactions.push({ rule: h.rule, line: lineOf(starts, h.start) });
    at = h.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), redactions };
}

const SEPARATOR = '\n\n\u0000\u0000\u0000\u0000\n\n';
// secretlint has file-specific checks for these names, so they are scanned on their own.
const OWN_RUN = /(^|\/)(package\.json|package-lock\.json|\.npmrc)$/;

/** Scans many texts: one secretlint run over all of them (its per-call cost dominates small files), own rules per file. */
export async function scanAndRedactMany(items: { path: string; text: string }[]): Promise<ScanResult[]> {
  const hits: SecretHit[][] = items.map((it) => findOwnSecrets(it.path, it.text));
  const batch: number[] = [];
  await Promise.all(
    items.map(async (it, i) => {
      if (OWN_RUN.test(it.path)) hits[i].push(...(await secretlintHits(it.path, it.text)));
      else batch.push(i);
    }),
  );
  if (batch.length) {
    const starts: number[] = [];
    let at = 0;
    for (const i of batch) {
      starts.push(at);
      at += items[i].text.length + SEPARATOR.length;
    }
    const joined = batch.map((i) => items[i].text).join(SEPARATOR);
    for (const h of await secretlintHits('context.txt', joined)) {
      const lo = itemAt(starts, h.start);
      const i = batch[lo];
      const len = items[i].text.length;
      const start = h.start - starts[lo];
      if (start >= len) continue;
      hits[i].push({ start, end: Math.min(len, h.end - starts[lo]), rule: h.rule });
    }
  }
  return items.map((it, i) => applyRedactions(it.text, hits[i]));
}

/** Index of the joined item a position falls in: the last start at or before `pos` (starts ascending, first is 0). */
function itemAt(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Scans one text with secretlint and the own rules, and returns it redacted. */
export async function scanAndRedact(path: string, text: string): Promise<ScanResult> {
  const hits = [...(await secretlintHits(path, text)), ...findOwnSecrets(path, text)];
  return applyRedactions(text, hits);
}

/** A path scanned like content by the own rules: the path with each secret-looking part replaced by [redacted: rule], or null when it is clean. */
export function redactSecretPath(path: string): string | null {
  const hits = findOwnSecrets('path.txt', path);
  return hits.length === 0 ? null : applyRedactions(path, hits).text;
}

/** A path scanned like content by both scanners (the own rules and secretlint's): redacted, or null when it is clean. */
export async function scanSecretPath(path: string): Promise<string | null> {
  const hits = [...findOwnSecrets('path.txt', path), ...(await secretlintHits('path.txt', path))];
  return hits.length === 0 ? null : applyRedactions(path, hits).text;
}

// The same listing (a repository compared again) gives the same answers: kept per listing, keyed by its hash.
const flaggedCache = new Map<string, ReadonlySet<number>>();
const lintedCache = new Map<string, ReadonlyMap<number, SecretHit[]>>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= 8) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** Where each path starts in the paths joined by newlines. */
function startsOf(paths: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const p of paths) {
    starts.push(at);
    at += p.length + 1;
  }
  return starts;
}

/**
 * Indexes of the paths the own rules flag, found in one pass over all paths joined by newlines (no rule matches
 * across a newline); null when that shortcut does not hold (a path with a newline, or a private-key block, whose
 * match may run past a line): then every path is scanned on its own.
 */
function flaggedPaths(paths: string[], joined: string, key: string): ReadonlySet<number> | null {
  if (paths.some((p) => p.includes('\n'))) return null;
  if (joined.includes('-----BEGIN')) return null;
  const hit = flaggedCache.get(key);
  if (hit) return hit;
  const starts = startsOf(paths);
  const out = new Set<number>();
  for (const h of findOwnSecrets('path.txt', joined)) out.add(itemAt(starts, h.start));
  return remember(flaggedCache, key, out);
}

/**
 * secretlint's hits in the paths (offsets within each path), from one run over all of them joined by newlines: its
 * rules know tokens the own rules do not (Shopify, Linear, Tailscale, Databricks, Figma…), in a file name too.
 */
async function lintedPaths(paths: string[], joined: string, key: string): Promise<ReadonlyMap<number, SecretHit[]>> {
  const hit = lintedCache.get(key);
  if (hit) return hit;
  const starts = startsOf(paths);
  const out = new Map<number, SecretHit[]>();
  for (const h of await secretlintHits('paths.txt', joined)) {
    const i = itemAt(starts, h.start);
    const start = h.start - starts[i];
    if (start >= paths[i].length) continue; // on a separator
    const own = out.get(i) ?? [];
    own.push({ start, end: Math.min(paths[i].length, h.end - starts[i]), rule: h.rule });
    out.set(i, own);
  }
  return remember(lintedCache, key, out);
}

/** Splits listed paths into clean ones and secret-looking ones by both scanners (left out whole, shown only with the secret redacted). */
export async function dropSecretPaths(paths: string[]): Promise<{ kept: string[]; omitted: { path: string; reason: 'secret_file'; detail: string }[] }> {
  const kept: string[] = [];
  const omitted: { path: string; reason: 'secret_file'; detail: string }[] = [];
  const joined = paths.join('\n');
  const key = createHash('sha256').update(joined).digest('base64');
  const flagged = flaggedPaths(paths, joined, key);
  const linted = await lintedPaths(paths, joined, key);
  paths.forEach((p, i) => {
    const own = flagged && !flagged.has(i) ? [] : findOwnSecrets('path.txt', p);
    const lint = linted.get(i);
    if (own.length === 0 && !lint) kept.push(p);
    else omitted.push({ path: applyRedactions(p, lint ? [...own, ...lint] : own).text, reason: 'secret_file', detail: 'secret-looking path (left out, name redacted)' });
  });
  return { kept, omitted };
}
